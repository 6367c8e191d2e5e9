/**
 * The Teams adapter: turns Bot Framework activities into inbound messages for the conversation core and
 * shows the answers. It holds no business rule; what a message means is the core's to decide.
 *
 * - `message` in a channel or group chat: a command when it mentions the bot (`@Arising add …`); without
 *   a mention, only a reply in the thread of a message of the bot is read (Teams delivers those with the
 *   resource-specific permission ChannelMessage.Read.Group), as a reply about that action; everything else
 *   said in the channel is none of the bot's business.
 * - `message` in a personal chat: a direct message; the core's one rule makes it a command when it starts
 *   with a subcommand, else an answer to the message it quotes (replyToId) or the latest reminder there.
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
import type { ClaimStore } from '../core/claim-store';
import { type ConversationDeps, DELIVERY_CLAIM_TTL_SECONDS, handle } from '../core/conversation/conversation';
import type { ReplyTargets } from '../core/conversation/conversation-ports';
import type { Inbound, What, Where } from '../core/conversation/inbound';
import type { ConversationReferenceStore } from '../core/conversation-reference-store';
import type { Actor, MessageRef } from '../core/domain';
import type { LastReminderStore } from '../core/last-reminder-store';
import type { Logger } from '../core/logger';
import type { ButtonId } from '../core/view';
import { notice } from '../core/views/notice';
import { type AdaptiveCard, renderCard, withBanner } from './adaptive-cards';
import { readExecuteAction } from './card-buttons';
import { referenceFrom } from './conversation-references';
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
import { InvokeSurface, showInTurn, TurnSurface } from './teams-surface';

/** How long an activity id is remembered, so a redelivered message acts once. */
export const ACTIVITY_CLAIM_TTL_SECONDS = DELIVERY_CLAIM_TTL_SECONDS;

export const WELCOME =
  'Hi, I’m Arising: I keep track of the actions from your meetings. Mention me with a command, like ' +
  '`@Arising add @Priya to send the figures by Friday`, or `@Arising help` for the rest. In a personal ' +
  'chat with me, leave out the @Arising; reminders of your actions come here.';

export interface TeamsAdapterDeps {
  service: ChatService;
  messenger: TeamsMessenger;
  references: ConversationReferenceStore;
  /** The latest reminder of each personal chat, which a plain `done` there answers. */
  lastReminders: LastReminderStore;
  /** One-off claims, for de-duplicating redelivered activities. */
  claims: ClaimStore;
  /** Where attached files may be fetched from: Teams' file hosts (verified mode) or loopback (emulator). */
  files: FileSource;
  logger: Logger;
}

type InvokeBody =
  | { statusCode: number; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: number; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: number; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

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
  private readonly conversation: ConversationDeps;

  constructor(private readonly deps: TeamsAdapterDeps) {
    this.conversation = {
      service: deps.service,
      claims: { claim: (key, ttlSeconds) => deps.claims.claimOnce(key, ttlSeconds) },
      targets: new TeamsReplyTargets(deps.lastReminders),
      log: deps.logger,
    };
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

  /** True the first time an activity is seen; a redelivery of one already taken (or unrecordable) is not. */
  private async firstDelivery(context: TurnContext): Promise<boolean> {
    const key = this.deliveryOf(context);
    if (!key) return true;
    try {
      return await this.deps.claims.claimOnce(key, ACTIVITY_CLAIM_TTL_SECONDS);
    } catch (error) {
      this.deps.logger.warn(`Dropping Teams activity ${key}: cannot record it:`, error);
      return false;
    }
  }

  /** The key a redelivery of this activity is claimed under; null for an activity without an id. */
  private deliveryOf(context: TurnContext): string | null {
    const { id, conversation } = context.activity;
    return id ? `teams:activity:${baseConversationId(conversation.id)}:${id}` : null;
  }

  private async onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.from?.id || activity.from.id === activity.recipient?.id) return;
    const read = readMessageText(activity.text ?? '', activity.entities, activity.recipient.id);
    const files = attachedFiles(activity.attachments);
    if (read.text === '' && files.length === 0) return;
    const actor = this.actorOf(context);
    const personal = conversationKindOf(activity) === 'personal';
    const root = threadRootOf(activity.conversation.id);
    const quoted = activity.replyToId ?? undefined;
    // A mention quoting a message (a group chat has no threads) answers it as a thread reply would.
    const where: Where =
      root !== null && root !== activity.id
        ? { kind: 'thread', root }
        : personal
          ? { kind: 'dm', quoted }
          : quoted && read.mentionedBot
            ? { kind: 'thread', root: quoted }
            : { kind: 'channel' };
    await this.deps.references
      .rememberNames(actor.channel.team, read.people)
      .catch((error: unknown) => this.deps.logger.warn('Could not remember names:', error));
    const [file] = files;
    // Minutes attached to `import` (or to nothing) in a message addressed to the bot are an import.
    const what: What =
      file && (personal || read.mentionedBot) && (read.text === '' || firstWord(read.text) === 'import')
        ? { kind: 'import', minutes: () => readAttachedFile(file, { source: this.deps.files }) }
        : { kind: 'text', text: read.text };
    const inbound: Inbound = {
      actor,
      where,
      mentioned: read.mentionedBot,
      delivery: this.deliveryOf(context),
      what,
    };
    await handle(this.conversation, inbound, new TurnSurface(context, this.deps.messenger, actor));
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
    const inbound: Inbound = {
      actor,
      where: conversationKindOf(activity) === 'personal' ? { kind: 'dm' } : { kind: 'channel' },
      mentioned: true,
      delivery: null,
      what: { kind: 'button', id: pressed.id, value: pressed.value, input: pressed.input },
    };
    const surface = new InvokeSurface(context, this.deps.messenger, actor);
    const { result: handled, updates } = await this.deps.messenger.capturingUpdates(() =>
      handle(this.conversation, inbound, surface),
    );
    if (handled.kind !== 'answered' || !handled.reply) {
      const message = handled.kind === 'failed' ? handled.message : (surface.shown?.text ?? 'Done.');
      await respond(context, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: message,
      });
      return;
    }
    const own = updates.find((u) => u.message.id === activity.replyToId) ?? updates.at(-1);
    const body = await this.invokeAnswer(
      context,
      actor,
      pressed.id,
      handled.reply,
      own?.card ?? null,
      surface,
    );
    await respond(context, body);
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
    surface: InvokeSurface,
  ): Promise<InvokeBody> {
    // The core already posted a channel answer; a private answer (or why it could not post) is kept here.
    const message = surface.shown?.text ?? null;
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
      await showInTurn(context, this.deps.messenger, actor, notice(WELCOME));
    } catch (error) {
      this.deps.logger.warn('Could not post the Teams welcome:', error);
    }
  }
}

async function respond(context: TurnContext, body: InvokeBody): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

/**
 * The message a Teams reply answers: its thread's root, or in a personal chat the message it quotes, else
 * the latest reminder there (kept when the reminder was sent, since a bot cannot read a chat's history).
 */
class TeamsReplyTargets implements ReplyTargets {
  constructor(private readonly lastReminders: LastReminderStore) {}

  async repliedTo(inbound: Inbound): Promise<MessageRef[]> {
    const conversation = inbound.actor.channel.channel;
    const { where } = inbound;
    if (where.kind === 'thread') return [{ conversation, id: where.root }];
    if (where.kind !== 'dm') return [];
    const id = where.quoted ?? (await this.lastReminders.lastReminder(inbound.actor.channel));
    return id ? [{ conversation, id }] : [];
  }
}
