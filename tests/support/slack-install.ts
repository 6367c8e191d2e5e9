/**
 * Installing the app in Slack workspaces the way an admin does (SLACK_CLIENT_ID…): GET /slack/install,
 * then Slack's redirect back to /slack/oauth_redirect with a code the fake Slack API grants, and the
 * Events API deliveries that remove it again (`app_uninstalled`, `tokens_revoked`).
 *
 *   t = await startTestService({ oauth: TEST_OAUTH });
 *   await installWorkspace(t, ALPHA);
 *   await t.send(workspaceEvent(ALPHA.team, { type: 'app_uninstalled' }));
 */
import type { FakeGrant } from './fake-slack-api';
import { newEventId, type SlackRequest } from './slack-signing';
import type { TestService } from './start-server';

/** The OAuth settings the install tests start the service with. */
export const TEST_OAUTH = {
  clientId: '1234.5678',
  clientSecret: 'e2eclientsecret',
  stateSecret: 'e2e-state-secret-0123456789',
  publicUrl: 'https://arising.example.org',
};

/** Two workspaces to install; each test file gives its grants codes of its own if it installs again. */
export const ALPHA: FakeGrant = {
  code: 'code-alpha',
  team: 'T0ALPHA',
  teamName: 'Alpha',
  token: 'xoxb-alpha-1111',
  botUserId: 'UBOTALPHA',
  botId: 'BBOTALPHA',
};
export const BETA: FakeGrant = {
  code: 'code-beta',
  team: 'T0BETA',
  teamName: 'Beta',
  token: 'xoxb-beta-2222',
  botUserId: 'UBOTBETA',
  botId: 'BBOTBETA',
};

/** GET /slack/install: the redirect to Slack's authorize page, its state, and the browser's state cookie. */
export async function startInstall(
  t: Pick<TestService, 'baseUrl'>,
): Promise<{ status: number; location: URL; state: string; cookie: string }> {
  const response = await fetch(`${t.baseUrl}/slack/install`, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? 'about:blank');
  const state = location.searchParams.get('state') ?? '';
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: response.status, location, state, cookie };
}

/** Slack sends the browser back with the code and the state; the browser brings its cookie. */
export function finishInstall(
  t: Pick<TestService, 'baseUrl'>,
  code: string,
  state: string,
  cookie: string,
): Promise<Response> {
  const query = new URLSearchParams({ code, state });
  return fetch(`${t.baseUrl}/slack/oauth_redirect?${query}`, { headers: { cookie }, redirect: 'manual' });
}

/** The whole install of `grant`'s workspace, as an admin clicks through it; the page it ends on. */
export async function installWorkspace(
  t: Pick<TestService, 'baseUrl' | 'slack'>,
  grant: FakeGrant,
): Promise<{ status: number; page: string }> {
  t.slack.grantInstall(grant);
  const { state, cookie } = await startInstall(t);
  const response = await finishInstall(t, grant.code, state, cookie);
  return { status: response.status, page: await response.text() };
}

/** An Events API delivery of `event` (app_uninstalled, tokens_revoked, …) from the workspace. */
export function workspaceEvent(
  team: string,
  event: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): SlackRequest {
  const body = {
    token: 'deprecated-verification-token',
    team_id: team,
    api_app_id: 'A0ARISING',
    event: { ...event, event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
    type: 'event_callback',
    event_id: newEventId(),
    event_time: Math.floor(Date.now() / 1000),
    ...extra,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' as const };
}
