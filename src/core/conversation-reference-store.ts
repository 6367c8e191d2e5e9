/**
 * What the bot must remember to message a Bot Framework conversation (Teams) on its own, for a reminder,
 * a card update or a digest: the conversation reference of each conversation it has seen (service URL,
 * conversation, bot account), which personal chat belongs to which user, and the display names of the
 * people it has seen (to show them as mentions). The Teams adapter captures them; the store keeps them.
 */
import { z } from 'zod';
import type { ChannelRef } from './domain';

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

export interface ConversationReferenceStore {
  /** Remembers how to reach a conversation (`channel.channel` is its id without a thread suffix). */
  save(channel: ChannelRef, reference: StoredReference): Promise<void>;
  /** The conversation's reference, or null when none was seen (or what is kept no longer parses). */
  get(channel: ChannelRef): Promise<StoredReference | null>;
  /** Remembers the personal chat of a user in a tenant, and its reference. */
  savePersonalChat(tenant: string, userId: string, reference: StoredReference): Promise<void>;
  /** The user's personal chat with the bot, or null when there is none yet. */
  personalChat(tenant: string, userId: string): Promise<StoredReference | null>;
  /** Keeps display names seen in activities (the sender, the people mentioned); blank names are ignored. */
  rememberNames(tenant: string, people: { id: string; name: string }[]): Promise<void>;
  /** The known display names of these users (those without one are left out). */
  names(tenant: string, userIds: string[]): Promise<Map<string, string>>;
}
