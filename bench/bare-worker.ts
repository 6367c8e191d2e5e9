/**
 * The baseline of the reminder benchmark: a BullMQ worker made by the same factory and settings as
 * Arising's (jobs/job-settings.ts) whose processor does nothing. Once BENCH_JOBS jobs have completed it
 * prints their completion times as one JSON line and exits. Prints `ready` once it listens.
 *
 * Environment: REDIS_URL, BENCH_PREFIX, BENCH_JOBS.
 */
import { createWorker, REMINDER_QUEUE } from '../jobs/job-settings';

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_JOBS ?? '0');
  const conn = {
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: process.env.BENCH_PREFIX ?? '',
  };
  const completed: number[] = [];
  const worker = createWorker(REMINDER_QUEUE, async () => undefined, conn);
  worker.on('completed', () => {
    completed.push(Date.now());
    if (completed.length === total) {
      process.stdout.write(`${JSON.stringify({ completed })}\n`, () => {
        void worker.close().finally(() => process.exit(0));
      });
    }
  });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
