/**
 * The console's messages in Redis: what the bot posted in the demo channel, in threads and in each
 * person's direct-message pane, what the people typed, and the answers only one person sees. Every
 * process (web or worker) writes here through the ConsoleMessenger, and announces each new or changed
 * message on a pub/sub channel, so the web process that holds a browser's event stream shows it live
 * even when a worker process sent it.
 *
 * Keys, under REDIS_PREFIX, with the channel's hash tag like src/store/keys.ts (T = `P:{console:team:channel}`):
 * | key                     | type   | holds                                                                 |
 * |-------------------------|--------|-----------------------------------------------------------------------|
 * | `T:console:msg:<id>`    | string | JSON ConsoleMessage, expiring after MESSAGE_TTL_SECONDS               |
 * | `T:console:pane:<pane>` | list   | message ids of a pane (`channel`, `dm:<person>`), oldest first, capped |
 * | `T:console:setup`       | string | set once the demo channel has been set up                             |
 * | `P:console:seq`         | string | the last message id (one counter for the install, so ids never clash) |
 * Pub/sub channel `P:console:events` carries `{type: 'post' | 'update', message}`.
 */
import type { ChannelRef } from '../core/domain';
import type { View } from '../core/view';
import { assertValidPrefix, channelTag } from '../store/keys';
import type { RedisClient } from '../store/redis-connection';

/** Messages kept per pane; older ones fall off (the console is a demo, not an archive). */
export const PANE_CAP = 200;
/** How long a console message is kept. */
export const MESSAGE_TTL_SECONDS = 30 * 24 * 3600;

/** `channel`, or `dm:<person id>` for a person's direct messages with Arising. */
export type PaneId = string;

export const CHANNEL_PANE = 'channel';
export const dmPane = (userId: string): PaneId => `dm:${userId}`;

export interface ConsoleMessage {
  id: string;
  pane: PaneId;
  /** The id of the message this one replies to in a thread, or null at the top of the pane. */
  thread: string | null;
  /** The person who wrote it, or null for Arising. */
  from: string | null;
  /** What Arising posted. */
  view: View | null;
  /** What a person typed. */
  text: string | null;
  /** Only this person sees it (an answer to them alone), or null for everyone in the pane. */
  visibleTo: string | null;
  at: string;
  editedAt: string | null;
}

export type NewConsoleMessage = Omit<ConsoleMessage, 'id' | 'at' | 'editedAt'>;

export type ConsoleEvent = { type: 'post' | 'update'; channel: ChannelRef; message: ConsoleMessage };

export function eventsChannel(prefix: string): string {
  return `${prefix}:console:events`;
}

function parseMessage(raw: string | null): ConsoleMessage | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as ConsoleMessage;
    return typeof value.id === 'string' && typeof value.pane === 'string' ? value : null;
  } catch {
    return null;
  }
}

export class ConsoleStore {
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

  /** Stores a message at the end of its pane and announces it. */
  async add(channel: ChannelRef, draft: NewConsoleMessage): Promise<ConsoleMessage> {
    const n = await this.redis.incr(`${this.prefix}:console:seq`);
    const message: ConsoleMessage = { ...draft, id: `m${n}`, at: this.now().toISOString(), editedAt: null };
    const pane = this.paneKey(channel, message.pane);
    await this.redis
      .multi()
      .set(this.messageKey(channel, message.id), JSON.stringify(message), 'EX', MESSAGE_TTL_SECONDS)
      .rpush(pane, message.id)
      .ltrim(pane, -PANE_CAP, -1)
      .expire(pane, MESSAGE_TTL_SECONDS)
      .exec();
    await this.publish({ type: 'post', channel, message });
    return message;
  }

  async get(channel: ChannelRef, id: string): Promise<ConsoleMessage | null> {
    return parseMessage(await this.redis.get(this.messageKey(channel, id)));
  }

  /**
   * Replaces the view of a message Arising posted, and announces it. Returns null when the message is gone
   * (expired or never posted here): there is nothing left on any screen to update.
   */
  async update(channel: ChannelRef, id: string, view: View): Promise<ConsoleMessage | null> {
    const current = await this.get(channel, id);
    if (!current) return null;
    const message: ConsoleMessage = { ...current, view, editedAt: this.now().toISOString() };
    await this.redis.set(this.messageKey(channel, id), JSON.stringify(message), 'KEEPTTL');
    await this.publish({ type: 'update', channel, message });
    return message;
  }

  /** A pane's messages, oldest first, threads included (each names its parent). */
  async pane(channel: ChannelRef, pane: PaneId): Promise<ConsoleMessage[]> {
    const ids = await this.redis.lrange(this.paneKey(channel, pane), 0, -1);
    if (ids.length === 0) return [];
    const raw = await this.redis.mget(ids.map((id) => this.messageKey(channel, id)));
    return raw.map(parseMessage).filter((m): m is ConsoleMessage => m !== null);
  }

  /** True the first time it is asked for a channel: the demo set-up runs once per install. */
  async claimSetup(channel: ChannelRef): Promise<boolean> {
    return (await this.redis.set(`${this.base(channel)}:setup`, '1', 'NX')) === 'OK';
  }

  /** Gives the set-up claim back after a set-up that failed, so the next start tries again. */
  async releaseSetup(channel: ChannelRef): Promise<void> {
    await this.redis.del(`${this.base(channel)}:setup`);
  }

  private async publish(event: ConsoleEvent): Promise<void> {
    await this.redis.publish(eventsChannel(this.prefix), JSON.stringify(event));
  }
}
