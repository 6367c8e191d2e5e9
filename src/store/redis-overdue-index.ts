/**
 * The metrics' overdue index on Redis: one sorted set, member `platform:team:channel#n`, score the due
 * instant (epoch ms), for open actions with a due date only, so the overdue gauge is a single ZCOUNT up to
 * now however many channels there are.
 */
import type { Action } from '../core/domain';
import { channelId } from '../core/domain';
import { overdueKey } from './keys';
import type { RedisClient } from './redis-connection';

export class RedisOverdueIndex {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = overdueKey(prefix);
  }

  /** Keeps the action in the index while it is open with a due date, and out of it otherwise. */
  async track(action: Action): Promise<void> {
    const member = `${channelId(action.channel)}#${action.number}`;
    if (action.state === 'open' && action.due) {
      await this.redis.zadd(this.key, Date.parse(action.due.at), member);
    } else {
      await this.redis.zrem(this.key, member);
    }
  }

  /** Open actions due before `now`. */
  async count(now: Date): Promise<number> {
    return this.redis.zcount(this.key, '-inf', `(${now.getTime()}`);
  }
}
