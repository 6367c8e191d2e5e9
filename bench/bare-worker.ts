/**
 * The baselines of the reminder benchmark: a BullMQ worker made by the same factory and settings as
 * Arising's (jobs/job-settings.ts) whose processor does nothing, or, with BENCH_POST_URL, only posts one
 * message per job to the fake Slack endpoint through the same HTTP client as Arising's run. The second is
 * the floor of delivering a reminder at all (queue plus one chat.postMessage), so the report can tell what
 * Arising adds from what any Slack client pays. Once BENCH_JOBS jobs have completed it prints their
 * completion times as one JSON line and exits. Prints `ready` once it listens.
 *
 * Environment: REDIS_URL, BENCH_PREFIX, BENCH_JOBS, BENCH_POST_URL (optional).
 */
import type { Job } from 'bullmq';
import { createWorker, REMINDER_QUEUE } from '../jobs/job-settings';
import type { Action } from '../src/core/domain';
import { reminderView } from '../src/core/reminders/reminder-view';
import { benchAction } from './bench-action';
import { HttpSlackMessenger } from './http-slack-messenger';

const BENCH_CHANNEL = { platform: 'slack', team: 'TBENCH', channel: 'C0' } as const;

/** A reminder DM as Arising sends it, built once, so each post carries the same payload as Arising's. */
function sampleView() {
  const action: Action = {
    ...benchAction(BENCH_CHANNEL, 'U0X0', 'bench action 0 of channel 0', new Date()),
    number: 1,
    version: 0,
  };
  return reminderView(action, {
    now: new Date(),
    timezone: 'Europe/London',
    meetingTitle: null,
    nextMeeting: null,
  });
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_JOBS ?? '0');
  const conn = {
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: process.env.BENCH_PREFIX ?? '',
  };
  const postUrl = process.env.BENCH_POST_URL;
  const messenger = postUrl ? new HttpSlackMessenger(postUrl) : null;
  const view = sampleView();
  const processor = messenger
    ? async (job: Job<{ n: number }>) => {
        await messenger.post({ kind: 'user', channel: BENCH_CHANNEL, userId: `U${job.data.n}` }, view);
      }
    : async () => undefined;
  const completed: number[] = [];
  const worker = createWorker(REMINDER_QUEUE, processor, conn);
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
