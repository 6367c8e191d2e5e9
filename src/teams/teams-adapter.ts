/**
 * The Teams adapter: turns Bot Framework activities into ChatService calls and shows the answers. It
 * holds no business rule; what a message means is the core's to decide.
 *
 * - `message` in a channel or group chat: a command when it mentions the bot (`@Arising add …`); without
 *   a mention, only a reply in the thread of a message of the bot is read (Teams delivers those with the
 *   resource-specific permission ChannelMessage.Read.Group), as a reply about that action; everything else
 *   said in the channel is none of the bot's business.
 * - `message` in a personal chat: a command, or a reply to the reminder it answers (Teams' reply quotes
 *   it as replyToId; a plain `done`, or words that are no command, answer the latest reminder there).
 * - `invoke` of `adaptiveCard/action`: a button (Universal Actions). The answer is the pressed card in its
 *   new state, shown at once to whoever pressed; every other viewer gets the update the core makes.
 * - `conversationUpdate` / `installationUpdate`: the app was added; the conversation is remembered and
 *   greeted.
 * Every activity's conversation reference (and the names of the people in it) is kept for proactive
 * messages. Who acts and where comes from the activity (authenticated by botbuilder), never from a
 * button's data; the core re-checks that data against it.
 */

import type { TurnContext } from 'botbuilder';
import type { ChatService, Reply } from '../core/chat-service';
import { SUBCOMMANDS } from '../core/command-parser';
import type { Actor, MessageRef } from '../core/domain';
import type { Logger } from '../core/logger';
import { isDoneReply } from '../core/reply-intent';
import type { ButtonId } from '../core/view';
import { notice } from '../core/views/notice';
import { type AdaptiveCard, renderCard, withBanner } from './adaptive-cards';
import { readExecuteAction } from './card-buttons';
import { type ConversationReferences, referenceFrom } from './conversation-references';
import type { FileSource } from './file-fetch';
import {
  baseConversationId,
  channelRefOf,
  conversationKindOf,
  tenantOf,
  threadRootOf,
} from './teams-conversation';
import { attachedFiles, readAttachedFile } from './teams-import';
import { readMessageText } from './teams-mentions';
import type { TeamsMessenger } from './teams-messenger';
import { TeamsReplies } from './teams-replies';

/** How long an activity id is remembered, so a redelivered message acts once. */
export const ACTIVITY_CLAIM_TTL_SECONDS = 24 * 3600;

export const WELCOME =
  'Hi, I’m Arising: I keep track of the actions from your meetings. Mention me with a command, like ' +
  '`@Arising add @Priya to send the figures by Friday`, or `@Arising help` for the rest. In a personal ' +
  'chat with me, leave out the @Arising; reminders of your actions come here.';

export interface TeamsAdapterDeps {
  service: ChatService;
  messenger: TeamsMessenger;
  references: ConversationReferences;
  /** The store's one-off claim, for de-duplicating redelivered activities. */
  claimOnce: (key: string, ttlSeconds: number) => Promise<boolean>;
  /** Where attached files may be fetched from: Teams' file hosts (verified mode) or loopback (emulator). */
  files: FileSource;
  logger: Logger;
}

type InvokeBody =
  | { statusCode: number; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: number; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: number; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const COMMAND_WORDS = new Set<string>([...SUBCOMMANDS, 'action', '/action']);

/** True when the text starts like a command (`add …`, `action list`), not like a reply (`done`, `sent it`). */
function looksLikeCommand(text: string): boolean {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return COMMAND_WORDS.has(first) && !isDoneReply(text);
}

function firstWord(text: string): string {
  return (
    text
      .trim()
      .replace(/^\/?action\s+/i, '')
      .split(/\s+/)[0]
      ?.toLowerCase() ?? ''
  );
}

export class TeamsAdapter {
  private readonly replies: TeamsReplies;

  constructor(private readonly deps: TeamsAdapterDeps) {
    this.replies = new TeamsReplies(deps.messenger, deps.logger);
  }

  /** The bot's turn: botbuilder calls this for every authenticated activity. */
  async onTurn(context: TurnContext): Promise<void> {
    await this.remember(context);
    switch (context.activity.type) {
      case 'message':
        return this.onMessage(context);
      case 'invoke':
        return this.onInvoke(context);
      case 'conversationUpdate':
        return this.onConversationUpdate(context);
      default:
        // installationUpdate and the rest: remembering the conversation (above) is all there is to do.
        return;
    }
  }

  /** Keeps the conversation's reference and the sender's name; a failure here never fails the turn. */
  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    try {
      if (!activity.conversation?.id) return;
      const channel = channelRefOf(activity);
      const reference = referenceFrom(activity, channel.channel);
      if (!reference) return;
      await this.deps.references.save(channel, reference);
      const from = activity.from;
      if (from?.id && from.id !== activity.recipient?.id) {
        if (conversationKindOf(activity) === 'personal') {
          await this.deps.references.savePersonalChat(channel.team, from.id, reference);
        }
        if (from.name)
          await this.deps.references.rememberNames(channel.team, [{ id: from.id, name: from.name }]);
      }
    } catch (error) {
      this.deps.logger.warn('Could not remember a Teams conversation reference:', error);
    }
  }

  private actorOf(context: TurnContext): Actor {
    return { channel: channelRefOf(context.activity), userId: context.activity.from.id };
  }

  /** True the first time an activity is seen; a redelivery of one already taken returns false. */
  private async firstDelivery(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    if (!id) return true;
    try {
      const key = `teams:activity:${baseConversationId(conversation.id)}:${id}`;
      return await this.deps.claimOnce(key, ACTIVITY_CLAIM_TTL_SECONDS);
    } catch (error) {
      this.deps.logger.warn(`Dropping Teams activity ${id}: cannot record it:`, error);
      return false;
    }
  }

  private async onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.from?.id || activity.from.id === activity.recipient?.id) return;
    const read = readMessageText(activity.text ?? '', activity.entities, activity.recipient.id);
    const files = attachedFiles(activity.attachments);
    if (read.text === '' && files.length === 0) return;
    const actor = this.actorOf(context);
    const kind = conversationKindOf(activity);
    const root = threadRootOf(activity.conversation.id);
    const inThread = root !== null && root !== activity.id;
    // Without a mention, a channel or group message is read only as a reply in the thread of a bot message.
    if (kind !== 'personal' && !read.mentionedBot && !inThread) return;
    if (!(await this.firstDelivery(context))) return;
    await this.deps.references
      .rememberNames(actor.channel.team, read.people)
      .catch((error: unknown) => this.deps.logger.warn('Could not remember names:', error));

    await this.replies.answering(context, actor, async () => {
      const parent = await this.parentOf(context, actor, kind, inThread ? root : null);
      const asReply =
        parent !== null && (!looksLikeCommand(read.text) || (!read.mentionedBot && kind !== 'personal'));
      if (asReply && read.text !== '') {
        const reply = await this.deps.service.threadReply(actor, parent, read.text);
        if (reply) return reply;
      }
      if (kind !== 'personal' && !read.mentionedBot) return null;
      return this.command(actor, read.text, files);
    });
  }

  /** The bot message a message answers: its thread's root, the quoted message, or the latest reminder. */
  private async parentOf(
    context: TurnContext,
    actor: Actor,
    kind: ReturnType<typeof conversationKindOf>,
    root: string | null,
  ): Promise<MessageRef | null> {
    const conversation = actor.channel.channel;
    if (root) return { conversation, id: root };
    const replyTo = context.activity.replyToId;
    if (replyTo) return { conversation, id: replyTo };
    if (kind !== 'personal') return null;
    const latest = await this.deps.references.lastReminder(actor.channel);
    return latest ? { conversation, id: latest } : null;
  }

  private async command(actor: Actor, text: string, files: ReturnType<typeof attachedFiles>): Promise<Reply> {
    const [file] = files;
    if (file && (text === '' || firstWord(text) === 'import')) {
      const minutes = await readAttachedFile(file, { source: this.deps.files });
      return this.deps.service.importText(actor, minutes);
    }
    return this.deps.service.command(actor, text === '' ? 'help' : text);
  }

  private async onInvoke(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action') return;
    const value = activity.value as { action?: unknown } | undefined;
    const pressed = readExecuteAction(value?.action);
    if (!pressed) {
      await respond(context, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'That button is not one of Arising’s.' },
      });
      return;
    }
    const actor = this.actorOf(context);
    try {
      const { result: reply, updates } = await this.deps.messenger.capturingUpdates(() =>
        this.deps.service.button(actor, pressed.id, pressed.value, pressed.input),
      );
      const own = updates.find((u) => u.message.id === activity.replyToId) ?? updates.at(-1);
      await respond(context, await this.invokeAnswer(context, actor, pressed.id, reply, own?.card ?? null));
    } catch (error) {
      await respond(context, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: `⚠️ ${this.replies.describe(actor, error)}`,
      });
    }
  }

  /**
   * What the pressed card shows next: the action's card in its new state (with the answer above it), or,
   * when nothing was updated, the answer as a message under the unchanged card. An import preview is
   * replaced by the answer for everyone, so nobody presses Import on it again.
   */
  private async invokeAnswer(
    context: TurnContext,
    actor: Actor,
    id: ButtonId,
    reply: Reply,
    updated: AdaptiveCard | null,
  ): Promise<InvokeBody> {
    if (reply.kind === 'channel') await this.replies.send(context, actor, reply);
    const message = reply.kind === 'ephemeral' ? reply.view.text : null;
    if (updated) {
      const value = message ? withBanner(updated, message) : updated;
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value };
    }
    if ((id === 'import-confirm' || id === 'import-cancel') && reply.kind === 'ephemeral') {
      const names = await this.deps.messenger.namesFor(actor.channel.team, reply.view);
      const card = renderCard(reply.view, names);
      await this.replacePressed(context, card);
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
    }
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: message ?? 'Done.',
    };
  }

  /** Replaces the pressed message for everyone (the invoke answer only reaches whoever pressed). */
  private async replacePressed(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const { replyToId, conversation } = context.activity;
    if (!replyToId) return;
    try {
      await context.updateActivity({
        type: 'message',
        id: replyToId,
        conversation,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      });
    } catch (error) {
      this.deps.logger.warn(`Could not replace the pressed Teams message ${replyToId}:`, error);
    }
  }

  private async onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botAdded) return;
    this.deps.logger.info(
      `Arising added to Teams ${conversationKindOf(activity)} ${baseConversationId(activity.conversation.id)} (tenant ${tenantOf(activity)})`,
    );
    if (!(await this.firstDelivery(context))) return;
    const actor = { channel: channelRefOf(activity), userId: activity.from?.id ?? '' };
    try {
      await this.replies.show(context, actor, notice(WELCOME));
    } catch (error) {
      this.deps.logger.warn('Could not post the Teams welcome:', error);
    }
  }
}

async function respond(context: TurnContext, body: InvokeBody): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
