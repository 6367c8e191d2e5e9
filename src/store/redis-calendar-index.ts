/**
 * The CalendarIndex on Redis: one set, `${prefix}:calendars`, of the JSON ChannelRefs of the channels with
 * a meeting calendar, so the daily refresh visits them without a keyspace scan. Each command touches this
 * one key only, so it needs no hash tag on a cluster (keys.ts).
 */
import type { CalendarIndex } from '../core/calendar/calendar-ports';
import { type ChannelRef, ChannelRefSchema } from '../core/domain';
import { assertValidPrefix, calendarChannelsKey } from './keys';
import { parseStored } from './record-codec';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

export class RedisCalendarIndex implements CalendarIndex {
  private readonly key: string;
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    assertValidPrefix(prefix);
    this.key = calendarChannelsKey(prefix);
  }

  async add(channel: ChannelRef): Promise<void> {
    await redisIo(() => this.redis.sadd(this.key, member(channel)));
  }

  async remove(channel: ChannelRef): Promise<void> {
    await redisIo(() => this.redis.srem(this.key, member(channel)));
  }

  async list(): Promise<ChannelRef[]> {
    const members = await redisIo(() => this.redis.smembers(this.key));
    return members.map((raw) => parseStored(ChannelRefSchema, raw, this.key));
  }
}

/** The member for a channel: its ref's own fields in a fixed order, so adding twice makes one member. */
function member(channel: ChannelRef): string {
  return JSON.stringify(ChannelRefSchema.parse(channel));
}
