/**
 * A real Redis for a test: its own connection and a key prefix no other test uses, so test files can run
 * against the one shared Redis (REDIS_URL, default 127.0.0.1:6379) without seeing each other's keys.
 *
 * With REDIS_CLUSTER_NODES set (`npm run test:cluster` starts a three-node cluster and sets it), the same
 * suites run on that Redis Cluster instead: testRedis() gives a Cluster client, TEST_REDIS_ENV is what
 * a service process is given, and deleteKeys/scanKeys visit every master.
 *
 *   const r = await testRedis();            // in beforeAll
 *   new RedisActionStore({ redis: r.redis, prefix: r.prefix });
 *   await r.cleanup();                      // in afterAll: deletes every `${prefix}:*` key, disconnects
 */
import { randomBytes } from 'node:crypto';
import type { Cluster } from 'ioredis';
import { parseClusterNodes } from '../../src/config';
import {
  createRedisClient,
  type RedisClient,
  type RedisClusterTarget,
  type RedisTarget,
  untilReady,
} from '../../src/store/redis-connection';

export interface TestRedis {
  redis: RedisClient;
  /** Unique to this call: `arising-test-<random>`. Keys are `${prefix}:…`. */
  prefix: string;
  /** Deletes this prefix's keys and closes the connection. Safe to call twice. */
  cleanup(): Promise<void>;
}

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function clusterFromEnv(): RedisClusterTarget | null {
  const nodes = process.env.REDIS_CLUSTER_NODES;
  if (!nodes) return null;
  const parsed = parseClusterNodes(nodes);
  if (!parsed) throw new Error(`REDIS_CLUSTER_NODES is not host:port,…: ${nodes}`);
  return { nodes: parsed, password: process.env.REDIS_PASSWORD ?? null };
}

/** The cluster the tests run on, or null for the one Redis at TEST_REDIS_URL. */
export const TEST_REDIS_CLUSTER = clusterFromEnv();

/** Where the tests' Redis is, as createRedisClient and JobsOptions take it. */
export const TEST_REDIS_TARGET: RedisTarget = { url: TEST_REDIS_URL, cluster: TEST_REDIS_CLUSTER };

/** The environment that points a service process or the CLI at the tests' Redis. */
export const TEST_REDIS_ENV: Record<string, string> = TEST_REDIS_CLUSTER
  ? { REDIS_URL: TEST_REDIS_URL, REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? '' }
  : { REDIS_URL: TEST_REDIS_URL };

/** Connects (a worker-style client when `forWorker`, as BullMQ workers need) and checks Redis answers. */
export async function testRedis(options: { forWorker?: boolean } = {}): Promise<TestRedis> {
  const redis = createRedisClient(TEST_REDIS_TARGET, { forWorker: options.forWorker });
  const prefix = `arising-test-${randomBytes(6).toString('hex')}`;
  // The web-side Cluster client fails commands at once until it has the slot map, as the service's does.
  if (redis.isCluster) await untilReady(redis, 10_000);
  await redis.ping();
  let cleaned = false;
  return {
    redis,
    prefix,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await deleteKeys(redis, `${prefix}:*`);
      await redis.quit();
    },
  };
}

function isCluster(redis: RedisClient): redis is Cluster {
  return redis.isCluster;
}

/**
 * Every key matching the pattern, by SCAN (fine in tests; the store itself never scans): on a cluster,
 * of every master, since each node only has the keys of its own slots.
 */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

/**
 * Deletes every key matching the pattern, one UNLINK per key: on a cluster the keys are in many slots,
 * which neither one UNLINK nor one ioredis pipeline may span.
 */
export async function deleteKeys(redis: RedisClient, pattern: string): Promise<void> {
  const keys = await scanKeys(redis, pattern);
  await Promise.all(keys.map((key) => redis.unlink(key)));
}
