/**
 * The Redis ActionStore against the real Redis: numbering, optimistic updates, atomicity of records and
 * indexes, scoping between channels, teams and platforms, history, ordering, one-off claims, the key
 * scheme, and failing fast with UnavailableError when Redis cannot be reached.
 */
import fc from 'fast-check';
import type { Action, ChannelRef } from '../../src/core/domain';
import { ConflictError } from '../../src/core/errors';
import { channelTag } from '../../src/store/keys';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry, freshChannel, T0 } from '../support/action-fixtures';
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

describe('create, get and update', () => {
  it('stores an action and reads back the same fields, number 1 and version 0', async () => {
    const channel = freshChannel();
    const created = await store.create(draft(channel), entry('created'));
    expect(created).toMatchObject({ number: 1, version: 0, state: 'open', channel });
    expect(await store.get(channel, 1)).toEqual(created);
    expect(await store.get(channel, 2)).toBeNull();
  });

  it('numbers 1, 2, 3 per channel, independently in each channel', async () => {
    const a = freshChannel();
    const b = freshChannel();
    const numbers: number[] = [];
    for (const ch of [a, a, b, a, b]) numbers.push((await store.create(draft(ch), entry('created'))).number);
    expect(numbers).toEqual([1, 2, 1, 3, 2]);
  });

  it('gives 50 concurrent creates the distinct numbers 1 to 50, each stored with its own text', async () => {
    const channel = freshChannel();
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.create(draft(channel, { text: `task ${i}` }), entry('created')),
      ),
    );
    expect(created.map((a) => a.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    for (const a of created) expect((await store.get(channel, a.number))?.text).toBe(a.text);
    expect(await store.list(channel, 'open')).toHaveLength(50);
  });

  it('updates with version + 1, moves the action between state lists and appends history', async () => {
    const channel = freshChannel();
    const created = await store.create(draft(channel), entry('created'));
    const closedAt = '2026-07-02T10:00:00.000Z';
    const done: Action = { ...created, state: 'done', closedBy: 'U_PRIYA', closedAt, updatedAt: closedAt };
    const changes = { state: { from: 'open', to: 'done' } };
    const updated = await store.update(done, entry('done', 'U_PRIYA', closedAt, changes));
    expect(updated.version).toBe(1);
    expect(await store.get(channel, 1)).toEqual(updated);
    expect(await store.list(channel, 'open')).toEqual([]);
    expect(await store.list(channel, 'done')).toEqual([updated]);
    expect(await store.history(channel, 1)).toEqual([
      entry('created'),
      { at: closedAt, by: 'U_PRIYA', kind: 'done', changes, text: null },
    ]);
  });

  it('refuses a stale update with ConflictError and writes nothing', async () => {
    const channel = freshChannel();
    const created = await store.create(draft(channel), entry('created'));
    await store.update({ ...created, text: 'first edit' }, entry('edit'));
    const stale = { ...created, state: 'dropped' as const, text: 'stale edit' };
    await expect(store.update(stale, entry('drop'))).rejects.toBeInstanceOf(ConflictError);
    const stored = await store.get(channel, 1);
    expect(stored).toMatchObject({ text: 'first edit', state: 'open', version: 1 });
    expect(await store.history(channel, 1)).toHaveLength(2);
    expect(await store.list(channel, 'dropped')).toEqual([]);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const channel = freshChannel();
    const created = await store.create(draft(channel), entry('created'));
    const results = await Promise.allSettled([
      store.update({ ...created, text: 'edit A' }, entry('edit')),
      store.update({ ...created, text: 'edit B' }, entry('edit')),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((x) => x.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    expect(await store.history(channel, 1)).toHaveLength(2);
  });

  it('refuses to update an action that was never created', async () => {
    const channel = freshChannel();
    const ghost: Action = { ...draft(channel), number: 7, version: 0, closedBy: null };
    await expect(store.update(ghost, entry('edit'))).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get(channel, 7)).toBeNull();
    expect(await store.list(channel, 'all')).toEqual([]);
  });

  it('creates many in the given order with consecutive numbers and one history entry each', async () => {
    const channel = freshChannel();
    await store.create(draft(channel), entry('created'));
    const texts = Array.from({ length: 450 }, (_, i) => `imported ${i}`);
    const created = await store.createMany(
      texts.map((text) => draft(channel, { text })),
      (a) => ({ ...entry('imported'), text: a.text }),
    );
    expect(created.map((a) => a.number)).toEqual(texts.map((_, i) => i + 2));
    expect((await store.get(channel, 451))?.text).toBe('imported 449');
    expect(await store.history(channel, 2)).toEqual([{ ...entry('imported'), text: 'imported 0' }]);
    expect(await store.list(channel, 'open')).toHaveLength(451);
  });
});

describe('atomicity of records and indexes', () => {
  type Step =
    | { kind: 'create'; state: Action['state']; dueDay: number | null }
    | { kind: 'update'; pick: number; state: Action['state']; dueDay: number | null; stale: boolean };
  const state = fc.constantFrom<Action['state']>('open', 'done', 'dropped');
  const dueDay = fc.option(fc.integer({ min: 1, max: 28 }));
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), state, dueDay }),
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), state, dueDay, stale: fc.boolean() }),
  );
  const dueOn = (day: number | null) =>
    day === null ? null : due(`2026-08-${String(day).padStart(2, '0')}T16:00:00.000Z`);

  /**
   * Reads the raw keys and checks, with no model of what happened: every index entry has its record, in
   * that state, with the due date as score; every numbered action is in exactly one index; and its
   * history has one entry per write (version + 1). Returns each number's state.
   */
  async function assertIndexesMatchRecords(channel: ChannelRef): Promise<Map<number, string>> {
    const base = `${r.prefix}:${channelTag(channel)}`;
    const seen = new Map<number, string>();
    for (const s of ['open', 'done', 'dropped']) {
      const members = await r.redis.zrange(`${base}:state:${s}`, 0, '-1', 'WITHSCORES');
      for (let i = 0; i < members.length; i += 2) {
        const n = Number(members[i]);
        expect(seen.has(n)).toBe(false);
        seen.set(n, s);
        const [json, version] = await r.redis.hmget(`${base}:action:${n}`, 'json', 'version');
        expect(json).not.toBeNull();
        const record = JSON.parse(json ?? '{}');
        expect(record.state).toBe(s);
        const score = record.due ? Date.parse(record.due.at) : Number.POSITIVE_INFINITY;
        const stored = members[i + 1];
        expect(stored === 'inf' ? Number.POSITIVE_INFINITY : Number(stored)).toBe(score);
        expect(await r.redis.llen(`${base}:history:${n}`)).toBe(Number(version) + 1);
      }
    }
    const last = Number(await r.redis.get(`${base}:seq`));
    expect([...seen.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    return seen;
  }

  it('keeps every index entry pointing at an existing action in that state, after any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const channel = freshChannel({ team: 'Tprop' });
        const expected = new Map<number, { state: string; changes: number }>();
        for (const s of steps) {
          if (s.kind === 'create') {
            const a = await store.create(
              draft(channel, { state: s.state, due: dueOn(s.dueDay) }),
              entry('created'),
            );
            expected.set(a.number, { state: s.state, changes: 0 });
            continue;
          }
          if (expected.size === 0) continue;
          const n = (s.pick % expected.size) + 1;
          const current = await store.get(channel, n);
          if (!current) throw new Error(`#${n} vanished`);
          const next = { ...current, state: s.state, due: dueOn(s.dueDay) };
          if (s.stale) {
            const version = current.version > 0 ? current.version - 1 : current.version + 1;
            await expect(store.update({ ...next, version }, entry('x'))).rejects.toThrow(ConflictError);
          } else {
            await store.update(next, entry('x'));
            expected.set(n, { state: s.state, changes: (expected.get(n)?.changes ?? 0) + 1 });
          }
        }
        const states = await assertIndexesMatchRecords(channel);
        expect(states).toEqual(new Map([...expected].map(([n, e]) => [n, e.state])));
        for (const [n, e] of expected) expect(await store.history(channel, n)).toHaveLength(1 + e.changes);
      }),
      { numRuns: 20 },
    );
  });

  it('stays consistent under concurrent creates and racing updates of the same actions', async () => {
    const channel = freshChannel({ team: 'Trace' });
    const states: Action['state'][] = ['open', 'done', 'dropped'];
    const worker = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        if (i % 3 === 0) {
          await store.create(draft(channel, { text: `w${w} i${i}` }), entry('created'));
          continue;
        }
        const current = await store.get(channel, 1 + ((w + i) % 3));
        if (!current) continue;
        const next = { ...current, state: states[(w + i) % 3] ?? 'open', due: w % 2 ? null : current.due };
        await store.update(next, entry('race')).catch((err: unknown) => {
          if (!(err instanceof ConflictError)) throw err;
        });
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
    const indexed = await assertIndexesMatchRecords(channel);
    expect(indexed.size).toBe(12 * 5);
    expect((await store.list(channel, 'all')).length).toBe(60);
  });
});

describe('scoping', () => {
  it('keeps actions, aliases, settings and meetings apart per channel, team and platform', async () => {
    const home = freshChannel();
    const others: ChannelRef[] = [
      { ...home, channel: `${home.channel}-other` },
      { ...home, team: 'T2' },
      { ...home, platform: 'teams' },
    ];
    await store.create(draft(home, { text: 'home task' }), entry('created'));
    await store.setAlias(home, 'WYP', ['U_RUSS']);
    await store.saveSettings(home, {
      ...(await store.getSettings(home)),
      timezone: 'Europe/Paris',
      chairs: ['U1'],
    });
    await store.saveMeetings(home, { ...(await store.getMeetings(home)), next: '2026-09-01' });
    for (const other of others) {
      expect(await store.get(other, 1)).toBeNull();
      expect(await store.list(other, 'all')).toEqual([]);
      expect(await store.getAliases(other)).toEqual({});
      expect((await store.getSettings(other)).timezone).toBeNull();
      expect((await store.getMeetings(other)).next).toBeNull();
      const own = await store.create(draft(other, { text: 'their task' }), entry('created'));
      expect(own.number).toBe(1);
    }
    expect((await store.list(home, 'all')).map((a) => a.text)).toEqual(['home task']);
  });
});

describe('history', () => {
  it('records an entry per change with who, when and what, oldest first', async () => {
    const channel = freshChannel();
    const a0 = await store.create(draft(channel), entry('created', 'U_CHAIR', T0));
    const newDue = due('2026-08-14T16:00:00.000Z');
    const a1 = await store.update(
      { ...a0, due: newDue },
      entry('due', 'U_PRIYA', '2026-07-03T08:00:00.000Z', { due: { from: a0.due, to: newDue } }),
    );
    await store.update(
      { ...a1, state: 'dropped', closeNote: 'no longer needed' },
      { ...entry('drop', 'U_CHAIR', '2026-07-04T08:00:00.000Z'), text: 'no longer needed' },
    );
    const history = await store.history(channel, 1);
    expect(history.map((h) => [h.kind, h.by, h.at])).toEqual([
      ['created', 'U_CHAIR', T0],
      ['due', 'U_PRIYA', '2026-07-03T08:00:00.000Z'],
      ['drop', 'U_CHAIR', '2026-07-04T08:00:00.000Z'],
    ]);
    expect(history[1]?.changes).toEqual({ due: { from: a0.due, to: newDue } });
    expect(history[2]?.text).toBe('no longer needed');
  });
});

describe('list', () => {
  it('orders by due date, undated last, ties by number (10 after 9)', async () => {
    const channel = freshChannel();
    const dues = [
      '2026-09-01T16:00:00.000Z',
      null,
      '2026-07-15T16:00:00.000Z',
      ...Array.from({ length: 7 }, () => '2026-08-01T16:00:00.000Z'),
      null,
      '2026-08-01T16:00:00.000Z',
    ];
    for (const d of dues) await store.create(draft(channel, { due: d ? due(d) : null }), entry('created'));
    const numbers = (await store.list(channel, 'open')).map((a) => a.number);
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 12, 1, 2, 11]);
  });

  it('lists each state apart and all of them together', async () => {
    const channel = freshChannel();
    await store.create(draft(channel, { state: 'open' }), entry('created'));
    await store.create(draft(channel, { state: 'done' }), entry('created'));
    await store.create(draft(channel, { state: 'dropped' }), entry('created'));
    expect((await store.list(channel, 'open')).map((a) => a.number)).toEqual([1]);
    expect((await store.list(channel, 'done')).map((a) => a.number)).toEqual([2]);
    expect((await store.list(channel, 'dropped')).map((a) => a.number)).toEqual([3]);
    expect((await store.list(channel, 'all')).map((a) => a.number)).toEqual([1, 2, 3]);
  });
});
