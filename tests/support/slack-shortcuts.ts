/**
 * Shortcut payloads as Slack sends them (a message shortcut, a global shortcut) and the submission of a
 * modal with any kind of input (text, people, date, time, channel), form-encoded as interactivity is.
 */
import type { SlackRequest, Where } from './slack-signing';

let counter = 0;
const next = (what: string): string => `${what}-${Date.now()}-${++counter}`;

function interactive(payload: object): SlackRequest {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** "Track as action" pressed on a message: `message.thread_ts` when the message is a thread reply. */
export function messageShortcut(
  where: Where,
  message: { ts: string; text: string; user?: string; threadTs?: string },
  responseUrl: string,
  callbackId = 'track_message',
): SlackRequest {
  return interactive({
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
    team: { id: where.team, domain: 'example' },
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team, name: 'someone' },
    channel: { id: where.channel, name: 'committee' },
    is_enterprise_install: false,
    callback_id: callbackId,
    trigger_id: next('trigger'),
    response_url: responseUrl,
    message_ts: message.ts,
    message: {
      type: 'message',
      user: message.user ?? 'U0WRITER',
      ts: message.ts,
      text: message.text,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
  });
}

/** The global shortcut, from the shortcuts menu (no channel, no response_url). */
export function globalShortcut(where: Where, callbackId = 'new_action'): SlackRequest {
  return interactive({
    type: 'shortcut',
    token: 'deprecated-verification-token',
    action_ts: `${Math.floor(Date.now() / 1000)}.000400`,
    team: { id: where.team, domain: 'example' },
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
    is_enterprise_install: false,
    callback_id: callbackId,
    trigger_id: next('trigger'),
  });
}

/** One input's state in a view_submission. */
export type InputState =
  | { type: 'plain_text_input'; value: string | null }
  | { type: 'multi_users_select'; selected_users: string[] }
  | { type: 'datepicker'; selected_date: string | null }
  | { type: 'timepicker'; selected_time: string | null }
  | { type: 'conversations_select'; selected_conversation: string | null };

/** A modal submitted, each input keyed by its block id (its action id being the same). */
export function submission(
  where: Where,
  view: { callback_id: string; private_metadata: string },
  inputs: Record<string, InputState>,
  extra: { responseUrls?: { channel_id: string; response_url: string }[] } = {},
): SlackRequest {
  const values = Object.fromEntries(
    Object.entries(inputs).map(([block, state]) => [block, { [block]: state }]),
  );
  return interactive({
    type: 'view_submission',
    team: { id: where.team, domain: 'example' },
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A0ARISING',
    token: 'deprecated-verification-token',
    trigger_id: next('trigger'),
    view: {
      id: 'V0NEWACTION',
      team_id: where.team,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values },
      hash: 'hash',
    },
    response_urls: (extra.responseUrls ?? []).map((r) => ({
      block_id: 'channel',
      action_id: 'channel',
      ...r,
    })),
  });
}
