/**
 * The ConversationReferenceStore on Redis. Keys, under REDIS_PREFIX, hash-tagged like keys.ts (each part
 * percent-encoded):
 * | key                                               | type   | holds                                      |
 * |---------------------------------------------------|--------|--------------------------------------------|
 * | `P:{teams:<tenant>:<conversation>}:teams:ref`     | string | JSON conversation reference                |
 * | `P:{teams-user:<tenant>:<user>}:teams:chat`       | string | the user's personal conversation id        |
 * | `P:{teams-names:<tenant>}:teams:names`            | hash   | user id to display name                    |
 * The reference key shares its channel's hash tag, so it lives in the same cluster slot as the channel.
 */
import {
  type ConversationReferenceStore,
  type StoredReference,
  StoredReferenceSchema,
} from '../core/conversation-reference-store';
import type { ChannelRef } from '../core/domain';
import { assertValidPrefix, channelTag, encodePart } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

/** A kept reference, or null when it is not JSON or not a reference (it is then seen again, and saved). */
function parseReference(raw: string | null): StoredReference | null {
  if (raw === null) return null;
  try {
    const parsed = StoredReferenceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class RedisConversationReferences implements ConversationReferenceStore {
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

  async save(channel: ChannelRef, reference: StoredReference): Promise<void> {
    await redisIo(() => this.redis.set(this.referenceKey(channel), JSON.stringify(reference)));
  }

  async get(channel: ChannelRef): Promise<StoredReference | null> {
    return parseReference(await redisIo(() => this.redis.get(this.referenceKey(channel))));
  }

  async savePersonalChat(tenant: string, userId: string, reference: StoredReference): Promise<void> {
    const chat: ChannelRef = { platform: 'teams', team: tenant, channel: reference.conversation.id };
    await Promise.all([
      this.save(chat, reference),
      redisIo(() => this.redis.set(this.chatKey(tenant, userId), reference.conversation.id)),
    ]);
  }

  async personalChat(tenant: string, userId: string): Promise<StoredReference | null> {
    const id = await redisIo(() => this.redis.get(this.chatKey(tenant, userId)));
    return id === null ? null : this.get({ platform: 'teams', team: tenant, channel: id });
  }

  async rememberNames(tenant: string, people: { id: string; name: string }[]): Promise<void> {
    const named = people.filter((p) => p.name.trim() !== '');
    if (named.length === 0) return;
    const fields = Object.fromEntries(named.map((p) => [p.id, p.name]));
    await redisIo(() => this.redis.hset(this.namesKey(tenant), fields));
  }

  async names(tenant: string, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const values = await redisIo(() => this.redis.hmget(this.namesKey(tenant), ...userIds));
    const found = new Map<string, string>();
    userIds.forEach((id, i) => {
      const name = values[i];
      if (typeof name === 'string') found.set(id, name);
    });
    return found;
  }
}
