/**
 * Wires Slack in: checks the bot token once with auth.test and registers the adapter's listeners on one of
 * two receivers. Over HTTP, Bolt's ExpressReceiver is mounted on our express app at `POST /slack/events`
 * (it verifies Slack's signature and refuses a bad, stale or missing one with 401 before anything runs).
 * In Socket Mode (SLACK_APP_TOKEN, socket-mode.ts) nothing is served: the service connects to Slack.
 *
 * Each signed request is taken once (replay-guard.ts): one sent again inside the five minutes
 * its signature is accepted for is acknowledged and ignored.
 *
 * With SLACK_CLIENT_ID… (any number of workspaces) there is no one token: the receiver also serves the
 * OAuth install (slack-oauth.ts), Bolt finds each request's token in the installs, and an uninstall or a
 * revoked token deletes the workspace's install (uninstall.ts). In Socket Mode the install pages are
 * served on our own HTTP server (socket-oauth.ts), and events come over the socket as for one workspace.
 *
 * processBeforeResponse is off: Bolt sends the HTTP answer as soon as a listener calls ack(), and the
 * work after it (Redis, posting the card) runs once Slack already has its answer.
 */
import { App, type Logger as BoltLogger, ExpressReceiver } from '@slack/bolt';
import type { Application } from 'express';
import type { ActionWatchers } from '../core/action-watch';
import type { ChatService } from '../core/chat-service';
import type { ClaimStore } from '../core/claim-store';
import type { Logger } from '../core/logger';
import type { MyActionsDeps } from '../core/my-actions';
import type { Messenger, WorkspaceSchedules } from '../core/ports';
import type { ViewPages } from '../core/view-pages';
import type { WorkspaceInstalls } from '../core/workspace-installs';
import { boltLogger } from './bolt-logger';
import { futureTimestampGuard } from './future-timestamp-guard';
import { HomeTab } from './home-tab';
import { replayGuard } from './replay-guard';
import { registerSlackHandlers } from './slack-adapter';
import { type ConversationQueues, slackClientOptions, type WebClient } from './slack-api';
import type { InstalledWorkspaces, oneWorkspace } from './slack-clients';
import { type OAuthInstall, oauthInstall, oauthReceiverOptions } from './slack-oauth';
import { type SlackSettings, slackMode } from './slack-settings';
import { SlackTokenRefused } from './slack-token-refused';
import { connectSocketMode, disconnectSocketMode, socketModeReceiver } from './socket-mode';
import { serveInstallPages } from './socket-oauth';
import { registerUninstall } from './uninstall';

/** One workspace (SLACK_BOT_TOKEN) or any number, each with its install (SLACK_CLIENT_ID…). */
export type SlackWorkspaces =
  | { kind: 'one'; client: WebClient; clients: ReturnType<typeof oneWorkspace> }
  | { kind: 'installed'; installs: WorkspaceInstalls; clients: InstalledWorkspaces };

/** Slack's answers to auth.test that mean the token itself is wrong, not that Slack is unreachable. */
const BAD_TOKEN = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired'];

export interface SlackAppDeps {
  settings: SlackSettings;
  http: Application;
  service: ChatService;
  messenger: Messenger;
  workspaces: SlackWorkspaces;
  queues: ConversationQueues;
  /** One-off claims, for de-duplicating retried requests and events. */
  claims: ClaimStore;
  logger: Logger;
  /** Removes a workspace's jobs when the app leaves it, plans them again when it is reinstalled. */
  schedules?: WorkspaceSchedules;
  /** The Home tab (watchHome), which presses on the tab and app_home_opened publish. */
  home?: HomeTab;
}

/** What the Home tab reads ("My actions", the page each person is on) and where changes are announced. */
export interface HomeDeps {
  actions: MyActionsDeps;
  pages: ViewPages;
  watchers: ActionWatchers;
}

/**
 * The Home tab of these workspaces, published again on every change the process's core announces. Made
 * by every process that serves Slack or runs its workers: a worker's reminder that finds an action
 * overdue publishes the Homes it concerns too.
 */
export function watchHome(workspaces: SlackWorkspaces, deps: HomeDeps, logger: Logger): HomeTab {
  const home = new HomeTab({
    clientFor: async (team) => (await workspaces.clients.forTeam(team)).client,
    actions: deps.actions,
    pages: deps.pages,
    logger,
  });
  deps.watchers.watch(home.onChange);
  return home;
}

export interface SlackBot {
  userId: string;
  botId: string;
  team: string;
}

/** Slack as served: the bot, how requests reach it, and how to stop taking them. */
export interface MountedSlack {
  /** The bot as auth.test names it with one token; null with OAuth installs. */
  bot: SlackBot | null;
  mode: 'http' | 'socket';
  /** Closes the Socket Mode connection; nothing to do over HTTP (the HTTP server closes). */
  stop(): Promise<void>;
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

/** Mounts Slack over HTTP or Socket Mode; with Socket Mode, resolves once connected. */
export async function mountSlack(deps: SlackAppDeps): Promise<MountedSlack> {
  const { workspaces } = deps;
  const bot = workspaces.kind === 'one' ? await identifyBot(workspaces.client) : null;
  if (bot && workspaces.kind === 'one') workspaces.clients.knowBot(bot);
  const logger = boltLogger(deps.logger, deps.settings.logLevel);
  const mode = slackMode(deps.settings);
  const socket = mode === 'socket' ? socketModeReceiver(deps.settings, logger) : null;
  const install = installOf(deps);
  const app = new App({
    ...(bot && deps.settings.botToken
      ? { token: deps.settings.botToken, botId: bot.botId, botUserId: bot.userId }
      : {}),
    // Over Socket Mode the install pages are ours, and each request's install is found through them.
    ...(socket && install ? { authorize: serveInstallPages(deps.http, install) } : {}),
    receiver: socket ?? httpReceiver(deps, logger, install),
    logger,
    clientOptions: slackClientOptions(deps.settings, deps.logger),
    convoStore: false,
  });
  const claimOnce = (key: string, ttlSeconds: number) => deps.claims.claimOnce(key, ttlSeconds);
  app.use(replayGuard({ claimOnce, logger: deps.logger }));
  const { home } = deps;
  registerSlackHandlers(app, {
    ...(home ? { home } : {}),
    service: deps.service,
    surfaces: {
      clients: workspaces.clients,
      queues: deps.queues,
      messenger: deps.messenger,
      logger: deps.logger,
    },
    clients: workspaces.clients,
    claimOnce,
    ...(deps.settings.command ? { command: deps.settings.command } : {}),
    logger: deps.logger,
  });
  registerUninstall(app, {
    installs: workspaces.kind === 'installed' ? workspaces.installs : null,
    onForget: (token) => {
      if (workspaces.kind === 'installed') workspaces.clients.forgetToken(token);
    },
    ...(deps.schedules ? { schedules: deps.schedules } : {}),
    logger: deps.logger,
  });
  if (socket) await connectSocketMode(socket);
  return { bot, mode, stop: async () => (socket ? disconnectSocketMode(socket) : undefined) };
}

/**
 * Bolt's receiver on our express app at `POST /slack/events`, behind the future-timestamp guard; with
 * OAuth installs it also serves the install pages.
 */
function httpReceiver(deps: SlackAppDeps, logger: BoltLogger, install: OAuthInstall | null): ExpressReceiver {
  const { settings } = deps;
  if (!settings.signingSecret) throw new Error('Slack over HTTP needs a signing secret');
  deps.http.post(
    '/slack/events',
    futureTimestampGuard(() => new Date()),
  );
  const oauth = install ? oauthReceiverOptions(install) : {};
  return new ExpressReceiver({
    signingSecret: settings.signingSecret,
    app: deps.http,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logger,
    ...oauth,
  });
}

/** The OAuth install with SLACK_CLIENT_ID… (any number of workspaces); null with one bot token. */
function installOf(deps: SlackAppDeps): OAuthInstall | null {
  const { settings, workspaces } = deps;
  if (workspaces.kind !== 'installed' || !settings.oauth) return null;
  return oauthInstall(settings, settings.oauth, workspaces.installs, deps.logger, deps.schedules);
}
