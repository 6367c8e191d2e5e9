/**
 * What the conversation core needs from outside: claiming a delivery once, finding the message a reply
 * answers, a place to log, and a per-request surface to show answers on. Adapters implement the surface
 * and the reply targets; the composition root wraps the store for the claims.
 */
import type { SharedDocument } from '../chat-service';
import type { MessageRef } from '../domain';
import type { View } from '../view';
import type { Inbound } from './inbound';

/** De-duplicates redeliveries: a Slack event or a Teams activity acts once. */
export interface DeliveryClaims {
  /** True the first time `key` is claimed; false for every later claim within `ttlSeconds`. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}

/**
 * Finds the message a reply answers: the root of its thread, the message a DM quotes, or else, in a DM,
 * the bot's latest messages there (Slack asks conversations.history, Teams keeps the last reminder, the
 * console reads its pane). Newest first: the first one that is about an action is the one answered, so
 * the bot's own answer in a DM ("Noted on #4.") does not hide the reminder before it. Empty when there is
 * none.
 */
export interface ReplyTargets {
  repliedTo(inbound: Inbound): Promise<MessageRef[]>;
}

/** The logger calls the core makes (Bolt's logger, the service's pino logger and TeamsLog all fit). */
export interface ConversationLog {
  debug(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

/**
 * Where one request's answers appear. Made per request by the adapter, which alone knows its response
 * URL, trigger id, turn context or pane.
 */
export interface Surface {
  /** Shows the view to the person who acted only (or, where a platform cannot, in their thread or chat). */
  showPrivately(view: View): Promise<void>;
  /** Shows the view in place of the private message whose button was pressed. */
  replaceOriginal(view: View): Promise<void>;
  /** Posts the view in the conversation for everyone; false when the bot may not post there. */
  postInChannel(view: View): Promise<boolean>;
  /**
   * Opens a form: `import`, to paste minutes into; `add`, for a new action. False when the platform has
   * no such form.
   */
  openForm(form: 'import' | 'add'): Promise<boolean>;
  /**
   * Shares a document as a file: in the conversation for everyone, or with the person who acted only (a
   * DM). False, or left out, where the platform cannot share files yet.
   */
  shareDocument?(document: SharedDocument, audience: 'channel' | 'private'): Promise<boolean>;
  /**
   * Recognises a platform failure meaning "the bot cannot post here" (Slack's `not_in_channel`), which
   * is worded for the user rather than logged as a fault.
   */
  isCannotPost?(error: unknown): boolean;
}
