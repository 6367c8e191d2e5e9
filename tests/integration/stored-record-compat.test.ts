/**
 * Records stay readable across the compact encoding (0.3): an action written by 0.1 or 0.2, with the
 * channel and every null and empty field in its JSON and a full history entry, reads back as the same
 * action, lists, takes an update and keeps its history; an action written now is stored without what
 * its key or the defaults already say (the channel, nulls, empty notes), which is where a third of its
 * memory went, and reads back whole.
 */
import type { Action, HistoryEntry } from '../../src/core/domain';
import { channelKeys } from '../../src/store/keys';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, freshChannel, T0 } from '../support/action-fixtures';
import { type TestRedis, testRedis } from '../support/redis';

let r: TestRedis;
let store: RedisActionStore;

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
});

afterAll(async () => {
  await r.cleanup();
});

const LATER = '2026-07-02T10:00:00.000Z';

describe('stored records across versions', () => {
  it('reads, lists, updates and keeps the history of an action stored by 0.1/0.2', async () => {
    const channel = freshChannel();
    const keys = channelKeys(r.prefix, channel);
    // Exactly what 0.1 and 0.2 wrote for `add @priya to send the KSI data … by 31 July` in meeting m1.
    const oldJson = JSON.stringify({
      channel,
      owners: [{ kind: 'user', id: 'U_PRIYA' }],
      text: 'send the KSI data for July–Dec 2021',
      due: { at: '2026-07-31T16:00:00.000Z', date: '2026-07-31', time: null, nextMeeting: false },
      state: 'open',
      raisedBy: 'U_CHAIR',
      createdAt: T0,
      updatedAt: T0,
      closedBy: null,
      closedAt: null,
      closeNote: null,
      notes: [],
      meetingId: 'm1',
      agendaItem: '5',
      agendaTitle: 'Road Safety',
    });
    const oldHistory = JSON.stringify({ at: T0, by: 'U_CHAIR', kind: 'created', changes: {}, text: null });
    await r.redis
      .multi()
      .set(keys.seq, '1')
      .hset(keys.action(1), 'json', oldJson, 'version', '0', 'message', '{"conversation":"C9","id":"1.2"}')
      .zadd(keys.state('open'), Date.parse('2026-07-31T16:00:00.000Z'), '1')
      .rpush(keys.history(1), oldHistory)
      .exec();

    const expected: Action = {
      ...draft(channel, { meetingId: 'm1', agendaItem: '5', agendaTitle: 'Road Safety' }),
      number: 1,
      version: 0,
      message: { conversation: 'C9', id: '1.2' },
    };
    expect(await store.get(channel, 1)).toEqual(expected);
    expect(await store.list(channel, 'open')).toEqual([expected]);

    const closed: Action = {
      ...expected,
      state: 'done',
      closedBy: 'U_PRIYA',
      closedAt: LATER,
      updatedAt: LATER,
    };
    const entry: HistoryEntry = { at: LATER, by: 'U_PRIYA', kind: 'done', changes: {}, text: null };
    await store.update(closed, entry);
    expect(await store.get(channel, 1)).toEqual({ ...closed, version: 1 });
    expect(await store.list(channel, 'done')).toEqual([{ ...closed, version: 1 }]);
    expect(await store.history(channel, 1)).toEqual([
      { at: T0, by: 'U_CHAIR', kind: 'created', changes: {}, text: null },
      entry,
    ]);
  });

  it('stores a new action without its channel or default fields, and reads it back whole', async () => {
    const channel = freshChannel();
    const keys = channelKeys(r.prefix, channel);
    const created = await store.create(draft(channel), {
      at: T0,
      by: 'U_CHAIR',
      kind: 'created',
      changes: {},
      text: null,
    });
    const json = JSON.parse((await r.redis.hget(keys.action(created.number), 'json')) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(json).sort()).toEqual(
      ['createdAt', 'due', 'owners', 'raisedBy', 'state', 'text', 'updatedAt'].sort(),
    );
    expect(json.due).toEqual({ at: '2026-07-31T16:00:00.000Z', date: '2026-07-31' });
    expect(await r.redis.lrange(keys.history(created.number), 0, -1)).toEqual([
      JSON.stringify({ at: T0, by: 'U_CHAIR', kind: 'created' }),
    ]);
    expect(await store.get(channel, created.number)).toEqual({ ...draft(channel), number: 1, version: 0 });

    // Every field set, then cleared again: nothing is lost either way.
    const full: Action = {
      ...created,
      state: 'dropped',
      closedBy: 'U_CHAIR',
      closedAt: LATER,
      closeNote: 'no longer needed',
      notes: [{ by: 'U_PRIYA', at: LATER, text: 'half done' }],
      due: { at: '2026-07-31T13:00:00.000Z', date: '2026-07-31', time: '14:00', nextMeeting: true },
      meetingId: 'm2',
      agendaItem: '3',
      agendaTitle: 'Finance',
      updatedAt: LATER,
    };
    const note: HistoryEntry = {
      at: LATER,
      by: 'U_CHAIR',
      kind: 'drop',
      changes: { state: { from: 'open', to: 'dropped' } },
      text: 'no longer needed',
    };
    await store.update(full, note);
    expect(await store.get(channel, created.number)).toEqual({ ...full, version: 1 });
    expect((await store.history(channel, created.number))[1]).toEqual(note);
  });
});
