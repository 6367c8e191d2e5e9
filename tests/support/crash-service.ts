/**
 * For crash tests of sending: the service as a worker child process (`node --import tsx src/main.ts`, so
 * its pid is the service's own and a SIGKILL or SIGSTOP reaches it, not a launcher) with short job
 * timings, optionally armed with a failpoint; and, in the test process, the real BullMQ scheduler on the
 * same Redis and prefix, to plan reminders and channel posts as the web side would.
 */

import { createScheduler, type JobsOptions } from '../../jobs';
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import { jobsOnRedis } from '../../src/app/jobs-on-redis';
import { type ChannelRef, ChannelSettingsSchema, type NewAction } from '../../src/core/domain';
import { localDateOf, localTimeOf } from '../../src/core/working-days';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, entry } from './action-fixtures';
import { type ArisingProcess, startArising, type TestRedisServer } from './processes';
import { RecordingMessenger } from './recording-messenger';

/** A dead worker's job is taken back within ~3 s, and its half-done send ~3 s after it died. */
export const CRASH_TUNING = 'lockDuration=2000,stalledInterval=1000,sendLeaseMs=3000';

export interface CrashWorld {
  redis: TestRedisServer;
  slackApiUrl: string;
  prefix: string;
}

/**
 * A worker process of the service; `failpoint` as for ARISING_FAILPOINT, `env` more of its environment
 * (SMTP_URL, …). Resolves once its workers run.
 */
export async function startWorker(
  world: CrashWorld,
  failpoint = '',
  env: Record<string, string> = {},
): Promise<ArisingProcess> {
  const app = startArising({
    redisUrl: world.redis.url,
    slackApiUrl: world.slackApiUrl,
    prefix: world.prefix,
    role: 'worker',
    nodeArgs: [],
    env: { ARISING_JOB_TUNING: CRASH_TUNING, ARISING_FAILPOINT: failpoint, ...env },
  });
  await app.waitForOutput(/Workers: .*running/);
  return app;
}

/** How a process ended: by which signal, if any. */
export async function signalOf(app: ArisingProcess): Promise<NodeJS.Signals | null> {
  await app.exited;
  return app.child.signalCode;
}

/** The store and the real scheduler on the world's Redis, as the web side has them. */
export function planner(world: CrashWorld): { store: RedisActionStore; scheduler: BullScheduler } {
  const store = new RedisActionStore({ redis: world.redis.client, prefix: world.prefix });
  const options: JobsOptions = {
    ...jobsOnRedis({ redisUrl: world.redis.url, prefix: world.prefix, redis: world.redis.client }),
    holidays: holidayTest,
    store,
    messenger: new RecordingMessenger(),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return { store, scheduler: createScheduler(options) };
}

/** A Slack channel reminding at the due moment (`0`), as `settings reminders 0` would. */
export async function remindingChannel(store: RedisActionStore, channel: string): Promise<ChannelRef> {
  const ref: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel };
  await store.saveSettings(ref, ChannelSettingsSchema.parse({ reminders: ['0'] }));
  return ref;
}

/** Creates one open action per owner (a user id, or an email address), all due at `at`, and plans their reminders. */
export async function remindersDueAt(
  planned: { store: RedisActionStore; scheduler: BullScheduler },
  channel: ChannelRef,
  owners: string[],
  at: Date,
): Promise<void> {
  const due = {
    at: at.toISOString(),
    date: localDateOf(at, 'Europe/London'),
    time: localTimeOf(at, 'Europe/London'),
    nextMeeting: false,
  };
  for (const owner of owners) {
    const over: Partial<NewAction> = {
      owners: [owner.includes('@') ? { kind: 'email', address: owner } : { kind: 'user', id: owner }],
      due,
      text: `report for ${owner}`,
    };
    const action = await planned.store.create(draft(channel, over), entry('created'));
    await planned.scheduler.actionChanged(action);
  }
}
