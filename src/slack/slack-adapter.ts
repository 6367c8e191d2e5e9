/**
 * The Slack adapter: Bolt listeners that turn Slack requests into inbound messages for the conversation
 * core and answer on a SlackSurface. It holds no business rule: whether a DM is a command or a reply, and
 * how a failure is worded, are the core's. Every listener acknowledges Slack first (Slack wants an answer
 * within 3 s; the receiver runs with processBeforeResponse off, so the ack goes out at once) and then
 * does the work.
 *
 * Security: who acts and where (team, channel, user) always comes from the signed request itself, never
 * from a button's value; the core re-checks the value against it.
 *
 * Retries: Slack delivers an event again (with x-slack-retry-num) when it did not see our answer in time,
 * and a message that mentions the bot comes both as `message` and as `app_mention`. Each message (its
 * conversation and ts) is claimed once by the core, so neither has a second effect.
 */
import type { App, webApi } from '@slack/bolt';
import type { ChatService } from '../core/chat-service';
import { type ConversationDeps, handle } from '../core/conversation/conversation';
import type { ReplyTargets } from '../core/conversation/conversation-ports';
import { failureNotice } from '../core/conversation/failure-words';
import type { Inbound, What, Where } from '../core/conversation/inbound';
import { traitsOf } from '../core/conversation/platform-traits';
import type { Actor, MessageRef } from '../core/domain';
import type { Logger } from '../core/logger';
import { isButtonId } from '../core/view';
import { buttonIdOf, decodeMenuValue, MENU_ACTION_ID } from './block-kit';
import { ackClosedViews } from './closed-views';
import type { HomeTab } from './home-tab';
import {
  addressedToBot,
  botUserIdOf,
  type Converse,
  messageDelivery,
  registerAppMentions,
} from './mention-events';
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
import { registerShortcuts } from './shortcuts';
import type { WebClient } from './slack-api';
import type { SlackClients } from './slack-clients';
import { readUploadedMinutes } from './slack-files';
import { DEFAULT_SLACK_COMMAND } from './slack-settings';
import { type ReplyContext, respondVia, SlackSurface, type SlackSurfaceDeps } from './slack-surface';

export interface SlackAdapterDeps {
  service: ChatService;
  /** What each request's SlackSurface needs to answer. */
  surfaces: SlackSurfaceDeps;
  /** Each workspace's Web API clients and bot ids (one token, or one install per workspace). */
  clients: SlackClients;
  /** The store's one-off claim, for de-duplicating event deliveries. */
  claimOnce: (key: string, ttlSeconds: number) => Promise<boolean>;
  /** The slash command listened to (SLACK_COMMAND); `/action` by default. */
  command?: string;
  logger: Logger;
  /** The App Home tab, when the service publishes one (home-tab.ts). */
  home?: HomeTab;
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
  const { logger } = deps;
  const conversation: ConversationDeps = {
    service: deps.service,
    claims: { claim: deps.claimOnce },
    targets: new SlackReplyTargets(deps),
    log: logger,
  };
  /** Hands one inbound message to the conversation core, answering on this request's surface. */
  const converse: Converse = async (ctx: ReplyContext, where: Where, what: What, more = {}) => {
    const inbound: Inbound = { actor: ctx.actor, where, mentioned: true, delivery: null, what, ...more };
    await handle(conversation, inbound, new SlackSurface(deps.surfaces, ctx));
  };

  registerShortcuts(app, { conversation, logger }, converse);

  app.command(deps.command ?? DEFAULT_SLACK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const actor = slackActor(command.team_id, command.channel_id, command.user_id);
    const ctx: ReplyContext = {
      actor,
      respond,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    };
    await converse(ctx, { kind: 'channel' }, { kind: 'text', text: command.text ?? '' });
  });

  app.action(/.*/, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const team = body.team?.id ?? body.user.team_id;
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const element = action as PressedElement;
    const home = deps.home;
    if (home && body.view?.type === 'home' && team) {
      await home.press(team, body.user.id, element, async (actor, what) => {
        const inbound: Inbound = { actor, where: { kind: 'channel' }, mentioned: true, delivery: null, what };
        const channelSurface = new SlackSurface(deps.surfaces, { actor });
        await handle(conversation, inbound, home.surface(team, actor.userId, channelSurface));
      });
      return;
    }
    const pressed = pressedButton(element);
    if (!team || !channel || !pressed || !isButtonId(pressed.id)) {
      logger.debug(
        `Ignoring an interaction that is not an Arising button: ${element.action_id ?? element.type}`,
      );
      return;
    }
    const actor = slackActor(team, channel, body.user.id);
    const ctx: ReplyContext = { actor, respond, responseUrl: body.response_url, triggerId: body.trigger_id };
    const id = pressed.id;
    if (NEEDS_INPUT.includes(id)) {
      // Slack asks for what the menu choice needs in a modal; its submission comes back below.
      try {
        const metadata = { team, channel, button: pressed, responseUrl: body.response_url };
        await client.views.open({ trigger_id: body.trigger_id, view: inputModal(id, metadata) });
      } catch (error) {
        const surface = new SlackSurface(deps.surfaces, ctx);
        const traits = traitsOf('slack');
        await surface
          .showPrivately(failureNotice(error, { actor, traits, log: logger }))
          .catch((answerError: unknown) =>
            logger.error('Could not tell the user about the error either:', answerError),
          );
      }
      return;
    }
    const onPrivateMessage = body.container.is_ephemeral === true;
    await converse(ctx, { kind: 'channel' }, { kind: 'button', id, value: pressed.value, onPrivateMessage });
  });

  app.view(
    { callback_id: new RegExp(`^${MODAL_PREFIX}`), type: 'view_submission' },
    async ({ ack, body, view, client }) => {
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
        await converse(
          ctx,
          { kind: 'channel' },
          { kind: 'import', minutes: () => importedMinutes(client, deps.logger, submission) },
        );
      } else if (button && isButtonId(button.id)) {
        await converse(
          ctx,
          { kind: 'channel' },
          { kind: 'button', id: button.id, value: button.value, input },
        );
      }
    },
  );

  ackClosedViews(app, logger);
  registerAppMentions(app, { converse });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab === 'home') await deps.home?.refresh(body.team_id, event.user);
  });

  app.event('message', async ({ event, body, context }) => {
    // Plain messages, replies also sent to the channel, and messages with a file and text; not edits,
    // deletions, joins or bot posts. In channels, private channels, group DMs (message.mpim: a card's
    // thread can live there) and the bot's DM; only the last is a direct message.
    if (
      event.subtype !== undefined &&
      event.subtype !== 'thread_broadcast' &&
      event.subtype !== 'file_share'
    ) {
      return;
    }
    if (!('user' in event) || !event.user || ('bot_id' in event && event.bot_id)) return;
    const typed = 'text' in event && typeof event.text === 'string' ? event.text : '';
    // A message mentioning the bot also arrives as an app_mention: read it the same way (mention-events.ts).
    const { mentioned, text } = addressedToBot(typed, botUserIdOf(context, body));
    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    const inThread = threadTs !== undefined && threadTs !== event.ts;
    const directMessage = event.channel_type === 'im';
    const where: Where = directMessage
      ? { kind: 'dm', quoted: inThread ? threadTs : undefined }
      : inThread
        ? { kind: 'thread', root: threadTs }
        : { kind: 'channel' };
    const actor = slackActor(body.team_id, event.channel, event.user);
    const ctx: ReplyContext = { actor, directMessage, ...(inThread ? { threadTs } : {}) };
    await converse(
      ctx,
      where,
      { kind: 'text', text },
      { mentioned, delivery: messageDelivery(body.team_id, event.channel, event.ts), messageId: event.ts },
    );
  });

  app.error(async (error) => {
    logger.error('Unhandled Slack listener error:', error);
  });
}

/**
 * The minutes an import form was given: the pasted text, or the uploaded file's text (fetched from Slack
 * after the ack, since a large document takes longer than Slack's 3 seconds).
 */
async function importedMinutes(
  client: WebClient,
  logger: Logger,
  submission: ImportSubmission,
): Promise<string> {
  if (!submission.file) return submission.text;
  return readUploadedMinutes(client, submission.file, { logger });
}

/**
 * The message a Slack reply answers: the root of its thread, or in a DM, where the owner usually answers
 * a reminder with a plain message, the bot's latest message before it (conversations.history).
 */
class SlackReplyTargets implements ReplyTargets {
  constructor(private readonly deps: SlackAdapterDeps) {}

  async repliedTo(inbound: Inbound): Promise<MessageRef[]> {
    const conversation = inbound.actor.channel.channel;
    const { where } = inbound;
    if (where.kind === 'thread') return [{ conversation, id: where.root }];
    if (where.kind !== 'dm') return [];
    if (where.quoted) return [{ conversation, id: where.quoted }];
    const team = inbound.actor.channel.team;
    const { client } = await this.deps.clients.forTeam(team);
    const history: webApi.ConversationsHistoryResponse = await client.conversations.history({
      channel: conversation,
      ...(inbound.messageId ? { latest: inbound.messageId, inclusive: false } : {}),
      limit: 20,
    });
    const { userId, botId } = await this.deps.clients.botIn(team);
    return (history.messages ?? []).flatMap((m) =>
      m.ts && (m.user === userId || m.bot_id === botId) ? [{ conversation, id: m.ts }] : [],
    );
  }
}
