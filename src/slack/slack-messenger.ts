/**
 * The Messenger port for Slack: posts and updates the bot's messages through the Web API, one at a time
 * per conversation (see ConversationQueues for how rate limits are honoured), each with the token of the
 * workspace of its channel (slack-clients.ts). A workspace where the app is no longer installed cannot be
 * delivered to: a post answers null (a reminder's job then completes instead of retrying), an update is
 * skipped, and the log says why.
 */

import type { ChannelRef, MessageRef } from '../core/domain';
import type { Logger } from '../core/logger';
import type { Destination, Messenger, PostedLookup, PostOptions } from '../core/ports';
import type { View } from '../core/view';
import { renderView } from './block-kit';
import { findByKey, sendKeyMetadata } from './sent-key-lookup';
import { type ConversationQueues, isTransientError, type WebClient } from './slack-api';
import { isNotInstalled, oneWorkspace, type SlackClients, type TeamClient } from './slack-clients';

/** One workspace's clients, or every installed workspace's. */
type WhichClients =
  | {
      client: WebClient;
      /**
       * The client for keyed posts, made without network retries (slack-api.ts): a post whose answer was
       * lost fails instead of being sent again, and the send's retry looks for it by its key. `client`
       * when left out.
       */
      keyedPosts?: WebClient;
    }
  | { clients: SlackClients };

export type SlackMessengerOptions = WhichClients & {
  queues: ConversationQueues;
  logger: Logger;
};

/**
 * Slack's answers meaning "this bot cannot post there" (not a member of a private channel, archived,
 * posting restricted): the port's null, so the core can tell the user, rather than a failure.
 */
const UNDELIVERABLE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

function slackErrorCode(error: unknown): string | null {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : null;
}

function assertSlack(channel: ChannelRef): void {
  if (channel.platform !== 'slack') {
    throw new Error(`SlackMessenger cannot deliver to a ${channel.platform} channel`);
  }
}

export class SlackMessenger implements Messenger {
  private readonly clients: SlackClients;
  private readonly queues: ConversationQueues;
  private readonly logger: Logger;
  /**
   * Team and user id to the id of the bot's DM with them, so a reminder needs one conversations.open per
   * user (a user id is only unique within its workspace).
   */
  private readonly dmChannels = new Map<string, string>();

  constructor(options: SlackMessengerOptions) {
    this.clients = 'clients' in options ? options.clients : oneWorkspace(options.client, options.keyedPosts);
    this.queues = options.queues;
    this.logger = options.logger;
  }

  async post(to: Destination, view: View, options: PostOptions = {}): Promise<MessageRef | null> {
    assertSlack(to.channel);
    const key = options.key;
    const team = await this.teamClient(to.channel);
    if (!team) return null;
    switch (to.kind) {
      case 'channel':
        return this.deliverable(to.channel.channel, () =>
          this.postMessage(team, to.channel.channel, view, undefined, key),
        );
      case 'thread':
        return this.deliverable(to.message.conversation, () =>
          this.postMessage(team, to.message.conversation, view, to.message.id, key),
        );
      case 'user':
        return this.postDirect(team, to.channel.team, to.userId, view, key);
    }
  }

  async findPosted(to: Destination, key: string, since: Date): Promise<PostedLookup> {
    assertSlack(to.channel);
    const team = await this.teamClient(to.channel);
    // Not installed: nothing can be looked for, and the post that follows answers null, sending nothing.
    if (!team) return { kind: 'absent' };
    const { client } = team;
    switch (to.kind) {
      case 'channel':
        return findByKey(client, this.queues, { conversation: to.channel.channel }, key, since);
      case 'thread': {
        const where = { conversation: to.message.conversation, threadTs: to.message.id };
        return findByKey(client, this.queues, where, key, since);
      }
      case 'user': {
        const conversation = await this.openDirect(team, to.channel.team, to.userId);
        return findByKey(client, this.queues, { conversation }, key, since);
      }
    }
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    assertSlack(channel);
    const team = await this.teamClient(channel);
    if (!team) return;
    const rendered = renderView(view);
    await this.queues.run(message.conversation, () =>
      team.client.chat.update({ channel: message.conversation, ts: message.id, ...rendered }),
    );
  }

  /**
   * The message's permalink (chat.getPermalink, which needs no scope), for a thread answer that points
   * to the card. Null, with a warning, when Slack gives none: the answer is then sent without the link.
   */
  async linkTo(channel: ChannelRef, message: MessageRef): Promise<string | null> {
    assertSlack(channel);
    const team = await this.teamClient(channel);
    if (!team) return null;
    try {
      const answer = await team.client.chat.getPermalink({
        channel: message.conversation,
        message_ts: message.id,
      });
      return typeof answer.permalink === 'string' ? answer.permalink : null;
    } catch (error) {
      this.logger.warn(`No permalink for ${message.conversation}/${message.id}: ${String(error)}`);
      return null;
    }
  }

  /** The clients of the channel's workspace; null (and a warning) when the app is not installed there. */
  private async teamClient(channel: ChannelRef): Promise<TeamClient | null> {
    try {
      return await this.clients.forTeam(channel.team);
    } catch (error) {
      if (!isNotInstalled(error)) throw error;
      this.logger.warn(`Not sending to ${channel.channel}: ${error.message}`);
      return null;
    }
  }

  /** Null where Slack says the bot cannot post in that conversation; other failures are thrown. */
  private async deliverable(
    conversation: string,
    post: () => Promise<MessageRef>,
  ): Promise<MessageRef | null> {
    try {
      return await post();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === null || !UNDELIVERABLE.has(code)) throw error;
      this.logger.warn(`Cannot post in ${conversation}: ${code}`);
      return null;
    }
  }

  private async postMessage(
    team: TeamClient,
    conversation: string,
    view: View,
    threadTs: string | undefined,
    key: string | undefined,
  ): Promise<MessageRef> {
    const rendered = renderView(view);
    const client = key ? team.keyedPosts : team.client;
    const result = await this.queues.run(conversation, () =>
      client.chat.postMessage({
        channel: conversation,
        ...rendered,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(key ? { metadata: sendKeyMetadata(key) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (!result.ts) throw new Error(`chat.postMessage to ${conversation} returned no ts`);
    return { conversation: result.channel ?? conversation, id: result.ts };
  }

  /**
   * A DM to the user; null (and a warning) when Slack will not let the bot reach them. A failure in transit
   * is thrown, not taken for "unreachable": the send is retried (and looked for by its key first).
   */
  private async postDirect(
    team: TeamClient,
    teamId: string,
    userId: string,
    view: View,
    key: string | undefined,
  ): Promise<MessageRef | null> {
    try {
      const dm = await this.openDirect(team, teamId, userId);
      return await this.postMessage(team, dm, view, undefined, key);
    } catch (error) {
      if (isTransientError(error)) throw error;
      this.logger.warn(`Could not DM ${userId}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** The id of the bot's DM with the user (conversations.open, once per user). */
  private async openDirect(team: TeamClient, teamId: string, userId: string): Promise<string> {
    const cacheKey = `${teamId}:${userId}`;
    const known = this.dmChannels.get(cacheKey);
    if (known) return known;
    const opened = await this.queues.run(`open:${userId}`, () =>
      team.client.conversations.open({ users: userId }),
    );
    const dm = opened.channel?.id;
    if (!dm) throw new Error('conversations.open returned no channel');
    this.dmChannels.set(cacheKey, dm);
    return dm;
  }
}
