/** The ClaimStore in memory: a claim is a key that expires by the injected clock (see claim-store.ts). */
import { z } from 'zod';
import type { ClaimStore } from '../../core/claim-store';
import type { Clock } from '../../core/ports';
import { ExpiringMap } from './expiring-map';

/** The same check as the Redis store's: a TTL is a whole number of seconds above 0. */
const PositiveIntSchema = z.number().int().positive();

export class MemoryClaimStore implements ClaimStore {
  private readonly claims: ExpiringMap<true>;

  constructor(clock: Clock) {
    this.claims = new ExpiringMap(clock);
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const ttl = PositiveIntSchema.parse(ttlSeconds);
    if (this.claims.has(key)) return false;
    this.claims.set(key, true, ttl * 1000);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }
}
