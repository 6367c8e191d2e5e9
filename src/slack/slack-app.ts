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
import { App, ExpressReceiver, type Logger } from '@slack/bolt';
import type { Application } from 'express';
import { ConfigError, type SlackConfig } from '../config';
import type { ActionWatchers } from '../core/action-watch';
import type { ChatService } from '../core/chat-service';
import type { ClaimStore } from '../core/claim-store';
import type { MyActionsDeps } from '../core/my-actions';
import type { Messenger } from '../core/ports';
import { futureTimestampGuard } from './future-timestamp-guard';
import { HomeTab } from './home-tab';
import { replayGuard } from './replay-guard';
import { registerSlackHandlers } from './slack-adapter';
import { type ConversationQueues, slackClientOptions, type WebClient } from './slack-api';

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
  /** For the Home tab: what "My actions" reads, and where the core announces changes. */
  home?: { actions: MyActionsDeps; watchers: ActionWatchers };
}

export interface SlackBot {
  userId: string;
  botId: string;
  team: string;
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

export async function mountSlack(deps: SlackAppDeps): Promise<SlackBot> {
  const bot = await identifyBot(deps.client);
  deps.http.post(
    '/slack/events',
    futureTimestampGuard(() => new Date()),
  );
  const receiver = new ExpressReceiver({
    signingSecret: deps.config.signingSecret,
    app: deps.http,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logger: deps.logger,
  });
  const app = new App({
    token: deps.config.botToken,
    botId: bot.botId,
    botUserId: bot.userId,
    receiver,
    logger: deps.logger,
    // Bolt otherwise sets its logger (ours) to INFO, overriding LOG_LEVEL.
    logLevel: deps.logger.getLevel(),
    clientOptions: slackClientOptions(deps.config, deps.logger),
    convoStore: false,
  });
  const claimOnce = (key: string, ttlSeconds: number) => deps.claims.claimOnce(key, ttlSeconds);
  app.use(replayGuard({ claimOnce, logger: deps.logger }));
  const home = deps.home
    ? new HomeTab({ clientFor: async () => deps.client, actions: deps.home.actions, logger: deps.logger })
    : undefined;
  if (home) deps.home?.watchers.watch(home.onChange);
  registerSlackHandlers(app, {
    ...(home ? { home } : {}),
    service: deps.service,
    surfaces: { client: deps.client, queues: deps.queues, messenger: deps.messenger, logger: deps.logger },
    client: deps.client,
    claimOnce,
    bot,
    logger: deps.logger,
  });
  return bot;
}
