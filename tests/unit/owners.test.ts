import type { Owner } from '../../src/core/domain';
import { UserError } from '../../src/core/errors';
import {
  dedupeOwners,
  formatOwnerPlain,
  ownerKey,
  parseMentions,
  parseOwners,
  resolveOwnerUsers,
} from '../../src/core/owners';

const user = (id: string): Owner => ({ kind: 'user', id });
const alias = (name: string): Owner => ({ kind: 'alias', name });

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseOwners: mentions', () => {
  it.each([
    ['<@U123>', 'U123'],
    ['<@U123|priya>', 'U123'],
    ['<@W0ENTERPRISE|Priya Patel>', 'W0ENTERPRISE'],
    ['<@29:1abc-def>', '29:1abc-def'],
    ['<@29:1AbC_x-YZ|Sam Jones>', '29:1AbC_x-YZ'],
  ])('%s is the user %s', (text, id) => {
    expect(parseOwners(text)).toEqual([user(id)]);
  });

  it('reads mentions separated only by spaces as separate owners', () => {
    expect(parseOwners('<@U1> <@U2>  <@29:abc>')).toEqual([user('U1'), user('U2'), user('29:abc')]);
  });

  it('reads mentions written with no space between them', () => {
    expect(parseOwners('<@U1><@U2>')).toEqual([user('U1'), user('U2')]);
  });

  it.each(['<!channel>', '<!here>', '<#C123|general>', '<https://example.com|site>', '<@>', '<@ U1>'])(
    'refuses %s, which cannot own an action, quoting it',
    (text) => {
      const error = refusal(() => parseOwners(`<@U1> and ${text}`));
      expect(error.code).toBe('bad_command');
      expect(error.message).toContain(`\`${text}\``);
      expect(error.message).toContain('`add @priya and WYP to send the data`');
    },
  );
});

describe('parseOwners: aliases and names', () => {
  it.each([
    ['WYP', 'WYP'],
    ['Clerk', 'Clerk'],
    ['Priya', 'Priya'],
    ['Cllr Smith', 'Cllr Smith'],
    ['  Cllr   Smith  ', 'Cllr Smith'],
    ['R&D', 'R&D'],
    ['K. Kaiser', 'K. Kaiser'],
    ['Zoë Ñúñez', 'Zoë Ñúñez'],
  ])('%j is the alias %j', (text, name) => {
    expect(parseOwners(text)).toEqual([alias(name)]);
  });

  it('keeps a plain @name the platform did not turn into a mention as an alias, without the @', () => {
    expect(parseOwners('@priya')).toEqual([alias('priya')]);
    expect(parseOwners('@@priya')).toEqual([alias('priya')]);
  });

  it('treats each plain @name as one owner, so @priya @sam are two', () => {
    expect(parseOwners('@priya @sam')).toEqual([alias('priya'), alias('sam')]);
    expect(parseOwners('Cllr Smith @sam')).toEqual([alias('Cllr Smith'), alias('sam')]);
  });

  it('ignores an @ standing alone', () => {
    expect(parseOwners('@ WYP')).toEqual([alias('WYP')]);
  });

  it('refuses a "name" too long to be one', () => {
    const long = 'word '.repeat(20).trim();
    const error = refusal(() => parseOwners(long));
    expect(error.code).toBe('bad_command');
    expect(error.message).toContain('too long');
    expect(error.message).toContain('`add @priya to send the data by 31 July`');
  });
});

describe('parseOwners: several owners', () => {
  it.each([
    ['WYP/DMPC', [alias('WYP'), alias('DMPC')]],
    ['WYP / DMPC', [alias('WYP'), alias('DMPC')]],
    ['@a and @b', [alias('a'), alias('b')]],
    ['<@U1> and <@U2>', [user('U1'), user('U2')]],
    ['<@U1> AND Clerk', [user('U1'), alias('Clerk')]],
    ['<@U1>, <@U2>, WYP', [user('U1'), user('U2'), alias('WYP')]],
    ['<@U1>,<@U2>', [user('U1'), user('U2')]],
    ['Clerk & Chair', [alias('Clerk'), alias('Chair')]],
    ['<@U1>&<@U2>', [user('U1'), user('U2')]],
    ['Cllr Smith; Cllr Jones', [alias('Cllr Smith'), alias('Cllr Jones')]],
    [
      'Cllr Smith, the Clerk and <@29:1abc-def>',
      [alias('Cllr Smith'), alias('the Clerk'), user('29:1abc-def')],
    ],
    ['WYP <@U1> Cllr Smith', [alias('WYP'), user('U1'), alias('Cllr Smith')]],
    ['<@U1|priya>/<@U2|sam>/WYP', [user('U1'), user('U2'), alias('WYP')]],
  ])('%j', (text, owners) => {
    expect(parseOwners(text)).toEqual(owners);
  });

  it('keeps & inside a word as part of the alias', () => {
    expect(parseOwners('R&D and Finance')).toEqual([alias('R&D'), alias('Finance')]);
  });

  it('drops duplicates: the same user, and the same alias in any case, keeping the first', () => {
    expect(parseOwners('<@U1> <@U1|priya> and WYP, wyp/Wyp')).toEqual([user('U1'), alias('WYP')]);
  });

  it('returns no owners for text with only separators or nothing', () => {
    expect(parseOwners('')).toEqual([]);
    expect(parseOwners(' , and / & ')).toEqual([]);
  });
});

describe('ownerKey', () => {
  it('keys users by id and aliases lower-cased', () => {
    expect(ownerKey(user('U1'))).toBe('user:U1');
    expect(ownerKey(alias('WYP'))).toBe('alias:wyp');
    expect(ownerKey(alias('Cllr Smith'))).toBe('alias:cllr smith');
  });

  it('never confuses a user with an alias of the same text', () => {
    expect(ownerKey(user('wyp'))).not.toBe(ownerKey(alias('wyp')));
  });

  it('backs dedupeOwners', () => {
    expect(dedupeOwners([alias('Clerk'), user('U1'), alias('CLERK'), user('U1')])).toEqual([
      alias('Clerk'),
      user('U1'),
    ]);
  });
});

describe('formatOwnerPlain', () => {
  it('writes a user as @id and an alias as written', () => {
    expect(formatOwnerPlain(user('U1'))).toBe('@U1');
    expect(formatOwnerPlain(alias('Cllr Smith'))).toBe('Cllr Smith');
  });
});

describe('resolveOwnerUsers', () => {
  const aliases = { WYP: ['U7', 'U8'], clerk: ['U9'], Empty: [] };

  it('gives the users themselves and the people of each alias, matching aliases in any case', () => {
    expect(resolveOwnerUsers([user('U1'), alias('wyp'), alias('CLERK')], aliases)).toEqual([
      'U1',
      'U7',
      'U8',
      'U9',
    ]);
  });

  it('gives nobody for an unmapped alias or an alias mapped to no one', () => {
    expect(resolveOwnerUsers([alias('DMPC'), alias('empty')], aliases)).toEqual([]);
  });

  it('lists each user once', () => {
    expect(resolveOwnerUsers([user('U7'), alias('WYP'), alias('wyp')], aliases)).toEqual(['U7', 'U8']);
  });

  it('merges aliases whose names differ only in case', () => {
    expect(resolveOwnerUsers([alias('FE')], { FE: ['U1'], fe: ['U2'] })).toEqual(['U1', 'U2']);
  });
});

describe('parseMentions', () => {
  it('gives the user ids of mentions', () => {
    expect(parseMentions('<@U1> <@U2|oz>, <@U1>', 'owner WYP =', '`owner WYP = @russ @oz`')).toEqual([
      'U1',
      'U2',
    ]);
  });

  it('refuses a plain @name, quoting it as typed and showing the form', () => {
    const error = refusal(() => parseMentions('<@U1> @russ', 'owner WYP =', '`owner WYP = @russ @oz`'));
    expect(error.code).toBe('bad_command');
    expect(error.message).toContain('`@russ`');
    expect(error.message).toContain('`owner WYP = @russ @oz`');
  });

  it('refuses a name with the code asked for', () => {
    const error = refusal(() =>
      parseMentions('Russ', 'settings chairs', '`settings chairs @priya`', 'bad_setting'),
    );
    expect(error.code).toBe('bad_setting');
    expect(error.message).toContain('`Russ`');
  });
});
