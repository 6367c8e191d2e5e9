/**
 * The real jobs stack for reminder tests: the Redis store and real BullMQ queues and workers under a
 * prefix of the test's own (obliterated afterwards), with a RecordingMessenger in place of Slack.
 */

import { createScheduler, type JobsOptions, type RunningJobs, startJobs } from '../../jobs';
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import { jobsOnRedis } from '../../src/app/jobs-on-redis';
import {
  type Action,
  type ChannelRef,
  type ChannelSettings,
  ChannelSettingsSchema,
} from '../../src/core/domain';
import { localDateOf, localTimeOf } from '../../src/core/working-days';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RedisCheckins } from '../../src/store/redis-checkins';
import { draft, entry, freshChannel } from '../support/action-fixtures';
import { RecordingMessenger } from '../support/recording-messenger';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL, type TestRedis, testRedis } from '../support/redis';

export const LONDON = 'Europe/London';

export interface Harness {
  r: TestRedis;
  store: RedisActionStore;
  /** Check-in rounds (`settings checkin`), on the same Redis. */
  checkins: RedisCheckins;
  messenger: RecordingMessenger;
  options: JobsOptions;
  scheduler: BullScheduler;
  jobs: RunningJobs | null;
  /** Warnings and errors the jobs logged. */
  logs: string[];
  /** A fresh channel with these settings. */
  channel(settings?: Partial<ChannelSettings>): Promise<ChannelRef>;
  /** An open action (owned by U_PRIYA unless overridden) whose due moment is `ms` from now. */
  actionDueIn(ms: number, over?: Partial<Action>, settings?: Partial<ChannelSettings>): Promise<Action>;
  stop(): Promise<void>;
}

/** Short lock, stalled check and send lease, so a killed worker's job and send are taken over within seconds. */
export const FAST_TUNING = { lockDuration: 2000, stalledInterval: 1000, sendLeaseMs: 3000 };

export async function startHarness(
  extra: Partial<JobsOptions> & { workers?: boolean } = {},
): Promise<Harness> {
  const r = await testRedis();
  const store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  const checkins = new RedisCheckins(r.redis, r.prefix);
  const messenger = new RecordingMessenger();
  const logs: string[] = [];
  const note = (...m: unknown[]) =>
    logs.push(m.map((x) => (x instanceof Error ? x.message : String(x))).join(' '));
  const { workers = true, ...overrides } = extra;
  const options: JobsOptions = {
    ...jobsOnRedis({
      redisUrl: TEST_REDIS_URL,
      redisCluster: TEST_REDIS_CLUSTER,
      prefix: r.prefix,
      redis: r.redis,
    }),
    holidays: holidayTest,
    store,
    messenger,
    clock: { now: () => new Date() },
    defaultTimezone: LONDON,
    log: { info: () => {}, warn: note, error: note },
    tuning: FAST_TUNING,
    checkins,
    ...overrides,
  };
  const scheduler = createScheduler(options);
  const jobs = workers ? await startJobs(options, scheduler) : null;

  const channel = async (settings: Partial<ChannelSettings> = {}) => {
    const ref = freshChannel({ team: `T-${r.prefix}` });
    await store.saveSettings(ref, ChannelSettingsSchema.parse({ reminders: ['0'], ...settings }));
    return ref;
  };

  return {
    r,
    store,
    checkins,
    messenger,
    options,
    scheduler,
    jobs,
    logs,
    channel,
    async actionDueIn(ms, over = {}, settings = {}) {
      const ref = await channel(settings);
      const at = new Date(Date.now() + ms);
      const dueAt = { at: at.toISOString(), date: localDateOf(at, LONDON), time: localTimeOf(at, LONDON) };
      return store.create(draft(ref, { due: { ...dueAt, nextMeeting: false }, ...over }), entry('created'));
    },
    async stop() {
      await jobs?.close();
      await scheduler.queues.reminders.obliterate({ force: true });
      await scheduler.queues.channelPosts.obliterate({ force: true });
      await scheduler.close();
      await r.cleanup();
    },
  };
}

/** Waits `ms` (to show that nothing more arrives). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
