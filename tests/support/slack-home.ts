/**
 * Slack's requests about the App Home tab, as Slack sends them: the `app_home_opened` event and a
 * block_actions press on the published Home view (no channel, no response_url: a view container).
 * Signed and sent like the others (slack-signing.ts).
 */
import { newEventId, type SlackRequest, type Where } from './slack-signing';

/** The person opened the app's Home tab. */
export function appHomeOpened(where: Where, tab: 'home' | 'messages' = 'home'): SlackRequest {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  const body = {
    token: 'deprecated-verification-token',
    team_id: where.team,
    api_app_id: 'A0ARISING',
    event: { type: 'app_home_opened', user: where.user, channel: 'D0HOME', tab, event_ts: ts },
    type: 'event_callback',
    event_id: newEventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: where.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

let presses = 0;

/** A press on a button of the published Home view. */
export function homePress(where: Where, actionId: string, value: string): SlackRequest {
  presses += 1;
  const payload = {
    type: 'block_actions',
    user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A0ARISING',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: `VHOME${where.user}` },
    trigger_id: `${Date.now()}.home.${presses}`,
    team: { id: where.team, domain: 'example' },
    view: {
      id: `VHOME${where.user}`,
      team_id: where.team,
      type: 'home',
      callback_id: 'arising-home',
      private_metadata: '',
      hash: `hash${presses}`,
    },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `b${presses}`,
        value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}
