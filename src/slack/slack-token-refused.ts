/**
 * Its own module so that the composition root can recognise the error without loading Bolt (Slack's
 * modules are loaded only when Slack is configured).
 */

/**
 * Slack refused the bot token itself (not a network failure): the composition root reports it as a bad
 * SLACK_BOT_TOKEN, the adapter only says what Slack answered.
 */
export class SlackTokenRefused extends Error {
  /** Slack's error code (`invalid_auth`, `token_revoked`, …). */
  readonly code: string;
  constructor(code: string) {
    super(`Slack refused the bot token (${code})`);
    this.name = 'SlackTokenRefused';
    this.code = code;
  }
}
