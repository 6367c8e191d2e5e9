/**
 * The reminder ledger's record of DMs shown, against the real Redis: what a closed action's reminders are
 * updated from, so none may be lost (up to the cap) and the record must not stay for ever.
 */

import type { Action } from '../../src/core/domain';
import { actionJobKeys, RedisReminderLedger } from '../../src/store/redis-reminder-ledger';
import { draft, freshChannel } from '../support/action-fixtures';
import { type TestRedis, testRedis } from '../support/redis';

let r: TestRedis;
let ledger: RedisReminderLedger;

beforeAll(async () => {
  r = await testRedis();
  ledger = new RedisReminderLedger(r.redis, r.prefix);
});
afterAll(async () => {
  await r.cleanup();
});

const DAY_MS = 86_400_000;

describe('DMs shown', () => {
  it('remembers each DM in order, keeps the newest 200, and expires the record months after the last', async () => {
    const channel = freshChannel();
    const action: Action = { ...draft(channel), number: 3, version: 0 };
    const dm = (i: number) => ({ conversation: `D${i % 7}`, id: `1700000000.${String(i).padStart(6, '0')}` });
    for (let i = 1; i <= 205; i++) await ledger.remember(action, dm(i));

    const shown = await ledger.remembered(channel, 3);
    expect(shown).toHaveLength(200);
    expect(shown[0]).toEqual(dm(6));
    expect(shown.at(-1)).toEqual(dm(205));
    const ttl = await r.redis.pttl(actionJobKeys(r.prefix, channel, 3).dms);
    expect(ttl).toBeGreaterThan(100 * DAY_MS);
    expect(ttl).toBeLessThanOrEqual(120 * DAY_MS);

    await ledger.forgetRemembered(channel, 3, [dm(6), dm(205)]);
    expect(await ledger.remembered(channel, 3)).toEqual(shown.slice(1, -1));
    expect(await ledger.remembered(channel, 4)).toEqual([]);
  });
});
