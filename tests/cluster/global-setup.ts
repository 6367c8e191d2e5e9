/**
 * `npm run test:cluster`: starts a three-node Redis Cluster before the suites and points them at it
 * (REDIS_CLUSTER_NODES, read by tests/support/redis.ts); global-teardown.ts stops it.
 */
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster';

declare global {
  var ariseTestCluster: TestRedisCluster | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cluster = await startRedisCluster();
  globalThis.ariseTestCluster = cluster;
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
  console.log(`\nRedis Cluster for the tests: ${cluster.nodes}`);
}
