/**
 * ViewPages on Redis: one string key per person, `${prefix}:home-page:<team>:<user>` (keys.ts), holding
 * the page number, with a TTL so the pages of people who stopped looking go away by themselves.
 */
import type { ViewPages } from '../core/view-pages';
import { assertValidPrefix, homePageKey } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

/** Thirty days: long enough to come back to the same page, short enough to leave nothing behind. */
const KEEP_SECONDS = 30 * 24 * 3600;

export class RedisViewPages implements ViewPages {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  async pageOf(team: string, userId: string): Promise<number> {
    const stored = await redisIo(() => this.redis.get(homePageKey(this.prefix, team, userId)));
    const page = Number(stored ?? 0);
    return Number.isInteger(page) && page >= 0 ? page : 0;
  }

  async remember(team: string, userId: string, page: number): Promise<void> {
    if (!Number.isInteger(page) || page < 0) return;
    const key = homePageKey(this.prefix, team, userId);
    await redisIo(() => this.redis.set(key, String(page), 'EX', KEEP_SECONDS));
  }
}
