/**
 * The LastReminderStore on Redis: `P:{<platform>:<team>:<conversation>}:teams:last-reminder`, a string
 * with the activity id of the latest reminder there and a TTL, in the conversation's slot. The `teams:`
 * in the name is kept from when only Teams used it, so what was stored before still reads.
 */
import type { ChannelRef } from '../core/domain';
import { LAST_REMINDER_TTL_SECONDS, type LastReminderStore } from '../core/last-reminder-store';
import { assertValidPrefix, channelTag } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

export class RedisLastReminders implements LastReminderStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  private key(chat: ChannelRef): string {
    return `${this.prefix}:${channelTag(chat)}:teams:last-reminder`;
  }

  async setLastReminder(chat: ChannelRef, messageId: string): Promise<void> {
    await redisIo(() => this.redis.set(this.key(chat), messageId, 'EX', LAST_REMINDER_TTL_SECONDS));
  }

  async lastReminder(chat: ChannelRef): Promise<string | null> {
    return redisIo(() => this.redis.get(this.key(chat)));
  }
}
