/**
 * What the jobs side (jobs/) needs from Redis, made here in the composition root so that jobs/ never
 * reaches into the store: BullMQ's connection (on a cluster, a client of its own per queue and worker),
 * the reminder and send ledgers on the store's client, and the start-up check of Redis's eviction policy.
 */
import type { JobLog, JobsOptions } from '../../jobs';
import { createRedisClient, type RedisClient, type RedisClusterTarget } from '../store/redis-connection';
import { checkEvictionPolicy } from '../store/redis-eviction-policy';
import { RedisReminderLedger } from '../store/redis-reminder-ledger';
import { RedisSendLedger } from '../store/redis-send-ledger';

export interface JobsRedis {
  /** REDIS_URL: BullMQ opens its own connections from it. */
  redisUrl: string;
  /** REDIS_CLUSTER_NODES and REDIS_PASSWORD: when set, queues and workers use the cluster, not the URL. */
  redisCluster?: RedisClusterTarget | null | undefined;
  /** REDIS_PREFIX: prefix of every queue and key. */
  prefix: string;
  /** A client for the ledgers and the start-up check (the store's client will do). */
  redis: RedisClient;
}

/** BullMQ's connection alone (tests and the bench look at the queues with it). */
export function jobConnection(t: Omit<JobsRedis, 'redis'>): JobsOptions['connection'] {
  const cluster = t.redisCluster;
  return {
    redisUrl: t.redisUrl,
    prefix: t.prefix,
    cluster: cluster ? () => createRedisClient({ url: t.redisUrl, cluster }, { forWorker: true }) : null,
  };
}

/**
 * Checks Redis's eviction policy now when it answers, else when it does (it can only be read from Redis);
 * it only warns, so the start never waits on it for long.
 */
function evictionCheck(redis: RedisClient): (log: JobLog) => Promise<void> {
  return async (log) => {
    if (redis.status === 'ready') await checkEvictionPolicy(redis, log);
    else redis.once('ready', () => void checkEvictionPolicy(redis, log));
  };
}

export function jobsOnRedis(
  t: JobsRedis,
): Pick<JobsOptions, 'connection' | 'ledger' | 'sends' | 'checkRedis'> {
  return {
    connection: jobConnection(t),
    ledger: new RedisReminderLedger(t.redis, t.prefix),
    sends: new RedisSendLedger(t.redis, t.prefix),
    checkRedis: evictionCheck(t.redis),
  };
}
