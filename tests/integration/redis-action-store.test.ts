/**
 * The Redis ActionStore's Lua scripts against the real Redis: after any sequence of creates and updates,
 * and under concurrent ones, the raw keys agree (every index entry has its record, in that state, with
 * its due date as score, and a history entry per write). What every store promises (numbering, versions,
 * history, lists, scoping) is the store contract's: tests/integration/redis-store-contract.test.ts.
 */
import fc from 'fast-check';
import type { Action, ChannelRef } from '../../src/core/domain';
import { ConflictError } from '../../src/core/errors';
import { channelTag } from '../../src/store/keys';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry, freshChannel } from '../support/action-fixtures';
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
