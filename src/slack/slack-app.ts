/**
 * Wires Slack into the HTTP app: checks the bot token once with auth.test, mounts Bolt's ExpressReceiver
 * on our express app at `POST /slack/events` (it verifies Slack's signature and refuses a bad, stale or
 * missing one with 401 before anything runs) and registers the adapter's listeners.
 *
 * Each signed request is taken once (replay-guard.ts): one sent again inside the five minutes
 * its signature is accepted for is acknowledged and ignored.
 *
 * processBeforeResponse is off: Bolt sends the HTTP answer as soon as a listener calls ack(), and the
 * work after it (Redis, posting the card) runs once Slack already has its answer.
 */
import { App, ExpressReceiver } from '@slack/bolt';
import type { Application } from 'express';
import type { ChatService } from '../core/chat-service';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import { boltLogger } from './bolt-logger';
import { futureTimestampGuard } from './future-timestamp-guard';
import { replayGuard } from './replay-guard';
import { registerSlackHandlers } from './slack-adapter';
import { type ConversationQueues, slackClientOptions, type WebClient } from './slack-api';
import { SlackReplies } from './slack-replies';
import type { SlackSettings } from './slack-settings';

/** Slack's answers to auth.test that mean the token itself is wrong, not that Slack is unreachable. */
const BAD_TOKEN = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired'];

export interface SlackAppDeps {
  settings: SlackSettings;
  http: Application;
  service: ChatService;
  messenger: Messenger;
  client: WebClient;
  queues: ConversationQueues;
  claimOnce: (key: string, ttlSeconds: number) => Promise<boolean>;
  logger: Logger;
}

export interface SlackBot {
  userId: string;
  botId: string;
  team: string;
}

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

/** Who the bot is; a refused token stops the start with a SlackTokenRefused. */
export async function identifyBot(client: WebClient): Promise<SlackBot> {
  try {
    const who = await client.auth.test();
    if (!who.user_id || !who.bot_id) throw new Error('auth.test did not say which bot this token is');
    return { userId: who.user_id, botId: who.bot_id, team: who.team_id ?? '' };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && BAD_TOKEN.includes(code)) {
      throw new SlackTokenRefused(code);
    }
    throw error;
  }
}

export async function mountSlack(deps: SlackAppDeps): Promise<SlackBot> {
  const bot = await identifyBot(deps.client);
  deps.http.post(
    '/slack/events',
    futureTimestampGuard(() => new Date()),
  );
  const logger = boltLogger(deps.logger, deps.settings.logLevel);
  const receiver = new ExpressReceiver({
    signingSecret: deps.settings.signingSecret,
    app: deps.http,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logger,
  });
  const app = new App({
    token: deps.settings.botToken,
    botId: bot.botId,
    botUserId: bot.userId,
    receiver,
    logger,
    clientOptions: slackClientOptions(deps.settings, deps.logger),
    convoStore: false,
  });
  app.use(replayGuard({ claimOnce: deps.claimOnce, logger: deps.logger }));
  const replies = new SlackReplies({
    client: deps.client,
    queues: deps.queues,
    messenger: deps.messenger,
    logger: deps.logger,
  });
  registerSlackHandlers(app, {
    service: deps.service,
    replies,
    client: deps.client,
    claimOnce: deps.claimOnce,
    bot,
    logger: deps.logger,
  });
  return bot;
}
