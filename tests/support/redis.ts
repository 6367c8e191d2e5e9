/**
 * A real Redis for a test: its own connection and a key prefix no other test uses, so test files can run
 * against the one shared Redis (REDIS_URL, default 127.0.0.1:6379) without seeing each other's keys.
 *
 *   const r = await testRedis();            // in beforeAll
 *   new RedisActionStore({ redis: r.redis, prefix: r.prefix });
 *   await r.cleanup();                      // in afterAll: deletes every `${prefix}:*` key, disconnects
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/store/redis-connection';

export interface TestRedis {
  redis: Redis;
  /** Unique to this call: `arising-test-<random>`. Keys are `${prefix}:…`. */
  prefix: string;
  /** Deletes this prefix's keys and closes the connection. Safe to call twice. */
  cleanup(): Promise<void>;
}

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Connects (a worker-style client when `forWorker`, as BullMQ workers need) and checks Redis answers. */
export async function testRedis(options: { forWorker?: boolean } = {}): Promise<TestRedis> {
  const redis = createRedis(TEST_REDIS_URL, { forWorker: options.forWorker });
  const prefix = `arising-test-${randomBytes(6).toString('hex')}`;
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

/** Deletes every key matching the pattern, by SCAN (fine in tests; the store itself never scans). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
