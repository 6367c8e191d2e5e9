/**
 * The send ledger on the real Redis: one sender at a time holds a send's lease; a lease that runs out (its
 * sender died) is taken over with the first attempt's start, so the new sender can look for that post;
 * a renewed lease is kept; a released one is taken again at once, still saying an attempt went before;
 * "sent" is final and remembers the message.
 */
import { RedisSendLedger } from '../../src/store/redis-send-ledger';
import { type TestRedis, testRedis } from '../support/redis';
import { pause } from './reminders-harness';

let r: TestRedis;
let ledger: RedisSendLedger;
const KEEP = 3600;
const T1 = new Date('2026-07-01T09:00:00.000Z');
const T2 = new Date('2026-07-01T09:05:00.000Z');

beforeAll(async () => {
  r = await testRedis();
  ledger = new RedisSendLedger(r.redis, r.prefix);
});
afterAll(async () => {
  await r.cleanup();
});

describe('the send ledger', () => {
  it('leases a send to one sender at a time, and hands a lapsed lease over with the first attempt start', async () => {
    expect(await ledger.begin('k1', 'a', T1, 300, KEEP)).toEqual({
      kind: 'leased',
      attempt: 1,
      earlierAttemptAt: null,
    });
    expect(await ledger.begin('k1', 'b', T2, 300, KEEP)).toMatchObject({ kind: 'busy' });
    await pause(350);
    expect(await ledger.begin('k1', 'b', T2, 300, KEEP)).toEqual({
      kind: 'leased',
      attempt: 2,
      earlierAttemptAt: T1,
    });
    // The first sender, back from the dead, no longer holds it.
    expect(await ledger.renew('k1', 'a', 300)).toBe(false);
    expect(await ledger.renew('k1', 'b', 300)).toBe(true);
  });

  it('keeps a renewed lease past its first length', async () => {
    await ledger.begin('k2', 'a', T1, 300, KEEP);
    for (let i = 0; i < 4; i++) {
      await pause(150);
      expect(await ledger.renew('k2', 'a', 300)).toBe(true);
    }
    expect(await ledger.begin('k2', 'b', T2, 300, KEEP)).toMatchObject({ kind: 'busy' });
  });

  it('takes a released send again at once, saying an attempt went before; a stranger cannot release it', async () => {
    await ledger.begin('k3', 'a', T1, 60_000, KEEP);
    await ledger.release('k3', 'stranger');
    expect(await ledger.begin('k3', 'b', T2, 60_000, KEEP)).toMatchObject({ kind: 'busy' });
    await ledger.release('k3', 'a');
    expect(await ledger.begin('k3', 'b', T2, 60_000, KEEP)).toEqual({
      kind: 'leased',
      attempt: 2,
      earlierAttemptAt: T1,
    });
  });

  it('is sent for good once marked, with the message (or none where undeliverable), for the time kept', async () => {
    await ledger.begin('k4', 'a', T1, 60_000, KEEP);
    const message = { conversation: 'DU1', id: '1700000000.000001' };
    await ledger.markSent('k4', message, KEEP);
    expect(await ledger.begin('k4', 'b', T2, 60_000, KEEP)).toEqual({ kind: 'sent', message });
    expect(await ledger.renew('k4', 'a', 60_000)).toBe(false);
    await ledger.markSent('k5', null, KEEP);
    expect(await ledger.begin('k5', 'b', T2, 60_000, KEEP)).toEqual({ kind: 'sent', message: null });
    const ttl = await r.redis.ttl(`${r.prefix}:send:k4`);
    expect(ttl).toBeGreaterThan(KEEP - 10);
    expect(ttl).toBeLessThanOrEqual(KEEP);
  });
});
