/**
 * The one place that creates BullMQ queues and workers, so every queue shares the same settings:
 * - the Redis connection, with `maxRetriesPerRequest: null` so BullMQ's blocking commands wait for Redis to
 *   come back instead of failing a job;
 * - every queue under REDIS_PREFIX through BullMQ's own `prefix` option (`arising:reminders:…`), so several
 *   installs can share one Redis and a test can use a prefix of its own; on a Redis Cluster the prefix is
 *   a hash tag per queue (`{arising:reminders}:reminders:…`), as BullMQ documents for clusters: its Lua
 *   scripts touch many keys of one queue at once, which a cluster allows only within one slot. One tag
 *   per queue, not one for all, so the two queues may live on different nodes. On one server the names
 *   stay as they were, so the jobs already queued there (delayed reminders) are still found;
 * - retries with exponential backoff, and finished jobs removed (completed after an hour, failed after a
 *   week, to look into) so Redis does not fill up with history;
 * - stalled-job recovery: a worker killed outright stops renewing its job's lock, and after `lockDuration`
 *   another worker's stalled check moves the job back to wait, so it runs again elsewhere.
 */
import {
  type ConnectionOptions,
  type DefaultJobOptions,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { DEFAULT_SEND_LEASE_MS } from '../src/core/delivery/send-once';

/** Reminders and the updates of reminders already shown. */
export const REMINDER_QUEUE = 'reminders';
/** Posts in a channel: the weekly digest, the matters-arising summary. */
export const CHANNEL_POST_QUEUE = 'channel-posts';

export type QueueName = typeof REMINDER_QUEUE | typeof CHANNEL_POST_QUEUE;

/** Where BullMQ connects; the composition root makes it (src/app/jobs-on-redis.ts). */
export interface JobConnection {
  /** REDIS_URL. */
  redisUrl: string;
  /** REDIS_PREFIX: BullMQ's key prefix (hash-tagged per queue on a cluster: queuePrefix). */
  prefix: string;
  /**
   * On a Redis Cluster (REDIS_CLUSTER_NODES), makes the client one queue or worker uses, closed with it;
   * when set, `redisUrl` is not used.
   */
  cluster?: (() => Redis | Cluster) | null;
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

/** A job's delay until an instant, by the real clock BullMQ itself runs on. */
export function delayUntil(at: Date): number {
  return Math.max(0, at.getTime() - Date.now());
}

/** BullMQ's prefix for a queue: REDIS_PREFIX on one server, `{REDIS_PREFIX:queue}` on a cluster. */
export function queuePrefix(name: QueueName, conn: Pick<JobConnection, 'prefix' | 'cluster'>): string {
  return conn.cluster ? `{${conn.prefix}:${name}}` : conn.prefix;
}

/**
 * BullMQ's connection: options from which it opens (and closes) its own, or on a cluster a Cluster client
 * of the queue's or worker's own, which BullMQ does not close (it closes only what it opened): the
 * ClusterQueue and ClusterWorker below do.
 */
function connectionOptions(conn: JobConnection): ConnectionOptions {
  if (conn.cluster) return conn.cluster();
  return { url: conn.redisUrl, maxRetriesPerRequest: null, connectionName: 'arising-jobs' };
}

/** A queue on its own Cluster client, closed with it. */
class ClusterQueue extends Queue {
  constructor(
    name: string,
    options: QueueOptions,
    private readonly client: Cluster,
  ) {
    super(name, options);
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      this.client.disconnect();
    }
  }
}

/** A worker on its own Cluster client, closed with it. */
class ClusterWorker extends Worker {
  constructor(
    name: string,
    processor: Processor,
    options: WorkerOptions,
    private readonly client: Cluster,
  ) {
    super(name, processor, options);
  }

  override async close(force?: boolean): Promise<void> {
    try {
      await super.close(force);
    } finally {
      this.client.disconnect();
    }
  }
}

function isCluster(connection: ConnectionOptions): connection is Cluster {
  return (connection as { isCluster?: unknown }).isCluster === true;
}

export function createQueue(name: QueueName, conn: JobConnection): Queue {
  const connection = connectionOptions(conn);
  const options: QueueOptions = {
    connection,
    prefix: queuePrefix(name, conn),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  };
  return isCluster(connection) ? new ClusterQueue(name, options, connection) : new Queue(name, options);
}

export function createWorker(
  name: QueueName,
  processor: Processor,
  conn: JobConnection,
  tuning: Partial<WorkerTuning> = {},
): Worker {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const connection = connectionOptions(conn);
  const options: WorkerOptions = {
    connection,
    prefix: queuePrefix(name, conn),
    concurrency: t.concurrency[name] ?? DEFAULT_TUNING.concurrency[name] ?? 1,
    lockDuration: t.lockDuration,
    stalledInterval: t.stalledInterval,
    maxStalledCount: t.maxStalledCount,
  };
  if (isCluster(connection)) return new ClusterWorker(name, processor, options, connection);
  return new Worker(name, processor, options);
}
