/**
 * Its own module so that the composition root can recognise the error without loading Bolt (Slack's
 * modules are loaded only when Slack is configured).
 */

/**
 * Slack refused one of our tokens itself (not a network failure): the bot token at auth.test, or the
 * app-level token (Socket Mode) at apps.connections.open. The composition root reports it as a bad
 * SLACK_BOT_TOKEN or SLACK_APP_TOKEN; the adapter only says which token and what Slack answered.
 */
export class SlackTokenRefused extends Error {
  /** Slack's error code (`invalid_auth`, `token_revoked`, …). */
  readonly code: string;
  /** Which token: the bot's (`xoxb-`) or the app-level one Socket Mode connects with (`xapp-`). */
  readonly token: 'bot' | 'app';
  constructor(code: string, token: 'bot' | 'app' = 'bot') {
    super(`Slack refused the ${token === 'app' ? 'app-level' : 'bot'} token (${code})`);
    this.name = 'SlackTokenRefused';
    this.code = code;
    this.token = token;
  }
}
