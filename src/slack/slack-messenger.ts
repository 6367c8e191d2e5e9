/**
 * The Messenger port for Slack: posts and updates the bot's messages through the Web API, one at a time
 * per conversation (see ConversationQueues for how rate limits are honoured).
 */
import type { Logger } from '@slack/bolt';
import type { ChannelRef, MessageRef } from '../core/domain';
import type { Destination, Messenger } from '../core/ports';
import type { View } from '../core/view';
import { renderView } from './block-kit';
import type { ConversationQueues, WebClient } from './slack-api';

export interface SlackMessengerOptions {
  client: WebClient;
  queues: ConversationQueues;
  logger: Logger;
}

function assertSlack(channel: ChannelRef): void {
  if (channel.platform !== 'slack') {
    throw new Error(`SlackMessenger cannot deliver to a ${channel.platform} channel`);
  }
}

export class SlackMessenger implements Messenger {
  private readonly client: WebClient;
  private readonly queues: ConversationQueues;
  private readonly logger: Logger;
  /** User id to the id of the bot's DM with them, so a reminder needs one conversations.open per user. */
  private readonly dmChannels = new Map<string, string>();

  constructor(options: SlackMessengerOptions) {
    this.client = options.client;
    this.queues = options.queues;
    this.logger = options.logger;
  }

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    assertSlack(to.channel);
    switch (to.kind) {
      case 'channel':
        return this.postMessage(to.channel.channel, view, undefined);
      case 'thread':
        return this.postMessage(to.message.conversation, view, to.message.id);
      case 'user':
        return this.postDirect(to.userId, view);
    }
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    assertSlack(channel);
    const rendered = renderView(view);
    await this.queues.run(message.conversation, () =>
      this.client.chat.update({ channel: message.conversation, ts: message.id, ...rendered }),
    );
  }

  private async postMessage(
    conversation: string,
    view: View,
    threadTs: string | undefined,
  ): Promise<MessageRef> {
    const rendered = renderView(view);
    const result = await this.queues.run(conversation, () =>
      this.client.chat.postMessage({
        channel: conversation,
        ...rendered,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (!result.ts) throw new Error(`chat.postMessage to ${conversation} returned no ts`);
    return { conversation: result.channel ?? conversation, id: result.ts };
  }

  /** A DM to the user; null (and a warning) when Slack will not let the bot reach them. */
  private async postDirect(userId: string, view: View): Promise<MessageRef | null> {
    try {
      let dm = this.dmChannels.get(userId);
      if (!dm) {
        const opened = await this.queues.run(`open:${userId}`, () =>
          this.client.conversations.open({ users: userId }),
        );
        dm = opened.channel?.id;
        if (!dm) throw new Error('conversations.open returned no channel');
        this.dmChannels.set(userId, dm);
      }
      return await this.postMessage(dm, view, undefined);
    } catch (error) {
      this.logger.warn(`Could not DM ${userId}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
