/**
 * Where one Slack request's answers appear: the conversation core's Surface for Slack.
 *
 * - privately: through the request's response_url when there is one (slash commands, buttons, forms
 *   opened from them): that works even where the bot is not a channel member. Otherwise with
 *   chat.postEphemeral (in the thread, for thread replies), or as an ordinary message in a DM with the bot.
 * - in place of the original: the same, with replace_original (a press on an import preview).
 * - in the channel: through the Messenger.
 * - the forms: the import modal and the new-action modal, opened with the request's trigger_id.
 * - a document (matters arising as .docx): rendered here and shared as a file (slack-upload.ts) in the
 *   channel, or in the person's DM with the bot.
 */
import type { RespondArguments } from '@slack/bolt';
import type { SharedDocument } from '../core/chat-service';
import type { Surface } from '../core/conversation/conversation-ports';
import type { Actor } from '../core/domain';
import { UserError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import type { View } from '../core/view';
import { mattersArisingDocx } from '../papers/matters-arising-docx';
import { renderView, type SlackMessage } from './block-kit';
import { importModal } from './modals';
import { newActionModal } from './new-action-modal';
import type { ConversationQueues, WebClient } from './slack-api';
import type { SlackClients } from './slack-clients';
import { shareFile } from './slack-upload';

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

/** Said when a workspace installed the app before it asked for `files:write`. */
export const NEEDS_FILES_WRITE =
  'Slack did not let Arising send the document: the app needs the `files:write` permission. Ask whoever ' +
  'looks after Arising to reinstall it from the current manifest; `matters-arising` shows the summary here meanwhile.';

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

  async openForm(form: 'import' | 'add'): Promise<boolean> {
    if (!this.ctx.triggerId) throw new Error(`The ${form} form needs a trigger_id`);
    const { team, channel } = this.ctx.actor.channel;
    const responseUrl = this.ctx.responseUrl ?? null;
    const client = await this.client();
    await client.views.open({
      trigger_id: this.ctx.triggerId,
      view:
        form === 'import'
          ? importModal({ team, channel, button: null, responseUrl })
          : newActionModal({ team, channel, thread: null, responseUrl }),
    });
    return true;
  }

  async shareDocument(document: SharedDocument, audience: 'channel' | 'private'): Promise<boolean> {
    const { actor } = this.ctx;
    const client = await this.client();
    const bytes = await mattersArisingDocx(document.paper);
    const channel =
      audience === 'channel' || this.ctx.directMessage
        ? actor.channel.channel
        : await this.directChannel(client, actor.userId);
    try {
      await this.deps.queues.run(channel, () =>
        shareFile(client, {
          bytes,
          filename: document.filename,
          title: document.paper.title,
          channel,
          comment: document.comment,
        }),
      );
    } catch (error) {
      if (slackErrorCode(error) === 'missing_scope') throw new UserError('forbidden', NEEDS_FILES_WRITE);
      throw error;
    }
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

  /** The bot's DM with the user (conversations.open). */
  private async directChannel(client: WebClient, userId: string): Promise<string> {
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  /** The client of the request's workspace. */
  private async client(): Promise<WebClient> {
    return (await this.deps.clients.forTeam(this.ctx.actor.channel.team)).client;
  }
}
