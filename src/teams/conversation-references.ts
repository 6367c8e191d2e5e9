/**
 * What the bot must remember to message Teams on its own (a reminder, a card update, a digest): the
 * conversation reference of each conversation it has seen (service URL, conversation, bot account), which
 * personal chat belongs to which user, the display names of the people it has seen (to show them as
 * mentions), and the latest reminder it sent in each personal chat (a plain `done` there answers it).
 *
 * References are captured when the app is installed (conversationUpdate, installationUpdate) and on every
 * activity, so they follow a service URL that changes.
 *
 * Keys, under REDIS_PREFIX, hash-tagged like src/store/keys.ts (each part percent-encoded):
 * | key                                               | type   | holds                                      |
 * |---------------------------------------------------|--------|--------------------------------------------|
 * | `P:{teams:<tenant>:<conversation>}:teams:ref`     | string | JSON conversation reference                |
 * | `P:{teams-user:<tenant>:<user>}:teams:chat`       | string | the user's personal conversation id        |
 * | `P:{teams-names:<tenant>}:teams:names`            | hash   | user id to display name                    |
 * | `P:{teams:<tenant>:<conversation>}:teams:last-reminder` | string | activity id of the latest reminder there |
 * The reference key shares its channel's hash tag, so it lives in the same cluster slot as the channel.
 */
import { z } from 'zod';
import type { ChannelRef } from '../core/domain';
import { assertValidPrefix, channelTag, encodePart } from '../store/keys';
import type { RedisClient } from '../store/redis-connection';

/** How long the latest reminder of a personal chat is remembered for a plain `done`. */
export const LAST_REMINDER_TTL_SECONDS = 60 * 24 * 3600;

const AccountSchema = z.object({ id: z.string().min(1), name: z.string().optional() });

export const StoredReferenceSchema = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: AccountSchema,
});
/** The slim conversation reference kept: enough for botbuilder's continueConversationAsync. */
export type StoredReference = z.infer<typeof StoredReferenceSchema>;

/** What is read from an activity to make a reference (botbuilder's Activity fits). */
export interface ReferenceSource {
  serviceUrl?: string;
  channelId?: string;
  conversation?: { id?: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  recipient?: { id?: string; name?: string };
}

/** The reference to a conversation, from an activity received in it (the bot is its recipient). */
export function referenceFrom(activity: ReferenceSource, conversationId: string): StoredReference | null {
  const { serviceUrl, channelId, conversation, recipient } = activity;
  if (!serviceUrl || !channelId || !recipient?.id) return null;
  return {
    serviceUrl,
    channelId,
    conversation: {
      id: conversationId,
      ...(conversation?.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation?.tenantId ? { tenantId: conversation.tenantId } : {}),
      ...(conversation?.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
    },
    bot: { id: recipient.id, ...(recipient.name ? { name: recipient.name } : {}) },
  };
}

export class ConversationReferences {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  private referenceKey(channel: ChannelRef): string {
    return `${this.prefix}:${channelTag(channel)}:teams:ref`;
  }

  private chatKey(tenant: string, userId: string): string {
    return `${this.prefix}:{teams-user:${encodePart(tenant)}:${encodePart(userId)}}:teams:chat`;
  }

  private namesKey(tenant: string): string {
    return `${this.prefix}:{teams-names:${encodePart(tenant)}}:teams:names`;
  }

  private lastReminderKey(chat: ChannelRef): string {
    return `${this.prefix}:${channelTag(chat)}:teams:last-reminder`;
  }

  /** Remembers how to reach a conversation (`channel.channel` is its id without a thread suffix). */
  async save(channel: ChannelRef, reference: StoredReference): Promise<void> {
    await this.redis.set(this.referenceKey(channel), JSON.stringify(reference));
  }

  async get(channel: ChannelRef): Promise<StoredReference | null> {
    const raw = await this.redis.get(this.referenceKey(channel));
    if (raw === null) return null;
    const parsed = StoredReferenceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Remembers the personal chat of a user (and its reference). */
  async savePersonalChat(tenant: string, userId: string, reference: StoredReference): Promise<void> {
    const chat: ChannelRef = { platform: 'teams', team: tenant, channel: reference.conversation.id };
    await Promise.all([
      this.save(chat, reference),
      this.redis.set(this.chatKey(tenant, userId), reference.conversation.id),
    ]);
  }

  /** The user's personal chat with the bot and its reference, or null when there is none yet. */
  async personalChat(tenant: string, userId: string): Promise<StoredReference | null> {
    const id = await this.redis.get(this.chatKey(tenant, userId));
    return id === null ? null : this.get({ platform: 'teams', team: tenant, channel: id });
  }

  /** Keeps display names seen in activities (the sender, the people mentioned). */
  async rememberNames(tenant: string, people: { id: string; name: string }[]): Promise<void> {
    const named = people.filter((p) => p.name.trim() !== '');
    if (named.length === 0) return;
    await this.redis.hset(this.namesKey(tenant), Object.fromEntries(named.map((p) => [p.id, p.name])));
  }

  async names(tenant: string, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const values = await this.redis.hmget(this.namesKey(tenant), ...userIds);
    const found = new Map<string, string>();
    userIds.forEach((id, i) => {
      const name = values[i];
      if (typeof name === 'string') found.set(id, name);
    });
    return found;
  }

  async setLastReminder(chat: ChannelRef, activityId: string): Promise<void> {
    await this.redis.set(this.lastReminderKey(chat), activityId, 'EX', LAST_REMINDER_TTL_SECONDS);
  }

  async lastReminder(chat: ChannelRef): Promise<string | null> {
    return this.redis.get(this.lastReminderKey(chat));
  }
}
