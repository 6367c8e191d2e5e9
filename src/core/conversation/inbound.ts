/**
 * One inbound message, whatever platform it came from. Adapters translate a Slack event, a Teams activity
 * or a console request into this and hand it to handle(); nothing platform-specific is left in it but the
 * ids the platform's own ports read back (a thread root, a quoted message).
 */
import type { Actor, MessageRef } from '../domain';
import type { NewActionForm } from '../new-action-form';
import type { ButtonId } from '../view';

/**
 * Where the message was said:
 * - `channel`: in a channel (or group chat), outside any thread;
 * - `thread`: in the thread of the message `root` (a card or a reminder, if it is the bot's);
 * - `dm`: in a direct message with the bot; `quoted` is the message it quotes, when the platform says so.
 */
export type Where =
  | { kind: 'channel' }
  | { kind: 'thread'; root: string }
  | { kind: 'dm'; quoted?: string | undefined };

/**
 * What was said or done:
 * - `text`: typed words;
 * - `button`: a press on a button or menu item of a view the core built, with what was typed in the form
 *   it opened; `onPrivateMessage` when the pressed message was shown to this person only (an import
 *   preview), so the answer takes its place;
 * - `import`: minutes submitted through a form or attached as a file. They are read lazily, because
 *   fetching a file may fail and that failure is worded like any other;
 * - `new-action`: a new action's form saved, tracked from the message `source` when there is one.
 */
export type What =
  | { kind: 'text'; text: string }
  | { kind: 'button'; id: ButtonId; value: string; input?: string; onPrivateMessage?: boolean }
  | { kind: 'import'; minutes: () => Promise<string> }
  | { kind: 'new-action'; form: NewActionForm; source: MessageRef | null };

export interface Inbound {
  /** Who (platform, team, user) and in which conversation; always from the signed request, never a payload. */
  actor: Actor;
  where: Where;
  /**
   * The message is addressed to the bot: a slash command, a mention, the console's command box. Such
   * text is always a command.
   */
  mentioned: boolean;
  /**
   * The key under which this delivery is claimed once (a redelivered Slack event or Teams activity has the
   * same key), or null when the platform does not redeliver.
   */
  delivery: string | null;
  /** The platform's id of this message, for ports that look at what came before it (Slack's ts). */
  messageId?: string | undefined;
  what: What;
}
