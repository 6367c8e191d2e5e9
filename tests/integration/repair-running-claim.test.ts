/**
 * The repair pass's "running" claim on the real Redis: taken and given back through one ClaimStore, so a
 * pass that ends frees the next pass at once, and a pass that finds the claim held by another worker is
 * skipped and leaves that claim alone.
 */
import { runRepairJob } from '../../jobs/repair-job';
import type { RepairDeps } from '../../src/core/repair/repair-actions';
import { redisStores } from '../../src/store/redis-stores';
import { SchedulerLog } from '../support/core-harness';
import { RecordingMessenger } from '../support/recording-messenger';
import { type TestRedis, testRedis } from '../support/redis';

let redis: TestRedis;

beforeAll(async () => {
  redis = await testRedis();
});

afterAll(async () => {
  await redis.cleanup();
});

function repairWorld() {
  const stores = redisStores(redis.redis, redis.prefix);
  const scheduler = new SchedulerLog();
  const repair: RepairDeps = {
    store: stores.actions,
    messenger: new RecordingMessenger(),
    scheduler,
    plans: { unplanned: async () => [] },
    clock: { now: () => new Date('2030-03-04T09:00:00Z') },
    defaultTimezone: 'Europe/London',
  };
  const lines: string[] = [];
  const log = {
    info: (...m: unknown[]) => lines.push(`info ${m.join(' ')}`),
    warn: (...m: unknown[]) => lines.push(`warn ${m.join(' ')}`),
    error: (...m: unknown[]) => lines.push(`error ${m.join(' ')}`),
  };
  return { claims: stores.claims, deps: { repair, claims: stores.actions, log }, lines };
}

it('gives the claim back when a pass ends, so the next pass runs', async () => {
  const { claims, deps, lines } = repairWorld();
  await runRepairJob(deps, { graceMs: 0 });
  await runRepairJob(deps, { graceMs: 0 });
  expect(lines.filter((l) => l.startsWith('info Repair: 0 channels'))).toHaveLength(2);
  expect(await claims.claimOnce('repair-running', 60)).toBe(true);
  await claims.release('repair-running');
});

it('skips a pass while another holds the claim, and leaves that claim held', async () => {
  const { claims, deps, lines } = repairWorld();
  expect(await claims.claimOnce('repair-running', 60)).toBe(true);
  await runRepairJob(deps, { graceMs: 0 });
  expect(lines).toEqual(['info Repair: another pass is running; this one is skipped']);
  expect(await claims.claimOnce('repair-running', 60)).toBe(false);
  await claims.release('repair-running');
});
