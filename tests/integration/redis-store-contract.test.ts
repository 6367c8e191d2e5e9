/**
 * The Redis store keeps the store contract (tests/support/store-contract.ts) against the real Redis, and
 * on the cluster (jest.cluster.config.js). Its expiries are Redis's own, so letting a TTL pass waits.
 */
import { createRedisClient } from '../../src/store/redis-connection';
import { RedisConsolePanes } from '../../src/store/redis-console-panes';
import { RedisSendLedger } from '../../src/store/redis-send-ledger';
import { redisStores } from '../../src/store/redis-stores';
import { TEST_REDIS_TARGET, testRedis } from '../support/redis';
import { storeContract } from '../support/store-contract';

storeContract('the Redis store', async () => {
  const r = await testRedis();
  const clock = { now: new Date('2026-07-01T09:00:00.000Z') };
  const stores = redisStores(r.redis, r.prefix);
  // As the service makes it (consoleSubscriber): a connection of its own, made before it is ready.
  const subscriber = createRedisClient(TEST_REDIS_TARGET);
  const subscribeFailures: unknown[] = [];
  const consoleFeed = stores.consoleFeed(subscriber, (error) => subscribeFailures.push(error));
  return {
    ...stores,
    consolePanes: new RedisConsolePanes(r.redis, r.prefix, () => clock.now),
    consoleFeed,
    sends: new RedisSendLedger(r.redis, r.prefix),
    clock,
    elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
    async close() {
      await consoleFeed.close();
      expect(subscribeFailures).toEqual([]);
      await r.cleanup();
    },
  };
});
