/**
 * Where one Teams turn's answers appear: the conversation core's Surface for Teams.
 *
 * Teams has no messages only one person sees, so a private answer is a reply in the same conversation
 * (in a channel, in the thread of the user's message; in a personal chat, the chat itself). A channel
 * answer is a new post through the Messenger. Teams has no form to paste minutes into (openForm says so,
 * and the core tells the user how to send them). For a button press the answer is the invoke response
 * instead: InvokeSurface keeps what would have been shown for the adapter to put in it.
 */
import type { TurnContext } from 'botbuilder';
import type { Surface } from '../core/conversation/conversation-ports';
import type { Actor } from '../core/domain';
import type { View } from '../core/view';
import { cardAttachment, renderCards, summaryOf } from './adaptive-cards';
import type { TeamsMessenger } from './teams-messenger';

/** The view as cards, answering in the conversation of the turn. */
export async function showInTurn(
  context: TurnContext,
  messenger: TeamsMessenger,
  actor: Actor,
  view: View,
): Promise<void> {
  const names = await messenger.namesFor(actor.channel.team, view);
  const summary = summaryOf(view);
  await context.sendActivities(
    renderCards(view, names).map((card) => ({
      type: 'message',
      attachments: [cardAttachment(card)],
      summary,
    })),
  );
}

/** Answers in the turn of the user's message. */
export class TurnSurface implements Surface {
  constructor(
    protected readonly context: TurnContext,
    protected readonly messenger: TeamsMessenger,
    protected readonly actor: Actor,
  ) {}

  showPrivately(view: View): Promise<void> {
    return showInTurn(this.context, this.messenger, this.actor, view);
  }

  replaceOriginal(view: View): Promise<void> {
    return this.showPrivately(view);
  }

  async postInChannel(view: View): Promise<boolean> {
    return (await this.messenger.post({ kind: 'channel', channel: this.actor.channel }, view)) !== null;
  }

  async openForm(_form: 'import' | 'add'): Promise<boolean> {
    return false;
  }
}

/** A button press: what is shown privately goes into the invoke response, which only the presser sees. */
export class InvokeSurface extends TurnSurface {
  /** The last private answer, for the invoke response. */
  shown: View | null = null;

  override async showPrivately(view: View): Promise<void> {
    this.shown = view;
  }
}
