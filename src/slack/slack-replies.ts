/**
 * Shows the core's Reply to the Slack user who acted, and turns an unexpected failure into a short answer
 * instead of silence (Slack only shows "dispatch_failed" or nothing at all when an app goes quiet).
 *
 * Where an answer goes:
 * - `ephemeral`: through the request's response_url when there is one (slash commands, buttons, forms
 *   opened from them): that works even where the bot is not a channel member. Otherwise with
 *   chat.postEphemeral (in the thread, for thread replies), or as an ordinary message in a DM with the bot.
 * - `channel`: posted in the channel through the Messenger.
 * - `import-form`: the import modal, opened with the request's trigger_id.
 */
import type { RespondArguments } from '@slack/bolt';
import type { Reply } from '../core/chat-service';
import type { Actor } from '../core/domain';
import { UnavailableError, UserError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import type { View } from '../core/view';
import { notice } from '../core/views/notice';
import { renderView, type SlackMessage } from './block-kit';
import { importModal } from './modals';
import type { ConversationQueues, WebClient } from './slack-api';

export const SOMETHING_WENT_WRONG =
  'Something went wrong on Arising’s side and it has been logged. Please try again in a moment; if it keeps happening, tell whoever looks after Arising.';

export const NOT_IN_CHANNEL =
  'Arising is not a member of this channel, so it cannot post here. Invite it with `/invite @Arising`, then try again.';

/** Posts a message to a response_url. */
export type Respond = (message: RespondArguments) => Promise<unknown>;

export interface ReplyContext {
  actor: Actor;
  /** Answers through the request's response_url, when it has one. */
  respond?: Respond;
  /** The response_url itself, for forms opened from this request to answer on. */
  responseUrl?: string | null;
  /** The message acted on was ephemeral (an import preview): answer in its place. */
  replaceOriginal?: boolean;
  /** A thread reply: answer in that thread. */
  threadTs?: string;
  /** The conversation is a DM with the bot: answer with an ordinary message. */
  directMessage?: boolean;
  /** For opening a modal (valid for 3 s after the request). */
  triggerId?: string;
}

export interface SlackRepliesDeps {
  client: WebClient;
  queues: ConversationQueues;
  messenger: Messenger;
  logger: Logger;
}

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

/** The view with a warning line above it. */
function withNote(view: View, note: string): View {
  return { text: `${note}\n${view.text}`, blocks: [...notice(`⚠️ ${note}`).blocks, ...view.blocks] };
}

export class SlackReplies {
  constructor(private readonly deps: SlackRepliesDeps) {}

  /** Runs the core call and shows its Reply; any failure is logged and answered, never thrown. */
  async answering(ctx: ReplyContext, work: () => Promise<Reply | null>): Promise<void> {
    try {
      const reply = await work();
      if (reply) await this.send(reply, ctx);
    } catch (error) {
      await this.failed(ctx, error);
    }
  }

  async send(reply: Reply, ctx: ReplyContext): Promise<void> {
    switch (reply.kind) {
      case 'ephemeral':
        return this.ephemeral(ctx, renderView(reply.view));
      case 'channel': {
        const posted = await this.deps.messenger.post(
          { kind: 'channel', channel: ctx.actor.channel },
          reply.view,
        );
        // Not a member of the channel: show the user what the channel would have seen, and why.
        if (!posted) return this.ephemeral(ctx, renderView(withNote(reply.view, NOT_IN_CHANNEL)));
        return;
      }
      case 'import-form':
        return this.openImportForm(ctx);
      case 'none':
        return;
    }
  }

  /** Tells the user what went wrong in words they can act on; logs what they cannot. */
  async failed(ctx: ReplyContext, error: unknown): Promise<void> {
    let message: string;
    if (error instanceof UnavailableError || error instanceof UserError) {
      message = error.message;
      if (error instanceof UnavailableError) this.deps.logger.warn(`Store unavailable: ${error.message}`);
    } else if (['not_in_channel', 'channel_not_found', 'is_archived'].includes(slackErrorCode(error) ?? '')) {
      message = NOT_IN_CHANNEL;
      this.deps.logger.warn(`Cannot post in ${ctx.actor.channel.channel}: ${slackErrorCode(error)}`);
    } else {
      message = SOMETHING_WENT_WRONG;
      this.deps.logger.error(
        `Unexpected error for ${ctx.actor.userId} in ${ctx.actor.channel.team}/${ctx.actor.channel.channel}:`,
        error,
      );
    }
    try {
      await this.ephemeral(ctx, renderView(notice(`⚠️ ${message}`)));
    } catch (answerError) {
      this.deps.logger.error('Could not tell the user about the error either:', answerError);
    }
  }

  private async ephemeral(ctx: ReplyContext, message: SlackMessage): Promise<void> {
    const { channel } = ctx.actor.channel;
    if (ctx.respond) {
      try {
        await ctx.respond({
          response_type: 'ephemeral',
          replace_original: ctx.replaceOriginal ?? false,
          ...message,
        });
        return;
      } catch (error) {
        // An expired response_url (30 minutes, five uses): fall back to posting the answer directly.
        this.deps.logger.warn('response_url refused the answer; posting it instead:', error);
      }
    }
    const thread = ctx.threadTs ? { thread_ts: ctx.threadTs } : {};
    if (ctx.directMessage) {
      await this.deps.queues.run(channel, () =>
        this.deps.client.chat.postMessage({ channel, ...message, ...thread }),
      );
      return;
    }
    await this.deps.queues.run(channel, () =>
      this.deps.client.chat.postEphemeral({ channel, user: ctx.actor.userId, ...message, ...thread }),
    );
  }

  private async openImportForm(ctx: ReplyContext): Promise<void> {
    if (!ctx.triggerId) throw new Error('The import form needs a trigger_id');
    const { team, channel } = ctx.actor.channel;
    await this.deps.client.views.open({
      trigger_id: ctx.triggerId,
      view: importModal({ team, channel, button: null, responseUrl: ctx.responseUrl ?? null }),
    });
  }
}
