/**
 * The Slack adapter: Bolt listeners that turn Slack requests into ChatService calls and show the answers.
 * It holds no business rule. Every listener acknowledges Slack first (Slack wants an answer within 3 s;
 * the receiver runs with processBeforeResponse off, so the ack goes out at once) and then does the work.
 *
 * Security: who acts and where (team, channel, user) always comes from the signed request itself, never
 * from a button's value; the core re-checks the value against it.
 *
 * Retries: Slack delivers an event again (with x-slack-retry-num) when it did not see our answer in time.
 * Each event_id is claimed once in the store, so a retried delivery has no second effect.
 */
import type { App, webApi } from '@slack/bolt';
import type { ChatService } from '../core/chat-service';
import type { Actor, MessageRef } from '../core/domain';
import type { Logger } from '../core/logger';
import { isButtonId } from '../core/view';
import { notice } from '../core/views/notice';
import { buttonIdOf, decodeMenuValue, MENU_ACTION_ID } from './block-kit';
import {
  IMPORT_MODAL,
  type ImportSubmission,
  importFormErrors,
  inputModal,
  MODAL_PREFIX,
  NEEDS_INPUT,
  readMetadata,
  submittedImport,
  submittedInput,
} from './modals';
import type { WebClient } from './slack-api';
import { readUploadedMinutes } from './slack-files';
import { type ReplyContext, respondVia, type SlackReplies } from './slack-replies';

/** How long an event id is remembered: Slack's retries come within minutes; a day is ample. */
export const EVENT_CLAIM_TTL_SECONDS = 24 * 60 * 60;

export const NO_ACTION_IN_DM =
  'This reply is not about an action I know. Reply in the thread of a reminder, or use `/action help`.';

export interface SlackAdapterDeps {
  service: ChatService;
  replies: SlackReplies;
  client: WebClient;
  /** The store's one-off claim, for de-duplicating event deliveries. */
  claimOnce: (key: string, ttlSeconds: number) => Promise<boolean>;
  /** The bot's own user id and bot id (from auth.test), to find its messages in a DM. */
  bot: { userId: string; botId: string };
  logger: Logger;
}

export function slackActor(team: string, channel: string, userId: string): Actor {
  return { channel: { platform: 'slack', team, channel }, userId };
}

type PressedElement = {
  type: string;
  action_id: string;
  value?: string;
  selected_option?: { value: string };
};

/** The button (or menu choice) pressed, as the core knows it; null for anything that is not ours. */
export function pressedButton(action: PressedElement): { id: string; value: string } | null {
  if (action.type === 'button') {
    const id = buttonIdOf(action.action_id);
    return id && typeof action.value === 'string' ? { id, value: action.value } : null;
  }
  if (action.type === 'overflow' && action.action_id === MENU_ACTION_ID && action.selected_option) {
    return decodeMenuValue(action.selected_option.value);
  }
  return null;
}

export function registerSlackHandlers(app: App, deps: SlackAdapterDeps): void {
  const { service, replies, logger } = deps;

  app.command('/action', async ({ command, ack, respond }) => {
    await ack();
    const actor = slackActor(command.team_id, command.channel_id, command.user_id);
    const ctx: ReplyContext = {
      actor,
      respond,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    };
    await replies.answering(ctx, () => service.command(actor, command.text ?? ''));
  });

  app.action(/.*/, async ({ body, action, ack, respond }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const team = body.team?.id ?? body.user.team_id;
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const element = action as PressedElement;
    const pressed = pressedButton(element);
    if (!team || !channel || !pressed || !isButtonId(pressed.id)) {
      logger.debug(
        `Ignoring an interaction that is not an Arising button: ${element.action_id ?? element.type}`,
      );
      return;
    }
    const actor = slackActor(team, channel, body.user.id);
    const ctx: ReplyContext = {
      actor,
      respond,
      responseUrl: body.response_url,
      replaceOriginal: body.container.is_ephemeral === true,
      triggerId: body.trigger_id,
    };
    const id = pressed.id;
    if (NEEDS_INPUT.includes(id)) {
      await replies.answering(ctx, async () => {
        const metadata = { team, channel, button: pressed, responseUrl: body.response_url };
        await deps.client.views.open({ trigger_id: body.trigger_id, view: inputModal(id, metadata) });
        return null;
      });
      return;
    }
    await replies.answering(ctx, () => service.button(actor, id, pressed.value));
  });

  app.view(
    { callback_id: new RegExp(`^${MODAL_PREFIX}`), type: 'view_submission' },
    async ({ ack, body, view }) => {
      const isImport = view.callback_id === IMPORT_MODAL;
      const submission = isImport ? submittedImport(view.state.values) : null;
      // An import form with neither minutes nor a file (or both) stays open with the problem shown on it.
      const errors = submission ? importFormErrors(submission) : null;
      if (errors) {
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
      const metadata = readMetadata(view.private_metadata);
      const team = body.team?.id ?? body.user.team_id;
      if (!metadata || metadata.team !== team) {
        logger.warn(`Ignoring a form submission whose metadata does not match its team ${team ?? '?'}`);
        return;
      }
      const actor = slackActor(metadata.team, metadata.channel, body.user.id);
      const ctx: ReplyContext = {
        actor,
        ...(metadata.responseUrl ? { respond: respondVia(metadata.responseUrl) } : {}),
      };
      const button = metadata.button;
      const input = submittedInput(view.state.values);
      if (submission) {
        await replies.answering(ctx, async () =>
          service.importText(actor, await importedMinutes(deps, submission)),
        );
      } else if (button && isButtonId(button.id)) {
        const id = button.id;
        await replies.answering(ctx, () => service.button(actor, id, button.value, input));
      }
    },
  );

  app.event('message', async ({ event, body, context }) => {
    // Plain messages, replies also sent to the channel, and messages with a file and text; not edits,
    // deletions, joins or bot posts.
    if (
      event.subtype !== undefined &&
      event.subtype !== 'thread_broadcast' &&
      event.subtype !== 'file_share'
    ) {
      return;
    }
    if (!('user' in event) || !event.user || ('bot_id' in event && event.bot_id)) return;
    const text = 'text' in event && typeof event.text === 'string' ? event.text : '';
    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    const inThread = threadTs !== undefined && threadTs !== event.ts;
    const directMessage = event.channel_type === 'im';
    if ((!inThread && !directMessage) || text.trim() === '') return;

    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    if (eventId && !(await claimEvent(deps, eventId, context.retryNum))) return;

    const team = body.team_id;
    const actor = slackActor(team, event.channel, event.user);
    const ctx: ReplyContext = { actor, directMessage, ...(inThread ? { threadTs } : {}) };
    await replies.answering(ctx, async () => {
      const parent: MessageRef | null = inThread
        ? { conversation: event.channel, id: threadTs }
        : await latestBotMessage(deps, event.channel, event.ts);
      const reply = parent ? await service.threadReply(actor, parent, text) : null;
      if (!reply && directMessage) return { kind: 'ephemeral', view: notice(NO_ACTION_IN_DM) };
      return reply;
    });
  });

  app.error(async (error) => {
    logger.error('Unhandled Slack listener error:', error);
  });
}

/**
 * The minutes an import form was given: the pasted text, or the uploaded file's text (fetched from Slack
 * after the ack, since a large document takes longer than Slack's 3 seconds).
 */
async function importedMinutes(deps: SlackAdapterDeps, submission: ImportSubmission): Promise<string> {
  if (!submission.file) return submission.text;
  return readUploadedMinutes(deps.client, submission.file, { logger: deps.logger });
}

/** True the first time an event id is seen; a retry of a delivery already taken returns false. */
async function claimEvent(
  deps: SlackAdapterDeps,
  eventId: string,
  retryNum: number | undefined,
): Promise<boolean> {
  try {
    const first = await deps.claimOnce(`slack:event:${eventId}`, EVENT_CLAIM_TTL_SECONDS);
    if (!first) deps.logger.debug(`Skipping event ${eventId}: already handled (retry ${retryNum ?? 0})`);
    return first;
  } catch (error) {
    // Without the store there is no telling whether the event was handled, nor a way to handle it.
    deps.logger.warn(`Dropping event ${eventId} (retry ${retryNum ?? 0}): cannot record it:`, error);
    return false;
  }
}

/**
 * In a DM the owner usually answers a reminder with a plain message rather than in its thread: the
 * message it answers is the bot's latest one before it.
 */
async function latestBotMessage(
  deps: SlackAdapterDeps,
  channel: string,
  before: string,
): Promise<MessageRef | null> {
  const history: webApi.ConversationsHistoryResponse = await deps.client.conversations.history({
    channel,
    latest: before,
    inclusive: false,
    limit: 20,
  });
  const mine = (history.messages ?? []).find(
    (m) => m.ts && (m.user === deps.bot.userId || m.bot_id === deps.bot.botId),
  );
  return mine?.ts ? { conversation: channel, id: mine.ts } : null;
}
