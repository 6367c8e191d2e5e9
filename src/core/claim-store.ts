/**
 * One-off claims: the first of several deliveries of the same thing (a Slack event retried, a Teams
 * activity redelivered, a reminder job run twice, a repair pass started by two workers) claims its key and
 * goes ahead; every later claim of the key, until it expires, is refused and does nothing.
 *
 * A claim is released when the work it guarded is over (a repair pass that ended) or failed before it did
 * anything a user could see, so that the next delivery may try again at once instead of after the TTL.
 */
export interface ClaimStore {
  /**
   * Claims `key` for `ttlSeconds` (a whole number above 0). True for the first claim only; false while an
   * earlier claim of the key is live.
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives the claim back, so the next `claimOnce` of the key succeeds. Releasing a free key does nothing. */
  release(key: string): Promise<void>;
}
