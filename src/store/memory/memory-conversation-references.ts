/** The ConversationReferenceStore in memory (see conversation-reference-store.ts for what it keeps). */
import {
  type ConversationReferenceStore,
  type StoredReference,
  StoredReferenceSchema,
} from '../../core/conversation-reference-store';
import type { ChannelRef } from '../../core/domain';

const key = (...parts: string[]): string => JSON.stringify(parts);

export class MemoryConversationReferences implements ConversationReferenceStore {
  private readonly references = new Map<string, StoredReference>();
  /** Tenant and user to the id of their personal chat. */
  private readonly chats = new Map<string, string>();
  /** Tenant and user to display name. */
  private readonly displayNames = new Map<string, string>();

  async save(channel: ChannelRef, reference: StoredReference): Promise<void> {
    const parsed = StoredReferenceSchema.parse(structuredClone(reference));
    this.references.set(key(channel.platform, channel.team, channel.channel), parsed);
  }

  async get(channel: ChannelRef): Promise<StoredReference | null> {
    const found = this.references.get(key(channel.platform, channel.team, channel.channel));
    return found ? structuredClone(found) : null;
  }

  async savePersonalChat(tenant: string, userId: string, reference: StoredReference): Promise<void> {
    await this.save({ platform: 'teams', team: tenant, channel: reference.conversation.id }, reference);
    this.chats.set(key(tenant, userId), reference.conversation.id);
  }

  async personalChat(tenant: string, userId: string): Promise<StoredReference | null> {
    const id = this.chats.get(key(tenant, userId));
    return id === undefined ? null : this.get({ platform: 'teams', team: tenant, channel: id });
  }

  async rememberNames(tenant: string, people: { id: string; name: string }[]): Promise<void> {
    for (const p of people) if (p.name.trim() !== '') this.displayNames.set(key(tenant, p.id), p.name);
  }

  async names(tenant: string, userIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const id of userIds) {
      const name = this.displayNames.get(key(tenant, id));
      if (name !== undefined) found.set(id, name);
    }
    return found;
  }
}
