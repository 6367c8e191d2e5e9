/**
 * The Messenger port for Teams: proactive messages through botbuilder's CloudAdapter, from the
 * conversation references kept in the ConversationReferenceStore. Everything the core posts
 * without being asked in that moment goes through here: action cards, card updates, reminder DMs, digests
 * and the matters-arising summary.
 *
 * - A channel post is a new message in the channel; a thread post replies under the root message.
 * - A DM goes to the user's personal chat with the bot. When Arising has none yet it creates one (the Bot
 *   Connector's create-conversation call, through the action's channel); Teams refuses that with 403 when
 *   the user has not installed the app, and the post answers null, so the core names the owner in the
 *   channel instead, once, rather than retrying forever.
 * - 403 and 404 (the bot removed from the team, a conversation gone) make a post null, and so does a
 *   service URL the mode refuses (service-url-guard.ts: off loopback with TEAMS_EMULATOR=on); 412, 429, 502,
 *   503 and 504 are retried with backoff and jitter (teams-retry.ts); other failures are thrown.
 *
 * The Bot Connector client retries some statuses on its own; that retry is removed from each client, so
 * the policy here is the only one and a 429 is never retried twenty times over.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationReferenceStore, StoredReference } from '../core/conversation-reference-store';
import type { ChannelRef, MessageRef } from '../core/domain';
import type { LastReminderStore } from '../core/last-reminder-store';
import type { Logger } from '../core/logger';
import type { Destination, Messenger } from '../core/ports';
import type { View } from '../core/view';
import { ConversationLanes } from '../messaging/conversation-lanes';
import {
  type AdaptiveCard,
  cardAttachment,
  renderCard,
  renderCards,
  summaryOf,
  userIdsIn,
} from './adaptive-cards';
import type { NameOf } from './card-text';
import { referenceFrom } from './conversation-references';
import { ServiceUrlRefused } from './service-url-guard';
import { baseConversationId, threadConversationId } from './teams-conversation';
import { DEFAULT_RETRY, type RetryPolicy, statusOf, withRetry } from './teams-retry';

/** Statuses meaning "the bot cannot reach that conversation or person": a null post, not a failure. */
const UNREACHABLE = new Set([403, 404]);

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  /** MicrosoftAppId, or '' when the bot runs without credentials (Emulator, tests). */
  appId: string;
  references: ConversationReferenceStore;
  /** Where each reminder sent in a personal chat is recorded, for a plain `done` there. */
  lastReminders: LastReminderStore;
  logger: Logger;
  retry?: RetryPolicy;
}

/** A card update made while a button press was being handled: the pressed card may show it at once. */
export interface CapturedUpdate {
  message: MessageRef;
  card: AdaptiveCard;
}

function assertTeams(channel: ChannelRef): void {
  if (channel.platform !== 'teams') {
    throw new Error(`TeamsMessenger cannot deliver to a ${channel.platform} channel`);
  }
}

/** Removes the connector's own retry policy, where its pipeline lets us (see the module comment). */
function withoutBuiltInRetry(client: ConnectorClient): ConnectorClient {
  const inner = (client as unknown as { client?: { pipeline?: { removePolicy?: (o: object) => unknown } } })
    .client;
  inner?.pipeline?.removePolicy?.({ phase: 'Retry' });
  return client;
}

export class TeamsMessenger implements Messenger {
  private readonly lanes = new ConversationLanes();
  private readonly captures = new AsyncLocalStorage<CapturedUpdate[]>();
  private readonly retry: RetryPolicy;

  constructor(private readonly options: TeamsMessengerOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    assertTeams(to.channel);
    if (to.kind === 'user') return this.postDirect(to.channel, to.userId, view);
    const reference = await this.options.references.get(to.channel);
    if (!reference) {
      this.options.logger.warn(
        `Cannot post in Teams conversation ${to.channel.channel}: Arising has not seen it yet (add the app there)`,
      );
      return null;
    }
    const conversation =
      to.kind === 'thread'
        ? threadConversationId(to.message.conversation, to.message.id)
        : reference.conversation.id;
    return this.reachable(conversation, () => this.send(reference, conversation, to.channel.team, view));
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    assertTeams(channel);
    const own = { ...channel, channel: message.conversation };
    const reference =
      (await this.options.references.get(own)) ?? (await this.options.references.get(channel));
    if (!reference) throw new Error(`No Teams conversation reference for ${message.conversation}`);
    const card = renderCard(view, await this.namesFor(channel.team, view));
    this.captures.getStore()?.push({ message, card });
    const activity = {
      type: 'message',
      id: message.id,
      attachments: [cardAttachment(card)],
      summary: summaryOf(view),
    };
    const updated = await this.reachable(message.conversation, () =>
      this.withConnector(reference, (client) =>
        this.lanes.run(message.conversation, () =>
          withRetry(
            `updating ${message.id}`,
            () => client.conversations.updateActivity(message.conversation, message.id, activity),
            this.retry,
            this.options.logger,
          ),
        ),
      ),
    );
    if (updated === null) this.options.logger.warn(`Could not update Teams message ${message.id}`);
  }

  /**
   * Runs `work` and returns, with its result, the card updates it made: while a button press is handled,
   * the card that was pressed can then be answered with its new state at once.
   */
  async capturingUpdates<T>(work: () => Promise<T>): Promise<{ result: T; updates: CapturedUpdate[] }> {
    const updates: CapturedUpdate[] = [];
    const result = await this.captures.run(updates, work);
    return { result, updates };
  }

  /** Display names for the mentions of a view (people Arising has seen). */
  async namesFor(tenant: string, view: View): Promise<NameOf> {
    const names = await this.options.references.names(tenant, userIdsIn(view));
    return (id) => names.get(id);
  }

  /** A DM in the user's personal chat, creating the chat when needed; null when Teams will not let us. */
  private async postDirect(channel: ChannelRef, userId: string, view: View): Promise<MessageRef | null> {
    const tenant = channel.team;
    let chat = await this.options.references.personalChat(tenant, userId);
    if (!chat) {
      chat = await this.reachable(userId, () => this.createPersonalChat(channel, userId));
      if (!chat) {
        this.options.logger.warn(`Cannot message ${userId} in Teams: they have not installed Arising`);
        return null;
      }
    }
    const reference = chat;
    const posted = await this.reachable(reference.conversation.id, () =>
      this.send(reference, reference.conversation.id, tenant, view),
    );
    if (posted) {
      const chatRef: ChannelRef = { platform: 'teams', team: tenant, channel: posted.conversation };
      await this.options.lastReminders.setLastReminder(chatRef, posted.id);
    } else {
      this.options.logger.warn(`Cannot message ${userId} in Teams: their personal chat refused the message`);
    }
    return posted;
  }

  /** Opens the personal chat through the channel's service URL and remembers it. Throws a 403 when not installed. */
  private async createPersonalChat(channel: ChannelRef, userId: string): Promise<StoredReference> {
    const via = await this.options.references.get(channel);
    if (!via) throw Object.assign(new Error(`No reference for ${channel.channel}`), { statusCode: 404 });
    const tenant = channel.team;
    const created = await this.withConnector(via, (client) =>
      withRetry(
        `opening a chat with ${userId}`,
        () =>
          client.conversations.createConversation({
            isGroup: false,
            bot: { id: via.bot.id, name: via.bot.name ?? '' },
            members: [{ id: userId, name: '' }],
            tenantId: tenant,
            channelData: { tenant: { id: tenant } },
          }),
        this.retry,
        this.options.logger,
      ),
    );
    const reference = referenceFrom(
      {
        serviceUrl: created.serviceUrl || via.serviceUrl,
        channelId: via.channelId,
        conversation: { id: created.id, conversationType: 'personal', tenantId: tenant, isGroup: false },
        recipient: via.bot,
      },
      created.id,
    );
    if (!reference) throw new Error(`Teams created a chat with ${userId} but gave no usable reference`);
    await this.options.references.savePersonalChat(tenant, userId, reference);
    return reference;
  }

  /** Sends the view as one or more cards; the first card's message stands for the post. */
  private async send(
    reference: StoredReference,
    conversation: string,
    tenant: string,
    view: View,
  ): Promise<MessageRef> {
    const cards = renderCards(view, await this.namesFor(tenant, view));
    const summary = summaryOf(view);
    return this.withConnector(reference, async (client) => {
      let first: string | null = null;
      for (const card of cards) {
        const activity = {
          type: 'message',
          from: reference.bot,
          conversation: { id: conversation },
          attachments: [cardAttachment(card)],
          summary,
        };
        const sent = await this.lanes.run(conversation, () =>
          withRetry(
            `posting in ${conversation}`,
            () => client.conversations.sendToConversation(conversation, activity as never),
            this.retry,
            this.options.logger,
          ),
        );
        if (!sent.id) throw new Error(`Teams returned no activity id for a post in ${conversation}`);
        first ??= sent.id;
      }
      if (first === null) throw new Error('Nothing to post');
      return { conversation: baseConversationId(conversation), id: first };
    });
  }

  /** Runs `work` with a Bot Connector client for the reference's service URL (authenticated when configured). */
  private async withConnector<T>(
    reference: StoredReference,
    work: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    const { adapter, appId } = this.options;
    // The adapter hands errors inside a turn to onTurnError (which only logs), so they are carried out here.
    type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
    let outcome: Outcome | null = null;
    const { conversation, bot } = reference;
    const continuation = {
      serviceUrl: reference.serviceUrl,
      channelId: reference.channelId,
      conversation: {
        id: conversation.id,
        name: '',
        isGroup: conversation.isGroup ?? conversation.conversationType !== 'personal',
        conversationType: conversation.conversationType ?? '',
        ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
      },
      bot: { id: bot.id, name: bot.name ?? '' },
    };
    await adapter.continueConversationAsync(appId, continuation, async (context: TurnContext) => {
      const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
      try {
        outcome = { ok: true, value: await work(withoutBuiltInRetry(client)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    const settled = outcome as Outcome | null;
    if (settled === null) throw new Error('The Teams turn ended without running');
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  /** The result, or null (with a note in the log) when Teams says the conversation or user is out of reach. */
  private async reachable<T>(where: string, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ServiceUrlRefused) {
        this.options.logger.warn(`Not posting to Teams for ${where}: ${error.message}`);
        return null;
      }
      const status = statusOf(error);
      if (status === null || !UNREACHABLE.has(status)) throw error;
      this.options.logger.warn(`Teams answered ${status} for ${where}`);
      return null;
    }
  }
}
