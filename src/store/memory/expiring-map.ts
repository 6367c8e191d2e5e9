/**
 * A Map whose entries may expire, judged by an injected clock (the in-memory store's stand-in for Redis
 * TTLs): a test moves its clock past the TTL and the entry is gone, with no timers and no waiting.
 */
import type { Clock } from '../../core/ports';

interface Entry<V> {
  value: V;
  /** Epoch ms after which the entry is gone, or null for never. */
  expiresAt: number | null;
}

export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly clock: Clock) {}

  /** The live value, or undefined when there is none or it has expired (which also forgets it). */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && this.clock.now().getTime() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets the value, to expire `ttlMs` from now; without `ttlMs` it never expires. */
  set(key: string, value: V, ttlMs?: number): void {
    const expiresAt = ttlMs === undefined ? null : this.clock.now().getTime() + ttlMs;
    this.entries.set(key, { value, expiresAt });
  }

  /** Replaces the value and keeps its expiry (Redis's KEEPTTL); false when there is no live entry. */
  replace(key: string, value: V): boolean {
    if (!this.has(key)) return false;
    const entry = this.entries.get(key);
    if (entry) entry.value = value;
    return true;
  }

  /** Sets the expiry of a live entry to `ttlMs` from now (Redis's PEXPIRE). */
  expire(key: string, ttlMs: number): void {
    const entry = this.has(key) ? this.entries.get(key) : undefined;
    if (entry) entry.expiresAt = this.clock.now().getTime() + ttlMs;
  }

  delete(key: string): boolean {
    const live = this.has(key);
    this.entries.delete(key);
    return live;
  }
}
