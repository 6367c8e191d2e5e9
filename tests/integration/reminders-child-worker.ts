/**
 * A second worker process for the crash and shutdown tests (run with tsx, not by jest). It runs the real
 * jobs stack against the test's Redis prefix and sends through an HttpMessenger to the test's recording
 * server. It prints `ready` once its workers listen, and on SIGTERM finishes its job, then exits 0.
 *
 * Environment: REDIS_URL, TEST_PREFIX, RECORDER_URL, SENDER, and ARISING_FAILPOINT to die at a failpoint.
 */

import { createScheduler, startJobs } from '../../jobs';
import { installFailpoints } from '../../src/app/failpoints-from-env';
import { jobsOnRedis } from '../../src/app/jobs-on-redis';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { createRedisClient } from '../../src/store/redis-connection';
import { HttpMessenger } from '../support/recording-messenger';
import { TEST_REDIS_CLUSTER, TEST_REDIS_TARGET, TEST_REDIS_URL } from '../support/redis';
import { FAST_TUNING } from './reminders-harness';

async function main(): Promise<void> {
  installFailpoints(process.env.ARISING_FAILPOINT);
  const redisUrl = TEST_REDIS_URL;
  const prefix = process.env.TEST_PREFIX ?? '';
  const redis = createRedisClient(TEST_REDIS_TARGET, { forWorker: true });
  const options = {
    ...jobsOnRedis({ redisUrl, redisCluster: TEST_REDIS_CLUSTER, prefix, redis }),
    holidays: holidayTest,
    store: new RedisActionStore({ redis, prefix }),
    messenger: new HttpMessenger(process.env.RECORDER_URL ?? '', process.env.SENDER ?? 'child'),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    log: { info: () => {}, warn: () => {}, error: (...m: unknown[]) => console.error(...m) },
    tuning: FAST_TUNING,
  };
  const scheduler = createScheduler(options);
  const jobs = await startJobs(options, scheduler);
  process.once('SIGTERM', () => {
    void (async () => {
      await jobs.close();
      await scheduler.close();
      await redis.quit();
      process.stdout.write('closed\n');
      process.exit(0);
    })();
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
