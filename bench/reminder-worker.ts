/**
 * The worker process of the reminder benchmark: Arising's real jobs stack (startJobs, the Redis store)
 * sending through HttpSlackMessenger to the benchmark's fake Slack endpoint. Prints `ready` once its
 * workers listen; SIGTERM closes it.
 *
 * Environment: REDIS_URL, BENCH_PREFIX, SLACK_API_URL.
 */

import { createScheduler, startJobs } from '../jobs';
import { jobsOnRedis } from '../src/app/jobs-on-redis';
import { holidayTest } from '../src/holidays/holiday-calendar';
import { RedisActionStore } from '../src/store/redis-action-store';
import { createRedis } from '../src/store/redis-connection';
import { HttpSlackMessenger } from './http-slack-messenger';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = process.env.BENCH_PREFIX ?? 'arising-bench';
  const redis = createRedis(redisUrl, { forWorker: true });
  const options = {
    ...jobsOnRedis({ redisUrl, prefix, redis }),
    holidays: holidayTest,
    store: new RedisActionStore({ redis, prefix }),
    messenger: new HttpSlackMessenger(process.env.SLACK_API_URL ?? ''),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    log: {
      info: () => {},
      warn: (...m: unknown[]) => console.error(...m),
      error: (...m: unknown[]) => console.error(...m),
    },
  };
  const scheduler = createScheduler(options);
  const jobs = await startJobs(options, scheduler);
  process.once('SIGTERM', () => {
    void jobs
      .close()
      .then(() => scheduler.close())
      .then(() => redis.quit())
      .finally(() => process.exit(0));
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
