/**
 * The core service against the real Redis store: what a user sees for each subcommand, and what is
 * stored. Messages go to a recording messenger (the Messenger port), the clock is fixed.
 */
import { AriseService } from '../../src/core/arising-service';
import type { Reply } from '../../src/core/chat-service';
import type { Action, Actor, ChannelRef, MessageRef } from '../../src/core/domain';
import type { Destination, Messenger, Scheduler } from '../../src/core/ports';
import type { View } from '../../src/core/view';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { type TestRedis, testRedis } from '../support/redis';

class Recorder implements Messenger {
  posts: { to: Destination; view: View }[] = [];
  updates: { message: MessageRef; view: View }[] = [];
  async post(to: Destination, view: View): Promise<MessageRef> {
    this.posts.push({ to, view });
    return { conversation: 'C-posted', id: `ts-${this.posts.length}` };
  }
  async update(_c: ChannelRef, message: MessageRef, view: View): Promise<void> {
    this.updates.push({ message, view });
  }
}

class SchedulerLog implements Scheduler {
  changed: Action[] = [];
  async actionChanged(action: Action): Promise<void> {
    this.changed.push(action);
  }
  async channelChanged(): Promise<void> {}
}

const NOW = new Date('2026-11-18T10:00:00Z'); // a Wednesday
let r: TestRedis;
let store: RedisActionStore;
let messenger: Recorder;
let scheduler: SchedulerLog;
let service: AriseService;
let n = 0;
let channel: ChannelRef;
const as = (userId: string, ch = channel): Actor => ({ channel: ch, userId });
const textOf = (reply: Reply): string =>
  reply.kind === 'ephemeral' || reply.kind === 'channel' ? reply.view.text : '';
const viewText = (v: View): string => JSON.stringify(v.blocks);

beforeAll(async () => {
  r = await testRedis();
});
afterAll(() => r.cleanup());
beforeEach(() => {
  n += 1;
  channel = { platform: 'slack', team: 'T1', channel: `C${n}` };
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  messenger = new Recorder();
  scheduler = new SchedulerLog();
  service = new AriseService({
    store,
    messenger,
    scheduler,
    clock: { now: () => NOW },
    defaultTimezone: 'Europe/London',
  });
});

describe('add', () => {
  it('records the action, posts one card to the channel and keeps its message for updates', async () => {
    const reply = await service.command(as('U_CHAIR'), 'add <@U1|priya> to send the KSI data by 31 July');
    expect(reply).toEqual({ kind: 'none' });
    expect(messenger.posts).toHaveLength(1);
    const card = viewText(messenger.posts[0]!.view);
    expect(card).toContain('#1');
    expect(card).toContain('send the KSI data');
    expect(card).toContain('Sat 31 Jul 2027');
    const stored = await store.get(channel, 1);
    expect(stored?.owners).toEqual([{ kind: 'user', id: 'U1' }]);
    expect(stored?.due?.date).toBe('2027-07-31');
    expect(stored?.message).toEqual({ conversation: 'C-posted', id: 'ts-1' });
    expect(scheduler.changed.map((a) => a.number)).toEqual([1]);
  });

  it('keeps words after "by" that are no date in the task', async () => {
    await service.command(as('U_CHAIR'), 'add WYP to share the figures provided by WYCA');
    const stored = await store.get(channel, 1);
    expect(stored?.text).toBe('share the figures provided by WYCA');
    expect(stored?.due).toBeNull();
    expect(stored?.owners).toEqual([{ kind: 'alias', name: 'WYP' }]);
  });

  it('refuses an impossible date, quoting it, and stores nothing', async () => {
    const reply = await service.command(as('U_CHAIR'), 'add <@U1> to send the data by 31 February');
    expect(reply.kind).toBe('ephemeral');
    expect(textOf(reply)).toContain('31 February');
    expect(await store.list(channel, 'all')).toEqual([]);
    expect(messenger.posts).toHaveLength(0);
  });

  it('refuses a date in the past', async () => {
    const reply = await service.command(as('U_CHAIR'), 'add <@U1> to send the data by 2025-01-01');
    expect(textOf(reply)).toMatch(/already passed/i);
    expect(await store.list(channel, 'all')).toEqual([]);
  });
});

describe('changing an action', () => {
  beforeEach(async () => {
    await service.command(as('U_CHAIR'), 'add <@U1> and WYP to send the KSI data by 20 November');
  });

  it('lets an owner close it with a note, updates the card in place and records history', async () => {
    const reply = await service.command(as('U1'), 'done #1 sent on Tuesday');
    expect(textOf(reply)).toContain('Closed #1');
    const stored = await store.get(channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.closedBy).toBe('U1');
    expect(stored?.closeNote).toBe('sent on Tuesday');
    expect(messenger.updates).toHaveLength(1);
    expect(viewText(messenger.updates[0]!.view)).toContain('Closed by');
    const history = await store.history(channel, 1);
    expect(history.map((h) => h.kind)).toEqual(['created', 'done']);
  });

  it('refuses someone who is neither owner, raiser nor chair, saying why', async () => {
    const reply = await service.command(as('U_OTHER'), 'done 1');
    expect(textOf(reply)).toMatch(/only its owners/i);
    expect((await store.get(channel, 1))?.state).toBe('open');
  });

  it("lets an alias's people close it once the alias is mapped", async () => {
    await service.command(as('U_CHAIR'), 'owner WYP = <@U_RUSS> <@U_OZ>');
    const reply = await service.command(as('U_OZ'), 'done 1');
    expect(textOf(reply)).toContain('Closed #1');
  });

  it('lets anyone note, and a thread reply of "Done ✅" closes it', async () => {
    await service.command(as('U_OTHER'), 'note 1 waiting for the July figures');
    const parent = (await store.get(channel, 1))?.message;
    expect(parent).toBeTruthy();
    const progress = await service.threadReply(as('U1'), parent!, 'chasing the analyst');
    expect(textOf(progress!)).toContain('Noted');
    await service.threadReply(as('U1'), parent!, 'Done ✅');
    const stored = await store.get(channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.notes.map((x) => x.text)).toEqual(['waiting for the July figures', 'chasing the analyst']);
  });

  it('snoozes a week on from the due date, and removes the due date with "none"', async () => {
    await service.command(as('U1'), 'snooze 1');
    expect((await store.get(channel, 1))?.due?.date).toBe('2026-11-27');
    await service.command(as('U1'), 'due 1 none');
    expect((await store.get(channel, 1))?.due).toBeNull();
  });

  it('reassigns and drops with a reason', async () => {
    await service.command(as('U_CHAIR'), 'reassign 1 <@U_SAM>');
    expect((await store.get(channel, 1))?.owners).toEqual([{ kind: 'user', id: 'U_SAM' }]);
    await service.command(as('U_CHAIR'), 'drop 1 no longer needed');
    const stored = await store.get(channel, 1);
    expect(stored?.state).toBe('dropped');
    expect(stored?.closeNote).toBe('no longer needed');
  });

  it('answers an unknown number clearly', async () => {
    const reply = await service.command(as('U1'), 'done 42');
    expect(textOf(reply)).toContain('no action #42');
  });

  it('does not let a button from another workspace touch the action', async () => {
    const value = JSON.stringify({ c: channel, n: 1 });
    const elsewhere: ChannelRef = { platform: 'slack', team: 'T_OTHER', channel: channel.channel };
    await service.button(as('U1', elsewhere), 'done', value);
    expect((await store.get(channel, 1))?.state).toBe('open');
  });
});

describe('list', () => {
  it('lists open actions soonest first with the overdue one marked', async () => {
    await service.command(as('U_CHAIR'), 'add <@U1> to write the report by 30 November');
    await service.command(as('U_CHAIR'), 'add <@U2> to book the room by tomorrow');
    await service.command(as('U_CHAIR'), 'add <@U2> to circulate the papers');
    const reply = await service.command(as('U2'), 'list');
    const blocks = reply.kind === 'ephemeral' ? reply.view.blocks : [];
    const lines = blocks.filter((b) => b.kind === 'section').map((b) => JSON.stringify(b));
    expect(lines[0]).toContain('#2');
    expect(lines[1]).toContain('#1');
    expect(lines[2]).toContain('#3');
    const mine = await service.command(as('U2'), 'list mine');
    expect(textOf(mine)).toContain('2');
    expect(JSON.stringify(mine)).not.toContain('write the report');
  });
});
