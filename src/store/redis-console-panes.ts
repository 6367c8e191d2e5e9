/**
 * The ConsolePaneStore on Redis. Keys, under REDIS_PREFIX, with the channel's hash tag like keys.ts
 * (T = `P:{console:team:channel}`):
 * | key                     | type   | holds                                                                 |
 * |-------------------------|--------|-----------------------------------------------------------------------|
 * | `T:console:msg:<id>`    | string | JSON ConsoleMessage, expiring after MESSAGE_TTL_SECONDS               |
 * | `T:console:pane:<pane>` | list   | message ids of a pane (`channel`, `dm:<person>`), oldest first, capped |
 * | `T:console:setup`       | string | set once the demo channel has been set up                             |
 * | `P:console:seq`         | string | the last message id (one counter for the install, so ids never clash) |
 * Each new or changed message is published on `P:console:events` (consoleEventsChannel) as
 * `{type: 'post' | 'update', channel, message}`, for RedisConsoleFeed in every web process. A Redis that
 * cannot be reached rejects with UnavailableError, as for every store port (redis-io.ts).
 */
import {
  type ConsoleEvent,
  type ConsoleMessage,
  type ConsolePaneStore,
  MESSAGE_TTL_SECONDS,
  type NewConsoleMessage,
  PANE_CAP,
  type PaneId,
} from '../core/console-pane-store';
import type { ChannelRef } from '../core/domain';
import type { View } from '../core/view';
import { assertValidPrefix, channelTag } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

/** The pub/sub channel that carries the console's announcements. */
export function consoleEventsChannel(prefix: string): string {
  return `${prefix}:console:events`;
}

/** A stored message, or null when it is gone or is not one (a hand-edited key shows nothing). */
export function parseConsoleMessage(raw: string | null): ConsoleMessage | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as ConsoleMessage;
    return typeof value.id === 'string' && typeof value.pane === 'string' ? value : null;
  } catch {
    return null;
  }
}

export class RedisConsolePanes implements ConsolePaneStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    assertValidPrefix(prefix);
  }

  private base(channel: ChannelRef): string {
    return `${this.prefix}:${channelTag(channel)}:console`;
  }

  private messageKey(channel: ChannelRef, id: string): string {
    return `${this.base(channel)}:msg:${id}`;
  }

  private paneKey(channel: ChannelRef, pane: PaneId): string {
    return `${this.base(channel)}:pane:${encodeURIComponent(pane)}`;
  }

  async add(channel: ChannelRef, draft: NewConsoleMessage): Promise<ConsoleMessage> {
    const n = await redisIo(() => this.redis.incr(`${this.prefix}:console:seq`));
    const message: ConsoleMessage = { ...draft, id: `m${n}`, at: this.now().toISOString(), editedAt: null };
    const pane = this.paneKey(channel, message.pane);
    await redisIo(() =>
      this.redis
        .multi()
        .set(this.messageKey(channel, message.id), JSON.stringify(message), 'EX', MESSAGE_TTL_SECONDS)
        .rpush(pane, message.id)
        .ltrim(pane, -PANE_CAP, -1)
        .expire(pane, MESSAGE_TTL_SECONDS)
        .exec(),
    );
    await this.publish({ type: 'post', channel, message });
    return message;
  }

  async get(channel: ChannelRef, id: string): Promise<ConsoleMessage | null> {
    return parseConsoleMessage(await redisIo(() => this.redis.get(this.messageKey(channel, id))));
  }

  async update(channel: ChannelRef, id: string, view: View): Promise<ConsoleMessage | null> {
    const current = await this.get(channel, id);
    if (!current) return null;
    const message: ConsoleMessage = { ...current, view, editedAt: this.now().toISOString() };
    await redisIo(() => this.redis.set(this.messageKey(channel, id), JSON.stringify(message), 'KEEPTTL'));
    await this.publish({ type: 'update', channel, message });
    return message;
  }

  async pane(channel: ChannelRef, pane: PaneId): Promise<ConsoleMessage[]> {
    const ids = await redisIo(() => this.redis.lrange(this.paneKey(channel, pane), 0, -1));
    if (ids.length === 0) return [];
    const raw = await redisIo(() => this.redis.mget(ids.map((id) => this.messageKey(channel, id))));
    return raw.map(parseConsoleMessage).filter((m): m is ConsoleMessage => m !== null);
  }

  async claimSetup(channel: ChannelRef): Promise<boolean> {
    return (await redisIo(() => this.redis.set(`${this.base(channel)}:setup`, '1', 'NX'))) === 'OK';
  }

  async releaseSetup(channel: ChannelRef): Promise<void> {
    await redisIo(() => this.redis.del(`${this.base(channel)}:setup`));
  }

  private async publish(event: ConsoleEvent): Promise<void> {
    await redisIo(() => this.redis.publish(consoleEventsChannel(this.prefix), JSON.stringify(event)));
  }
}
