/**
 * Email addresses as owners (release 0.2): typed as they are or as Slack links them, kept apart from
 * aliases and users, and resolved to the addresses that are reached by email.
 */

import { parseCommand } from '../../src/core/command-parser';
import { parseEmailAddress } from '../../src/core/email-address';
import { applyListFilter } from '../../src/core/list-filter';
import {
  dedupeOwners,
  formatOwnerPlain,
  parseMentions,
  parseOwners,
  resolveOwnerEmails,
  resolveOwnerUsers,
} from '../../src/core/owners';
import { storedAction } from '../support/action-fixtures';

describe('parseEmailAddress', () => {
  it.each([
    ['data@wyp.example.org', 'data@wyp.example.org'],
    ['Data.Team@WYP.Example.org', 'Data.Team@wyp.example.org'],
    ['<mailto:data@wyp.example.org|data@wyp.example.org>', 'data@wyp.example.org'],
    ['<mailto:russ+ksi@wyp.example.org>', 'russ+ksi@wyp.example.org'],
  ])('reads %s', (typed, address) => {
    expect(parseEmailAddress(typed)).toBe(address);
  });

  it.each(['@priya', 'priya@', 'wyp.example.org', 'a@localhost', 'a..b@x.org', '.a@x.org', 'a@b@c.org'])(
    'refuses %s',
    (typed) => {
      expect(parseEmailAddress(typed)).toBeNull();
    },
  );

  it('answers at once for a long hostile run', () => {
    expect(parseEmailAddress(`${'a'.repeat(100_000)}@`)).toBeNull();
    expect(parseEmailAddress(`a@${'b-'.repeat(100_000)}`)).toBeNull();
  });
});

describe('email owners', () => {
  it('reads an address as an owner of its own, beside people and aliases', () => {
    expect(parseOwners('<@U1>, data@wyp.example.org and WYP')).toEqual([
      { kind: 'user', id: 'U1' },
      { kind: 'email', address: 'data@wyp.example.org' },
      { kind: 'alias', name: 'WYP' },
    ]);
  });

  it("reads Slack's mailto link as the address", () => {
    expect(parseOwners('<mailto:data@wyp.example.org|data@wyp.example.org>')).toEqual([
      { kind: 'email', address: 'data@wyp.example.org' },
    ]);
  });

  it('keeps one of the same address written in two cases', () => {
    expect(
      dedupeOwners([
        { kind: 'email', address: 'Data@wyp.example.org' },
        { kind: 'email', address: 'data@wyp.example.org' },
      ]),
    ).toHaveLength(1);
  });

  it('writes an address as itself', () => {
    expect(formatOwnerPlain({ kind: 'email', address: 'data@wyp.example.org' })).toBe('data@wyp.example.org');
  });

  it('adds an action for an address', () => {
    const command = parseCommand('add data@wyp.example.org to send the figures');
    expect(command).toMatchObject({
      kind: 'add',
      owners: [{ kind: 'email', address: 'data@wyp.example.org' }],
    });
  });
});

describe('aliases with email people', () => {
  it('maps an alias to people and addresses', () => {
    expect(parseCommand('owner WYP = <@U7> data@wyp.example.org')).toEqual({
      kind: 'owner-set',
      alias: 'WYP',
      userIds: ['U7', 'data@wyp.example.org'],
    });
  });

  it('refuses an address among the chairs, who act in the channel', () => {
    expect(() =>
      parseMentions('<@U1> chair@x.org', 'settings chairs', '`settings chairs @chris`', 'bad_setting'),
    ).toThrow(/chair@x\.org.*email address/);
  });

  it('resolves users and addresses apart, through aliases too', () => {
    const owners = parseOwners('WYP, <@U1>, sam@x.org');
    const aliases = { wyp: ['U7', 'data@wyp.example.org'] };
    expect(resolveOwnerUsers(owners, aliases)).toEqual(['U7', 'U1']);
    expect(resolveOwnerEmails(owners, aliases)).toEqual(['data@wyp.example.org', 'sam@x.org']);
  });
});

describe('list <address>', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const base = storedAction({ number: 1, owners: [{ kind: 'alias', name: 'WYP' }] });
  const direct = storedAction({ number: 2, owners: [{ kind: 'email', address: 'sam@x.org' }] });
  const other = storedAction({ number: 3, owners: [{ kind: 'user', id: 'U1' }] });

  it('finds the actions an address owns directly or through an alias, in any case', () => {
    const filter = {
      kind: 'owner' as const,
      owner: { kind: 'email' as const, address: 'DATA@wyp.example.org' },
    };
    const aliases = { wyp: ['data@wyp.example.org'] };
    const found = applyListFilter([base, direct, other], filter, { now, userId: 'U9', aliases });
    expect(found.map((a) => a.number)).toEqual([1]);
  });
});
