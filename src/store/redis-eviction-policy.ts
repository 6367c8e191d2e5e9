/**
 * Redis must never evict keys Arising needs: a delayed reminder job evicted under memory pressure is a
 * reminder silently lost. BullMQ asks for `maxmemory-policy noeviction`; this checks it at start and warns
 * loudly otherwise. It only warns: a managed Redis may not let the app change it, and refusing to start
 * would stop the whole service over something an admin has to fix. The composition root runs it before
 * the workers start (src/app/jobs-on-redis.ts).
 */

import { masterNodes, type RedisClient } from './redis-connection';

/** Where the warning goes; the service's LineLogger fits. */
export interface EvictionLog {
  warn(...message: unknown[]): void;
}

/** The policy, from CONFIG GET or, where that is disabled (managed Redis), from INFO memory. */
async function readPolicy(redis: RedisClient): Promise<string | null> {
  try {
    const reply = await redis.config('GET', 'maxmemory-policy');
    const value = Array.isArray(reply) ? reply[1] : undefined;
    if (typeof value === 'string') return value;
  } catch {
    // CONFIG is often renamed or disabled on hosted Redis; INFO still says it.
  }
  try {
    const info = await redis.info('memory');
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Returns the policy found (null when Redis would not say); warns unless it is `noeviction`. On a cluster
 * every master is asked (each has its own setting), and the first that is not `noeviction` counts.
 */
export async function checkEvictionPolicy(redis: RedisClient, log: EvictionLog): Promise<string | null> {
  const nodes = masterNodes(redis);
  const policies = await Promise.all((nodes.length > 0 ? nodes : [redis]).map(readPolicy));
  const policy = policies.find((p) => p !== 'noeviction') ?? 'noeviction';
  if (policy === 'noeviction') return policy;
  const found = policy === null ? 'could not be read' : `is "${policy}"`;
  log.warn(
    `!!! Redis maxmemory-policy ${found}. Arising needs "noeviction": with any other policy Redis may ` +
      'evict queued jobs under memory pressure, and reminders and digests are then silently lost. Set ' +
      '`maxmemory-policy noeviction` in redis.conf (or `CONFIG SET maxmemory-policy noeviction`). !!!',
  );
  return policy;
}
