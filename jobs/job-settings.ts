/**
 * The one place that creates BullMQ queues and workers, so every queue shares the same settings:
 * - the Redis connection, with `maxRetriesPerRequest: null` so BullMQ's blocking commands wait for Redis to
 *   come back instead of failing a job;
 * - every queue under REDIS_PREFIX through BullMQ's own `prefix` option (`arising:reminders:…`), so several
 *   installs can share one Redis and a test can use a prefix of its own;
 * - retries with exponential backoff, and finished jobs removed (completed after an hour, failed after a
 *   week, to look into) so Redis does not fill up with history;
 * - stalled-job recovery: a worker killed outright stops renewing its job's lock, and after `lockDuration`
 *   another worker's stalled check moves the job back to wait, so it runs again elsewhere.
 */
import { type DefaultJobOptions, type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import { DEFAULT_SEND_LEASE_MS } from '../src/core/delivery/send-once';

/** Reminders and the updates of reminders already shown. */
export const REMINDER_QUEUE = 'reminders';
/** Posts in a channel: the weekly digest, the matters-arising summary. */
export const CHANNEL_POST_QUEUE = 'channel-posts';

export type QueueName = typeof REMINDER_QUEUE | typeof CHANNEL_POST_QUEUE;

export interface JobConnection {
  /** REDIS_URL. */
  redisUrl: string;
  /** REDIS_PREFIX: BullMQ's key prefix. */
  prefix: string;
}

/** Worker timing; tests shorten the lock and the stalled check so a killed worker is noticed in seconds. */
export interface WorkerTuning {
  /** Jobs one worker runs at once, per queue. */
  concurrency: Partial<Record<QueueName, number>>;
  /** How long a job's lock lasts without renewal (a killed worker's job is taken back after it). */
  lockDuration: number;
  /** How often a worker looks for stalled jobs. */
  stalledInterval: number;
  /** How often one job may stall (its worker die) before it fails for good. */
  maxStalledCount: number;
  /**
   * The lease a sender holds on one keyed send while posting (src/core/delivery/send-once.ts): a dead
   * worker's half-done send is taken over this long after it died. Keep it at or under lockDuration, so
   * that a job recovered from a dead worker mostly finds the lease run out already.
   */
  sendLeaseMs: number;
}

export const DEFAULT_TUNING: WorkerTuning = {
  // Sends are I/O-bound and rate-limited per channel by the messenger, so one slow channel must not
  // hold up the others: run many reminders at once.
  concurrency: { [REMINDER_QUEUE]: 50, [CHANNEL_POST_QUEUE]: 4 },
  lockDuration: 30_000,
  stalledInterval: 30_000,
  maxStalledCount: 2,
  sendLeaseMs: DEFAULT_SEND_LEASE_MS,
};

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 6,
  // 2 s, 4 s, 8 s … about a minute in all: long enough for a Slack outage blip or a Redis failover.
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

function connectionOptions(conn: JobConnection) {
  return { url: conn.redisUrl, maxRetriesPerRequest: null, connectionName: 'arising-jobs' };
}

export function createQueue(name: QueueName, conn: JobConnection): Queue {
  return new Queue(name, {
    connection: connectionOptions(conn),
    prefix: conn.prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}

export function createWorker(
  name: QueueName,
  processor: Processor,
  conn: JobConnection,
  tuning: Partial<WorkerTuning> = {},
): Worker {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const options: WorkerOptions = {
    connection: connectionOptions(conn),
    prefix: conn.prefix,
    concurrency: t.concurrency[name] ?? DEFAULT_TUNING.concurrency[name] ?? 1,
    lockDuration: t.lockDuration,
    stalledInterval: t.stalledInterval,
    maxStalledCount: t.maxStalledCount,
  };
  return new Worker(name, processor, options);
}
