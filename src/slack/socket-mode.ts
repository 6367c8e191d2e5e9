/**
 * Socket Mode: Slack is reached over a WebSocket the service opens itself (SLACK_APP_TOKEN), so a
 * self-hoster needs no public URL, no TLS certificate and no signing secret. The connection's address comes
 * from `apps.connections.open`, asked of SLACK_API_URL like every other call, which also lets tests serve
 * the WebSocket on loopback. Each request arrives in an envelope acknowledged over the same socket: the
 * listeners' ack() answers it, as it answers an HTTP request in the other mode.
 *
 * Requests arrive over a connection that only Slack (holding our app token's session) can send on, so there
 * is no signature to check; the replay guard and the per-event claims still apply (Slack redelivers an
 * unacknowledged envelope).
 */
import { type Logger as BoltLogger, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { SlackSettings } from './slack-settings';
import { SlackTokenRefused } from './slack-token-refused';

/** Slack's answers to apps.connections.open that mean the app token itself is wrong. */
const BAD_APP_TOKEN = [
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'not_allowed_token_type',
];

/** How long a stop waits for the WebSocket's close handshake before giving up on it. */
const DISCONNECT_WAIT_MS = 2000;

/**
 * A receiver for Bolt that opens its WebSocket at the address SLACK_API_URL gives. `logger` is ours in
 * Bolt's shape (bolt-logger.ts), as the App gets it.
 */
export function socketModeReceiver(
  settings: Pick<SlackSettings, 'appToken' | 'apiUrl'>,
  logger: BoltLogger,
): SocketModeReceiver {
  if (!settings.appToken) throw new Error('Socket Mode needs an app-level token');
  return new SocketModeReceiver({
    appToken: settings.appToken,
    logger,
    logLevel: logger.getLevel(),
    // The Socket Mode client's own WebClient (apps.connections.open) reads its API address from here; its
    // retries are left to the client, which retries a lost connection for as long as it takes.
    installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
  });
}

/**
 * Connects; resolves once Slack has said hello. A refused app token is a SlackTokenRefused for the app
 * token, which the composition root reports as a bad SLACK_APP_TOKEN.
 */
export async function connectSocketMode(receiver: SocketModeReceiver): Promise<void> {
  try {
    await receiver.start();
  } catch (error) {
    const code =
      error instanceof Error && 'data' in error ? (error as webApi.WebAPIPlatformError).data.error : null;
    if (code && BAD_APP_TOKEN.includes(code)) {
      throw new SlackTokenRefused(code, 'app');
    }
    throw error;
  }
}

/** Closes the WebSocket; never waits longer than DISCONNECT_WAIT_MS for Slack's side of the close. */
export async function disconnectSocketMode(receiver: SocketModeReceiver): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DISCONNECT_WAIT_MS);
  });
  try {
    await Promise.race([receiver.client.disconnect(), late]);
  } finally {
    clearTimeout(timer);
  }
}
