/**
 * The owner index behind the Home tab on the real Redis, where only raw keys can show it: actions stored
 * before the index existed (no `idx`, no index sets, no marker) are found all the same, indexed once,
 * and then kept right by updates.
 */
import type { ChannelRef } from '../../src/core/domain';
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

/** Makes the channel's data look as a release without the owner index left it. */
async function forgetIndex(channel: ChannelRef, numbers: number[]): Promise<void> {
  const base = `${r.prefix}:${channelTag(channel)}`;
  for (const n of numbers) await r.redis.hdel(`${base}:action:${n}`, 'idx');
  for (const user of ['U_PRIYA', 'U_RUSS']) await r.redis.del(`${base}:owner:u:${user}`);
  await r.redis.del(`${base}:raised:U_CHAIR`, `${base}:owner-index`);
}

describe('the owner index after an upgrade', () => {
  it('finds actions stored before the index existed, then keeps them right through updates', async () => {
    const channel = freshChannel({ team: 'T_UPGRADED' });
    const workspace = { platform: 'slack' as const, team: channel.team };
    const first = await store.create(
      draft(channel, { due: due('2026-08-01T16:00:00.000Z') }),
      entry('created'),
    );
    const second = await store.create(
      draft(channel, { due: due('2026-07-15T16:00:00.000Z') }),
      entry('created'),
    );
    const closed = await store.create(draft(channel), entry('created'));
    await store.update({ ...closed, state: 'done' }, entry('done'));
    await forgetIndex(channel, [1, 2, 3]);
    const base = `${r.prefix}:${channelTag(channel)}`;
    expect(await r.redis.exists(`${base}:owner:u:U_PRIYA`)).toBe(0);

    const home = await store.openActionsOf(workspace, 'U_PRIYA');
    expect(home.owned.map((a) => a.number)).toEqual([second.number, first.number]);
    expect(await r.redis.get(`${base}:owner-index`)).toBe('1');
    expect(await r.redis.zrange(`${base}:owner:u:U_PRIYA`, 0, '-1')).toEqual(['2', '1']);

    // The update script takes a backfilled action out of its old owner's set.
    const current = await store.get(channel, first.number);
    if (!current) throw new Error('the action is gone');
    await store.update({ ...current, owners: [{ kind: 'user', id: 'U_RUSS' }] }, entry('reassign'));
    expect((await store.openActionsOf(workspace, 'U_PRIYA')).owned.map((a) => a.number)).toEqual([2]);
    expect((await store.openActionsOf(workspace, 'U_RUSS')).owned.map((a) => a.number)).toEqual([1]);
  });
});
