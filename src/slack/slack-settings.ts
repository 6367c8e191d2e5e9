/**
 * What the Slack adapter is told of the configuration: the composition root hands it this slice, so the
 * adapter never reads the environment or src/config.ts and a test can build one by hand.
 */
import type { LevelName } from './bolt-logger';

export interface SlackSettings {
  /** SLACK_BOT_TOKEN: the one workspace's token; null when workspaces are installed through OAuth. */
  botToken: string | null;
  /**
   * SLACK_SIGNING_SECRET: requests to /slack/events signed otherwise are refused. Null in Socket Mode
   * without one: nothing is served over HTTP then.
   */
  signingSecret: string | null;
  /** SLACK_API_URL: base URL of the Web API, always ending with `/`. */
  apiUrl: string;
  /** LOG_LEVEL, which Bolt asks its logger for. */
  logLevel: LevelName;
  /**
   * SLACK_APP_TOKEN: set, Slack is served over Socket Mode (a WebSocket the service opens) instead of
   * `POST /slack/events`, with botToken (one workspace) or oauth (any number). Optional so that a hand-made slice for a
   * client is just token and URL.
   */
  appToken?: string | null;
  /** SLACK_COMMAND: the slash command listened to and shown in help (`/action` when absent). */
  command?: string;
  /** SLACK_CLIENT_ID…: any number of workspaces, each installed through OAuth v2; null with a bot token. */
  oauth?: SlackOAuthSettings | null;
}

/** The Slack app's OAuth credentials (Basic Information → App Credentials). */
export interface SlackOAuthSettings {
  clientId: string;
  clientSecret: string;
  /** SLACK_STATE_SECRET: signs the OAuth `state`; the key that seals installs in Redis is derived from it. */
  stateSecret: string;
  /**
   * PUBLIC_URL's `/slack/oauth_redirect`, sent as the install's redirect_uri; null without PUBLIC_URL
   * (Slack then uses the app's first redirect URL).
   */
  redirectUri: string | null;
}

/** The slash command's name, `/action` unless SLACK_COMMAND renames it. */
export const DEFAULT_SLACK_COMMAND = '/action';

/** How Slack reaches the service: `socket` when an app-level token is configured, else `http`. */
export function slackMode(slack: Pick<SlackSettings, 'appToken'>): 'http' | 'socket' {
  return slack.appToken ? 'socket' : 'http';
}
