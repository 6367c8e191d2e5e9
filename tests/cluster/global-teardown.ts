/** Stops the Redis Cluster that global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.ariseTestCluster?.stop();
}
