/**
 * The latest reminder the bot sent in each direct-message conversation, so that a plain `done` typed
 * there (not a reply in a thread) can be taken as the answer to it. Kept for LAST_REMINDER_TTL_SECONDS:
 * an answer months later is no answer.
 */
import type { ChannelRef } from './domain';

/** How long the latest reminder of a direct-message conversation is remembered. */
export const LAST_REMINDER_TTL_SECONDS = 60 * 24 * 3600;

export interface LastReminderStore {
  /** Records `messageId` as the latest reminder in `chat`, replacing the one before. */
  setLastReminder(chat: ChannelRef, messageId: string): Promise<void>;
  /** The latest reminder's message id in `chat`, or null when none was sent (or it has expired). */
  lastReminder(chat: ChannelRef): Promise<string | null>;
}
