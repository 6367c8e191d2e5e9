/**
 * The conversation reference of a Teams conversation, read from an activity received in it. The Teams
 * adapter and messenger capture one from every activity (and when the app is installed), so they follow a
 * service URL that changes; the ConversationReferenceStore (src/core/conversation-reference-store.ts)
 * keeps them, with the personal chat of each user and the names of the people seen.
 */
import type { StoredReference } from '../core/conversation-reference-store';

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
