/**
 * The core service against the in-memory store: what a user sees for each subcommand, and what is
 * stored. Messages go to a recording messenger (the Messenger port), the clock is fixed.
 */
import type { ChannelRef } from '../../src/core/domain';
import { type CoreHarness, coreHarness, must, replyText as textOf, viewText } from '../support/core-harness';

let h: CoreHarness;
beforeEach(() => {
  h = coreHarness(new Date('2026-11-18T10:00:00Z')); // a Wednesday
});

describe('add', () => {
  it('records the action, posts one card to the channel and keeps its message for updates', async () => {
    const reply = await h.service.command(h.as('U_CHAIR'), 'add <@U1|priya> to send the KSI data by 31 July');
    expect(reply).toEqual({ kind: 'none' });
    expect(h.messenger.posts).toHaveLength(1);
    const card = viewText(must(h.messenger.posts[0], 'a post').view);
    expect(card).toContain('#1');
    expect(card).toContain('send the KSI data');
    expect(card).toContain('Sat 31 Jul 2027');
    const stored = await h.store.get(h.channel, 1);
    expect(stored?.owners).toEqual([{ kind: 'user', id: 'U1' }]);
    expect(stored?.due?.date).toBe('2027-07-31');
    expect(stored?.message).toEqual(must(h.messenger.posts[0], 'a post').message);
    expect(h.scheduler.changed.map((a) => a.number)).toEqual([1]);
  });

  it('keeps words after "by" that are no date in the task', async () => {
    await h.service.command(h.as('U_CHAIR'), 'add WYP to share the figures provided by WYCA');
    const stored = await h.store.get(h.channel, 1);
    expect(stored?.text).toBe('share the figures provided by WYCA');
    expect(stored?.due).toBeNull();
    expect(stored?.owners).toEqual([{ kind: 'alias', name: 'WYP' }]);
  });

  it('refuses an impossible date, quoting it, and stores nothing', async () => {
    const reply = await h.service.command(h.as('U_CHAIR'), 'add <@U1> to send the data by 31 February');
    expect(reply.kind).toBe('ephemeral');
    expect(textOf(reply)).toContain('31 February');
    expect(await h.store.list(h.channel, 'all')).toEqual([]);
    expect(h.messenger.posts).toHaveLength(0);
  });

  it('refuses a date in the past', async () => {
    const reply = await h.service.command(h.as('U_CHAIR'), 'add <@U1> to send the data by 2025-01-01');
    expect(textOf(reply)).toMatch(/already passed/i);
    expect(await h.store.list(h.channel, 'all')).toEqual([]);
  });
});

describe('changing an action', () => {
  beforeEach(async () => {
    await h.service.command(h.as('U_CHAIR'), 'add <@U1> and WYP to send the KSI data by 20 November');
  });

  it('lets an owner close it with a note, updates the card in place and records history', async () => {
    const reply = await h.service.command(h.as('U1'), 'done #1 sent on Tuesday');
    expect(textOf(reply)).toContain('Closed #1');
    const stored = await h.store.get(h.channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.closedBy).toBe('U1');
    expect(stored?.closeNote).toBe('sent on Tuesday');
    expect(h.messenger.updates).toHaveLength(1);
    expect(viewText(must(h.messenger.updates[0], 'an update').view)).toContain('Closed by');
    const history = await h.store.history(h.channel, 1);
    expect(history.map((h) => h.kind)).toEqual(['created', 'done']);
  });

  it('refuses someone who is neither owner, raiser nor chair, saying why', async () => {
    const reply = await h.service.command(h.as('U_OTHER'), 'done 1');
    expect(textOf(reply)).toMatch(/only its owners/i);
    expect((await h.store.get(h.channel, 1))?.state).toBe('open');
  });

  it("lets an alias's people close it once the alias is mapped", async () => {
    await h.service.command(h.as('U_CHAIR'), 'owner WYP = <@U_RUSS> <@U_OZ>');
    const reply = await h.service.command(h.as('U_OZ'), 'done 1');
    expect(textOf(reply)).toContain('Closed #1');
  });

  it('lets anyone note, and a thread reply of "Done ✅" closes it', async () => {
    await h.service.command(h.as('U_OTHER'), 'note 1 waiting for the July figures');
    const parent = must((await h.store.get(h.channel, 1))?.message, 'the card message');
    const progress = await h.service.threadReply(h.as('U1'), parent, 'chasing the analyst');
    expect(textOf(progress)).toContain('Noted');
    await h.service.threadReply(h.as('U1'), parent, 'Done ✅');
    const stored = await h.store.get(h.channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.notes.map((x) => x.text)).toEqual(['waiting for the July figures', 'chasing the analyst']);
  });

  it('reads a thread reply as it reads a command: control and bidi characters dropped, over 3,000 characters refused', async () => {
    const parent = must((await h.store.get(h.channel, 1))?.message, 'the card message');
    await h.service.threadReply(h.as('U1'), parent, 'rang\u0000 them\u0007 🎉\u200F');
    const refused = await h.service.threadReply(h.as('U1'), parent, 'x'.repeat(50_000));
    expect(textOf(refused)).toContain('That message is 50,000 characters long; Arising takes at most 3,000');
    expect((await h.store.get(h.channel, 1))?.notes.map((x) => x.text)).toEqual(['rang them 🎉']);
  });

  it('snoozes a week on from the due date, and removes the due date with "none"', async () => {
    await h.service.command(h.as('U1'), 'snooze 1');
    expect((await h.store.get(h.channel, 1))?.due?.date).toBe('2026-11-27');
    await h.service.command(h.as('U1'), 'due 1 none');
    expect((await h.store.get(h.channel, 1))?.due).toBeNull();
  });

  it('says the new due date when snoozed by the Snooze button, as the command does', async () => {
    const value = JSON.stringify({ c: h.channel, n: 1 });
    const pressed = await h.service.button(h.as('U1'), 'snooze-1w', value);
    expect(textOf(pressed)).toBe('Snoozed #1: now due Fri 27 Nov.');
    const typed = await h.service.command(h.as('U1'), 'snooze 1 1 day');
    expect(textOf(typed)).toBe('Snoozed #1: now due Sat 28 Nov.');
  });

  it('reassigns, naming the new owners, and drops with a reason', async () => {
    const reply = await h.service.command(h.as('U_CHAIR'), 'reassign 1 <@U_SAM> and WYP');
    expect(textOf(reply)).toBe('Reassigned #1 to @U_SAM and WYP.');
    if (reply.kind !== 'ephemeral') throw new Error('Expected a private answer');
    expect(reply.view.blocks).toEqual([
      {
        kind: 'section',
        spans: [
          { kind: 'text', text: 'Reassigned #1 to ' },
          { kind: 'user', id: 'U_SAM' },
          { kind: 'text', text: ' and ' },
          { kind: 'text', text: 'WYP', bold: true },
          { kind: 'text', text: '.' },
        ],
      },
    ]);
    expect((await h.store.get(h.channel, 1))?.owners).toEqual([
      { kind: 'user', id: 'U_SAM' },
      { kind: 'alias', name: 'WYP' },
    ]);
    await h.service.command(h.as('U_CHAIR'), 'drop 1 no longer needed');
    const stored = await h.store.get(h.channel, 1);
    expect(stored?.state).toBe('dropped');
    expect(stored?.closeNote).toBe('no longer needed');
  });

  it('answers an unknown number clearly', async () => {
    const reply = await h.service.command(h.as('U1'), 'done 42');
    expect(textOf(reply)).toContain('no action #42');
  });

  it('does not let a button from another workspace touch the action', async () => {
    const value = JSON.stringify({ c: h.channel, n: 1 });
    const elsewhere: ChannelRef = { platform: 'slack', team: 'T_OTHER', channel: h.channel.channel };
    await h.service.button(h.as('U1', elsewhere), 'done', value);
    expect((await h.store.get(h.channel, 1))?.state).toBe('open');
  });
});

describe('list', () => {
  it('lists open actions soonest first with the overdue one marked', async () => {
    await h.service.command(h.as('U_CHAIR'), 'add <@U1> to write the report by 30 November');
    await h.service.command(h.as('U_CHAIR'), 'add <@U2> to book the room by tomorrow');
    await h.service.command(h.as('U_CHAIR'), 'add <@U2> to circulate the papers');
    const reply = await h.service.command(h.as('U2'), 'list');
    const blocks = reply.kind === 'ephemeral' ? reply.view.blocks : [];
    const lines = blocks.filter((b) => b.kind === 'section').map((b) => JSON.stringify(b));
    expect(lines[0]).toContain('#2');
    expect(lines[1]).toContain('#1');
    expect(lines[2]).toContain('#3');
    const mine = await h.service.command(h.as('U2'), 'list mine');
    expect(textOf(mine)).toContain('2');
    expect(JSON.stringify(mine)).not.toContain('write the report');
  });
});
