/**
 * Slack's OAuth v2 install, for any number of workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET,
 * SLACK_STATE_SECRET): the options that make Bolt's ExpressReceiver serve
 * - `GET /slack/install`: sets a state cookie and redirects to Slack's authorize page with a signed
 *   state (directInstall, so the link can go straight into Slack's "Direct install URL");
 * - `GET /slack/oauth_redirect`: checks that the state is the one this browser was given and was signed
 *   with SLACK_STATE_SECRET (a forged or replayed one is refused, 400), exchanges the code with
 *   `oauth.v2.access` at SLACK_API_URL, and keeps the install (installation-store.ts).
 *
 * The installer's Web API calls (oauth.v2.access, then auth.test with the new token) take the same
 * client options as every other client, so they go to SLACK_API_URL too.
 */

import type { ServerResponse } from 'node:http';
import type { ExpressReceiverOptions, Installation } from '@slack/bolt';
import type { CallbackOptions } from '@slack/oauth';
import { escapeHtml } from '../core/html-escape';
import type { Logger } from '../core/logger';
import type { WorkspaceSchedules } from '../core/ports';
import type { WorkspaceInstalls } from '../core/workspace-installs';
import { BOT_SCOPES } from './bot-scopes';
import { BoltInstallationStore } from './installation-store';
import { slackClientOptions } from './slack-api';
import { DEFAULT_SLACK_COMMAND, type SlackOAuthSettings, type SlackSettings } from './slack-settings';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthReceiverOptions = Pick<
  ExpressReceiverOptions,
  | 'clientId'
  | 'clientSecret'
  | 'stateSecret'
  | 'scopes'
  | 'installationStore'
  | 'installerOptions'
  | 'redirectUri'
>;

/** The page a browser sees once the app is installed, and a log line saying which workspace. */
function installed(logger: Logger, command: string) {
  return (installation: Installation, _options: unknown, _req: unknown, res: ServerResponse): void => {
    const team = installation.team?.name ?? installation.team?.id ?? installation.enterprise?.id ?? '?';
    logger.info(
      `Slack: installed in workspace ${installation.team?.id ?? installation.enterprise?.id ?? '?'}`,
    );
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Arising installed</title><h1>Arising is installed in ${escapeHtml(team)}</h1>` +
        `<p>Back in Slack, type <code>${escapeHtml(command)} help</code> in a channel.</p>`,
    );
  };
}

/**
 * After an install is kept: a workspace that had the app before (its actions stayed when it was removed)
 * gets its reminders, digests and matters-arising posts planned again. A failure does not undo the
 * install; it is logged, and the actions' next change plans them.
 */
function replanOnInstall(
  schedules: Pick<WorkspaceSchedules, 'workspaceAdded'>,
  installs: WorkspaceInstalls,
  logger: Logger,
) {
  return async (team: string): Promise<void> => {
    try {
      // An org's install serves each of its workspaces seen before it was removed.
      for (const served of await installs.workspacesOf(team)) {
        await schedules.workspaceAdded({ platform: 'slack', team: served });
      }
    } catch (error) {
      logger.warn(`Slack workspace ${team}: installed, but planning its reminders again failed:`, error);
    }
  };
}

/** Everything the OAuth install is made of, for Bolt's ExpressReceiver (HTTP) or our own routes (Socket Mode). */
export interface OAuthInstall {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  redirectUri: string | null;
  installationStore: BoltInstallationStore;
  clientOptions: ReturnType<typeof slackClientOptions>;
  callbackOptions: CallbackOptions;
}

export function oauthInstall(
  slack: Pick<SlackSettings, 'apiUrl' | 'logLevel' | 'command'>,
  oauth: SlackOAuthSettings,
  installs: WorkspaceInstalls,
  logger: Logger,
  schedules?: Pick<WorkspaceSchedules, 'workspaceAdded'>,
): OAuthInstall {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    redirectUri: oauth.redirectUri,
    installationStore: new BoltInstallationStore(
      installs,
      schedules ? replanOnInstall(schedules, installs, logger) : undefined,
    ),
    clientOptions: slackClientOptions(slack, logger),
    callbackOptions: { success: installed(logger, slack.command ?? DEFAULT_SLACK_COMMAND) },
  };
}

/** The install as options of Bolt's ExpressReceiver, which then serves its two pages. */
export function oauthReceiverOptions(install: OAuthInstall): OAuthReceiverOptions {
  return {
    clientId: install.clientId,
    clientSecret: install.clientSecret,
    stateSecret: install.stateSecret,
    scopes: install.scopes,
    ...(install.redirectUri ? { redirectUri: install.redirectUri } : {}),
    installationStore: install.installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      stateVerification: true,
      clientOptions: install.clientOptions,
      callbackOptions: install.callbackOptions,
    },
  };
}
