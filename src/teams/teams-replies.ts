/**
 * Shows the core's Reply to the Teams user who acted, in the turn of their message, and turns an
 * unexpected failure into a short answer instead of silence.
 *
 * Teams has no messages only one person sees, so:
 * - `ephemeral`: a reply in the same conversation (in a channel, in the thread of the user's message;
 *   in a personal chat, the chat itself).
 * - `channel`: a new post in the channel, through the Messenger.
 * - `import-form`: Teams has no form to paste into, so the answer says how to send the minutes.
 * For a button press the answer is the invoke response instead (see teams-adapter.ts).
 */

import type { TurnContext } from 'botbuilder';
import type { Reply } from '../core/chat-service';
import type { Actor } from '../core/domain';
import { UnavailableError, UserError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { View } from '../core/view';
import { notice } from '../core/views/notice';
import { cardAttachment, renderCards, summaryOf } from './adaptive-cards';
import type { TeamsMessenger } from './teams-messenger';

export const SOMETHING_WENT_WRONG =
  'Something went wrong on Arising’s side and it has been logged. Please try again in a moment; if it keeps happening, tell whoever looks after Arising.';

export const IMPORT_HOW =
  'To import minutes, write `import` and paste the minutes after it in the same message, or attach the ' +
  'minutes (.docx, .pdf, .md or .txt) to a message saying `import` in your personal chat with Arising. ' +
  'I show what I found, with Import and Cancel, before anything is stored.';

export const CANNOT_POST_HERE =
  'Arising cannot post in this conversation: make sure the app is added to the team or chat, then try again.';

export class TeamsReplies {
  constructor(
    private readonly messenger: TeamsMessenger,
    private readonly logger: Logger,
  ) {}

  /** Runs the core call and shows its Reply; any failure is logged and answered, never thrown. */
  async answering(context: TurnContext, actor: Actor, work: () => Promise<Reply | null>): Promise<void> {
    try {
      const reply = await work();
      if (reply) await this.send(context, actor, reply);
    } catch (error) {
      await this.failed(context, actor, error);
    }
  }

  async send(context: TurnContext, actor: Actor, reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'ephemeral':
        return this.show(context, actor, reply.view);
      case 'channel': {
        const posted = await this.messenger.post({ kind: 'channel', channel: actor.channel }, reply.view);
        if (!posted) await this.show(context, actor, withNote(reply.view, CANNOT_POST_HERE));
        return;
      }
      case 'import-form':
        return this.show(context, actor, notice(IMPORT_HOW));
      case 'none':
        return;
    }
  }

  /** The view as cards, answering in the conversation of the turn. */
  async show(context: TurnContext, actor: Actor, view: View): Promise<void> {
    const names = await this.messenger.namesFor(actor.channel.team, view);
    const summary = summaryOf(view);
    await context.sendActivities(
      renderCards(view, names).map((card) => ({
        type: 'message',
        attachments: [cardAttachment(card)],
        summary,
      })),
    );
  }

  /** Tells the user what went wrong in words they can act on; logs what they cannot. */
  async failed(context: TurnContext, actor: Actor, error: unknown): Promise<void> {
    const message = this.describe(actor, error);
    try {
      await this.show(context, actor, notice(`⚠️ ${message}`));
    } catch (answerError) {
      this.logger.error('Could not tell the Teams user about the error either:', answerError);
    }
  }

  /** The words for a failure (logging the ones the user cannot act on). */
  describe(actor: Actor, error: unknown): string {
    if (error instanceof UserError) return error.message;
    if (error instanceof UnavailableError) {
      this.logger.warn(`Store unavailable: ${error.message}`);
      return error.message;
    }
    this.logger.error(
      `Unexpected error for ${actor.userId} in ${actor.channel.team}/${actor.channel.channel}:`,
      error,
    );
    return SOMETHING_WENT_WRONG;
  }
}

/** The view with a warning line above it. */
function withNote(view: View, note: string): View {
  return { text: `${note}\n${view.text}`, blocks: [...notice(`⚠️ ${note}`).blocks, ...view.blocks] };
}
