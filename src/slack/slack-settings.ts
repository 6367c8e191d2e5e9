/**
 * What the Slack adapter is told of the configuration: the composition root hands it this slice, so the
 * adapter never reads the environment or src/config.ts and a test can build one by hand.
 */
import type { LevelName } from './bolt-logger';

export interface SlackSettings {
  /** SLACK_BOT_TOKEN. */
  botToken: string;
  /** SLACK_SIGNING_SECRET: requests to /slack/events signed otherwise are refused. */
  signingSecret: string;
  /** SLACK_API_URL: base URL of the Web API, always ending with `/`. */
  apiUrl: string;
  /** LOG_LEVEL, which Bolt asks its logger for. */
  logLevel: LevelName;
}
