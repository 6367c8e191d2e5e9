/**
 * The ClaimStore on Redis: one string key per claim, `${prefix}:once:<key>` (keys.ts), set with NX and a
 * TTL, so the first SET wins and the claim disappears by itself when the TTL runs out.
 */
import { z } from 'zod';
import type { ClaimStore } from '../core/claim-store';
import { assertValidPrefix, onceKey } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

/** Built once: claimOnce runs for every reminder and Slack event (see redis-action-store.ts). */
const PositiveIntSchema = z.number().int().positive();

export class RedisClaimStore implements ClaimStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const ttl = PositiveIntSchema.parse(ttlSeconds);
    const reply = await redisIo(() => this.redis.set(onceKey(this.prefix, key), '1', 'EX', ttl, 'NX'));
    return reply === 'OK';
  }

  async release(key: string): Promise<void> {
    await redisIo(() => this.redis.del(onceKey(this.prefix, key)));
  }
}
