/**
 * Wires Slack in: checks the bot token once with auth.test and registers the adapter's listeners on one of
 * two receivers. Over HTTP, Bolt's ExpressReceiver is mounted on our express app at `POST /slack/events`
 * (it verifies Slack's signature and refuses a bad, stale or missing one with 401 before anything runs).
 * In Socket Mode (SLACK_APP_TOKEN, socket-mode.ts) nothing is served: the service connects to Slack.
 *
 * Each signed request is taken once (replay-guard.ts): one sent again inside the five minutes
 * its signature is accepted for is acknowledged and ignored.
 *
 * processBeforeResponse is off: Bolt sends the HTTP answer as soon as a listener calls ack(), and the
 * work after it (Redis, posting the card) runs once Slack already has its answer.
 */
import { App, ExpressReceiver, type Logger } from '@slack/bolt';
import type { Application } from 'express';
import { ConfigError, type SlackConfig, slackMode } from '../config';
import type { ChatService } from '../core/chat-service';
import type { ClaimStore } from '../core/claim-store';
import type { Messenger } from '../core/ports';
import { futureTimestampGuard } from './future-timestamp-guard';
import { replayGuard } from './replay-guard';
import { registerSlackHandlers } from './slack-adapter';
import { type ConversationQueues, slackClientOptions, type WebClient } from './slack-api';
import { connectSocketMode, disconnectSocketMode, socketModeReceiver } from './socket-mode';

/** Slack's answers to auth.test that mean the token itself is wrong, not that Slack is unreachable. */
const BAD_TOKEN = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired'];

export interface SlackAppDeps {
  config: SlackConfig;
  http: Application;
  service: ChatService;
  messenger: Messenger;
  client: WebClient;
  queues: ConversationQueues;
  /** One-off claims, for de-duplicating retried requests and events. */
  claims: ClaimStore;
  logger: Logger;
}

export interface SlackBot {
  userId: string;
  botId: string;
  team: string;
}

/** Slack as served: the bot, how requests reach it, and how to stop taking them. */
export interface MountedSlack extends SlackBot {
  mode: 'http' | 'socket';
  /** Closes the Socket Mode connection; nothing to do over HTTP (the HTTP server closes). */
  stop(): Promise<void>;
}

/** Who the bot is; a refused token stops the start with a ConfigError naming SLACK_BOT_TOKEN. */
export async function identifyBot(client: WebClient): Promise<SlackBot> {
  try {
    const who = await client.auth.test();
    if (!who.user_id || !who.bot_id) throw new Error('auth.test did not say which bot this token is');
    return { userId: who.user_id, botId: who.bot_id, team: who.team_id ?? '' };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && BAD_TOKEN.includes(code)) {
      throw new ConfigError([{ variable: 'SLACK_BOT_TOKEN', problem: `was refused by Slack (${code})` }]);
    }
    throw error;
  }
}

export async function mountSlack(deps: SlackAppDeps): Promise<MountedSlack> {
  const bot = await identifyBot(deps.client);
  const mode = slackMode(deps.config);
  const socket = mode === 'socket' ? socketModeReceiver(deps.config, deps.logger) : null;
  const app = new App({
    token: deps.config.botToken,
    botId: bot.botId,
    botUserId: bot.userId,
    receiver: socket ?? httpReceiver(deps),
    logger: deps.logger,
    // Bolt otherwise sets its logger (ours) to INFO, overriding LOG_LEVEL.
    logLevel: deps.logger.getLevel(),
    clientOptions: slackClientOptions(deps.config, deps.logger),
    convoStore: false,
  });
  const claimOnce = (key: string, ttlSeconds: number) => deps.claims.claimOnce(key, ttlSeconds);
  app.use(replayGuard({ claimOnce, logger: deps.logger }));
  registerSlackHandlers(app, {
    service: deps.service,
    surfaces: { client: deps.client, queues: deps.queues, messenger: deps.messenger, logger: deps.logger },
    client: deps.client,
    claimOnce,
    bot,
    ...(deps.config.command ? { command: deps.config.command } : {}),
    logger: deps.logger,
  });
  if (socket) await connectSocketMode(socket);
  return { ...bot, mode, stop: async () => (socket ? disconnectSocketMode(socket) : undefined) };
}

/** Bolt's receiver on our express app at `POST /slack/events`, behind the future-timestamp guard. */
function httpReceiver(deps: SlackAppDeps): ExpressReceiver {
  const { signingSecret } = deps.config;
  if (!signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');
  deps.http.post(
    '/slack/events',
    futureTimestampGuard(() => new Date()),
  );
  return new ExpressReceiver({
    signingSecret,
    app: deps.http,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logger: deps.logger,
  });
}
