/**
 * Requests as Slack sends them: signed bodies (v0 HMAC-SHA256 of `v0:${timestamp}:${body}` with the
 * signing secret) and the shapes of slash commands, block_actions, view_submission and event_callback.
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'e2etestsigningsecret0123456789ab';
export const BOT_TOKEN = 'xoxb-e2e-test-token';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackRequest {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. A timestamp over five minutes old is refused by Bolt. */
  timestamp?: number;
  /** Overrides the computed signature (to forge one); null sends no signature header. */
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a request to `/slack/events` signed as Slack would sign it. */
export async function sendToSlackEndpoint(
  baseUrl: string,
  request: SlackRequest,
  options: SendOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const sig =
    options.signature === undefined
      ? signature(options.secret ?? SIGNING_SECRET, timestamp, request.body)
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...(sig === null ? {} : { 'x-slack-signature': sig }),
    ...options.headers,
  };
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body: request.body });
}

export interface Where {
  team: string;
  channel: string;
  user: string;
  /** The Enterprise Grid org whose org-wide install serves the team. */
  org?: string;
}

let triggerCounter = 0;
const nextTrigger = (): string => `trigger-${++triggerCounter}`;

/** A `/action …` slash command (or another `command`), form-encoded as Slack posts it. */
export function slashCommand(
  where: Where,
  text: string,
  responseUrl: string,
  command = '/action',
): SlackRequest {
  const form = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: where.team,
    team_domain: 'example',
    channel_id: where.channel,
    channel_name: 'committee',
    user_id: where.user,
    user_name: where.user.toLowerCase(),
    command,
    text,
    api_app_id: 'A0ARISING',
    ...(where.org ? { enterprise_id: where.org } : {}),
    is_enterprise_install: where.org ? 'true' : 'false',
    response_url: responseUrl,
    trigger_id: nextTrigger(),
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

function interactive(payload: object): SlackRequest {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

export type PressedAction =
  | { type: 'button'; actionId: string; value: string }
  | { type: 'overflow'; actionId: string; selected: string };

/** A press on a button (or an overflow menu choice) of a message the bot posted. */
export function blockActions(
  where: Where,
  messageTs: string,
  action: PressedAction,
  responseUrl: string,
  options: { ephemeral?: boolean } = {},
): SlackRequest {
  const actionTs = `${Math.floor(Date.now() / 1000)}.000200`;
  const element =
    action.type === 'button'
      ? {
          type: 'button',
          action_id: action.actionId,
          block_id: 'b1',
          value: action.value,
          action_ts: actionTs,
        }
      : {
          type: 'overflow',
          action_id: action.actionId,
          block_id: 'b1',
          selected_option: { text: { type: 'plain_text', text: 'menu item' }, value: action.selected },
          action_ts: actionTs,
        };
  return interactive({
    type: 'block_actions',
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A0ARISING',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: where.channel,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: nextTrigger(),
    team: { id: where.team, domain: 'example' },
    channel: { id: where.channel, name: 'committee' },
    message: { type: 'message', ts: messageTs, text: 'card' },
    response_url: responseUrl,
    actions: [element],
  });
}

/** The submission of a modal the bot opened: `view` is what views.open was sent, values keyed by block. */
export function viewSubmission(
  where: Where,
  view: { callback_id: string; private_metadata: string },
  values: Record<string, Record<string, { type: string; value: string }>>,
): SlackRequest {
  return interactive({
    type: 'view_submission',
    team: { id: where.team, domain: 'example' },
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A0ARISING',
    token: 'deprecated-verification-token',
    trigger_id: nextTrigger(),
    view: {
      id: 'V0MODAL',
      team_id: where.team,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values },
      hash: 'hash',
    },
  });
}

let eventCounter = 0;
export const newEventId = (): string => `Ev${Date.now()}${++eventCounter}`;

/** A `message` event: in a thread when `threadTs` is given; `channelType` 'im' for a DM with the bot. */
export function messageEvent(
  where: Where,
  text: string,
  options: {
    threadTs?: string;
    eventId?: string;
    channelType?: 'channel' | 'group' | 'im' | 'mpim';
    ts?: string;
  } = {},
): SlackRequest {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++eventCounter).padStart(6, '0')}`;
  const body = {
    token: 'deprecated-verification-token',
    team_id: where.team,
    api_app_id: 'A0ARISING',
    event: {
      type: 'message',
      channel: where.channel,
      user: where.user,
      text,
      ts,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      channel_type: options.channelType ?? 'channel',
      event_ts: ts,
    },
    type: 'event_callback',
    event_id: options.eventId ?? newEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [authorization(where)],
    ...(where.org ? { enterprise_id: where.org } : {}),
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** An event's authorization: for an org-wide install, the org and no team, as Slack sends it. */
function authorization(where: Where): Record<string, unknown> {
  return where.org
    ? { enterprise_id: where.org, team_id: null, user_id: 'UBOT', is_bot: true, is_enterprise_install: true }
    : { team_id: where.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false };
}

/**
 * An `app_mention` event, as Slack sends it for a message that mentions the bot (`text` includes the
 * mention). `ts` and `eventId` let a test send the same message again, or as a `message` event too.
 */
export function mentionEvent(
  where: Where,
  text: string,
  options: { threadTs?: string; eventId?: string; ts?: string } = {},
): SlackRequest {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++eventCounter).padStart(6, '0')}`;
  const body = {
    token: 'deprecated-verification-token',
    team_id: where.team,
    api_app_id: 'A0ARISING',
    event: {
      type: 'app_mention',
      channel: where.channel,
      user: where.user,
      text,
      ts,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      event_ts: ts,
    },
    type: 'event_callback',
    event_id: options.eventId ?? newEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [authorization(where)],
    ...(where.org ? { enterprise_id: where.org } : {}),
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}
