/**
 * Where one Slack request's answers appear: the conversation core's Surface for Slack.
 *
 * - privately: through the request's response_url when there is one (slash commands, buttons, forms
 *   opened from them): that works even where the bot is not a channel member. Otherwise with
 *   chat.postEphemeral (in the thread, for thread replies), or as an ordinary message in a DM with the bot.
 * - in place of the original: the same, with replace_original (a press on an import preview).
 * - in the channel: through the Messenger.
 * - the import form: the import modal, opened with the request's trigger_id.
 */
import type { RespondArguments } from '@slack/bolt';
import type { Surface } from '../core/conversation/conversation-ports';
import type { Actor } from '../core/domain';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import type { View } from '../core/view';
import { renderView, type SlackMessage } from './block-kit';
import { importModal } from './modals';
import type { ConversationQueues, WebClient } from './slack-api';
import type { SlackClients } from './slack-clients';

/** Posts a message to a response_url. */
export type Respond = (message: RespondArguments) => Promise<unknown>;

export interface ReplyContext {
  actor: Actor;
  /** Answers through the request's response_url, when it has one. */
  respond?: Respond;
  /** The response_url itself, for forms opened from this request to answer on. */
  responseUrl?: string | null;
  /** A thread reply: answer in that thread. */
  threadTs?: string;
  /** The conversation is a DM with the bot: answer with an ordinary message. */
  directMessage?: boolean;
  /** For opening a modal (valid for 3 s after the request). */
  triggerId?: string;
}

export interface SlackSurfaceDeps {
  /** The Web API clients; the request's workspace picks its own (slack-clients.ts). */
  clients: SlackClients;
  queues: ConversationQueues;
  messenger: Messenger;
  logger: Logger;
}

/** Slack's answers meaning the bot may not post in the conversation. */
const CANNOT_POST = ['not_in_channel', 'channel_not_found', 'is_archived'];

/** A response_url poster, as Bolt's respond() does it, for answers after a modal is submitted. */
export function respondVia(responseUrl: string): Respond {
  return async (message) => {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`response_url answered ${response.status}`);
  };
}

/** The Slack error code (`not_in_channel`, …) of a failed Web API call, if it is one. */
function slackErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : null;
}

export class SlackSurface implements Surface {
  constructor(
    private readonly deps: SlackSurfaceDeps,
    private readonly ctx: ReplyContext,
  ) {}

  showPrivately(view: View): Promise<void> {
    return this.ephemeral(renderView(view), false);
  }

  replaceOriginal(view: View): Promise<void> {
    return this.ephemeral(renderView(view), true);
  }

  async postInChannel(view: View): Promise<boolean> {
    return (
      (await this.deps.messenger.post({ kind: 'channel', channel: this.ctx.actor.channel }, view)) !== null
    );
  }

  async openForm(_form: 'import'): Promise<boolean> {
    if (!this.ctx.triggerId) throw new Error('The import form needs a trigger_id');
    const { team, channel } = this.ctx.actor.channel;
    const client = await this.client();
    await client.views.open({
      trigger_id: this.ctx.triggerId,
      view: importModal({ team, channel, button: null, responseUrl: this.ctx.responseUrl ?? null }),
    });
    return true;
  }

  isCannotPost(error: unknown): boolean {
    return CANNOT_POST.includes(slackErrorCode(error) ?? '');
  }

  private async ephemeral(message: SlackMessage, replaceOriginal: boolean): Promise<void> {
    const { ctx } = this;
    const { channel } = ctx.actor.channel;
    if (ctx.respond) {
      try {
        await ctx.respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
        return;
      } catch (error) {
        // An expired response_url (30 minutes, five uses): fall back to posting the answer directly.
        this.deps.logger.warn('response_url refused the answer; posting it instead:', error);
      }
    }
    const thread = ctx.threadTs ? { thread_ts: ctx.threadTs } : {};
    const client = await this.client();
    if (ctx.directMessage) {
      await this.deps.queues.run(channel, () => client.chat.postMessage({ channel, ...message, ...thread }));
      return;
    }
    await this.deps.queues.run(channel, () =>
      client.chat.postEphemeral({ channel, user: ctx.actor.userId, ...message, ...thread }),
    );
  }

  /** The client of the request's workspace. */
  private async client(): Promise<WebClient> {
    return (await this.deps.clients.forTeam(this.ctx.actor.channel.team)).client;
  }
}
