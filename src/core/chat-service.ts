/**
 * What the conversation core (src/core/conversation) asks of the service. Adapters do not call it
 * themselves: they translate a platform's request into an inbound message for handle(), which decides
 * which of these calls it is and shows the Reply on the request's surface.
 */
import type { Actor, MessageRef } from './domain';
import type { MattersPaper } from './matters/matters-paper';
import type { FormErrors, NewActionForm } from './new-action-form';
import type { ButtonId, View } from './view';

/**
 * What the adapter shows in answer to the user who acted.
 * - `ephemeral`: only that user sees it (lists, errors, confirmations).
 * - `channel`: posted in the channel for everyone (a chair's matters-arising).
 * - `none`: nothing more to show (the service already posted or updated the channel message).
 * - `import-form`: open a form to paste minutes into (a Slack modal; Teams asks for text or a file).
 * - `add-form`: open the form for a new action (a Slack modal); where there is none, say what `add` needs.
 * - `document`: share a document (matters arising as a Word file) in the channel, or privately with the
 *   person who acted; where the platform cannot share files, show `fallback` to them instead.
 */
export type Reply =
  | { kind: 'ephemeral'; view: View }
  | { kind: 'channel'; view: View }
  | { kind: 'none' }
  | { kind: 'import-form' }
  | { kind: 'add-form' }
  | { kind: 'document'; document: SharedDocument; audience: 'channel' | 'private'; fallback: View };

/** A document to share as a file: the papers' layout, which the adapter renders (src/papers). */
export interface SharedDocument {
  paper: MattersPaper;
  /** `matters-arising-2024-03-12.docx`. */
  filename: string;
  /** Said with the file where it is shared. */
  comment: string;
}

export interface ChatService {
  /** A `/action …` command (the text after the command word). Never throws a UserError: it answers with it. */
  command(actor: Actor, text: string): Promise<Reply>;
  /**
   * A reply in the thread of a bot message, or in the DM that reminded the owner. Returns null when the
   * message is not about any action (the adapter then ignores the reply).
   */
  threadReply(actor: Actor, parent: MessageRef, text: string): Promise<Reply | null>;
  /** A press on a button or menu item of a view the core built. `value` is the button's own payload. */
  button(actor: Actor, id: ButtonId, value: string, input?: string): Promise<Reply>;
  /** Minutes pasted into the import form: answers with what was found, and Import / Cancel buttons. */
  importText(actor: Actor, text: string): Promise<Reply>;
  /** A new-action form's mistakes, per field, before it is saved; null when it can be saved. */
  checkNewAction(actor: Actor, form: NewActionForm): Promise<FormErrors | null>;
  /** A new-action form saved: adds it as `add` does; tracked from `source`, answers in its thread. */
  addFromForm(actor: Actor, form: NewActionForm, source: MessageRef | null): Promise<Reply>;
}
