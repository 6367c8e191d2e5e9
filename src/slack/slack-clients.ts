/**
 * Which Web API client to use for a workspace. Every outgoing call (a card, a reminder sent by a worker,
 * a card update, a DM) is made with the token of the workspace it is about, the team id of its channel:
 * - one workspace (SLACK_BOT_TOKEN): the one token, whatever the team;
 * - any number (SLACK_CLIENT_ID…): the token of that workspace's install, read from the store on every
 *   call, so an install deleted by an uninstall event (on the web side) stops the workers' sends at once.
 *   A workspace with no install answers NotInstalledError; the messenger turns it into "cannot deliver".
 *
 * Clients are kept per token (a WebClient holds its own queue and agent), and dropped when the token of
 * a workspace changes (a reinstall) or its install is gone.
 */
import type { Logger } from '../core/logger';
import type { WorkspaceInstalls } from '../core/workspace-installs';
import { createSlackClient, type WebClient } from './slack-api';
import type { SlackSettings } from './slack-settings';

/** The clients for one workspace: ordinary calls, and keyed posts (no network retries: slack-api.ts). */
export interface TeamClient {
  client: WebClient;
  keyedPosts: WebClient;
}

/** The bot's own ids in a workspace, to find its messages in a DM. */
export interface SlackBotIds {
  userId: string;
  botId: string;
}

export interface SlackClients {
  /** The workspace's clients; rejects with NotInstalledError when the app is not installed there. */
  forTeam(team: string): Promise<TeamClient>;
  /** The bot's ids in the workspace; rejects with NotInstalledError like forTeam. */
  botIn(team: string): Promise<SlackBotIds>;
}

/** The app is not (or no longer) installed in the workspace: nothing can be sent there. */
export class NotInstalledError extends Error {
  constructor(readonly team: string) {
    super(`Arising is not installed in Slack workspace ${team}`);
    this.name = 'NotInstalledError';
  }
}

export function isNotInstalled(error: unknown): error is NotInstalledError {
  return error instanceof NotInstalledError;
}

/** One workspace, one token: the same clients for every team; the bot's ids once known (auth.test). */
export function oneWorkspace(
  client: WebClient,
  keyedPosts: WebClient = client,
): SlackClients & {
  knowBot(bot: SlackBotIds): void;
} {
  let known: SlackBotIds | null = null;
  const clients = { client, keyedPosts };
  return {
    forTeam: async () => clients,
    botIn: async () => {
      if (!known) throw new Error('The bot has not been identified yet (auth.test)');
      return known;
    },
    knowBot: (bot) => {
      known = bot;
    },
  };
}

/** Any number of workspaces: each team's clients from its install in the store. */
export class InstalledWorkspaces implements SlackClients {
  private readonly byToken = new Map<string, TeamClient>();

  constructor(
    private readonly installs: WorkspaceInstalls,
    private readonly slack: SlackSettings,
    private readonly logger: Logger,
  ) {}

  async forTeam(team: string): Promise<TeamClient> {
    const install = await this.installs.find(team);
    if (!install) throw new NotInstalledError(team);
    const cached = this.byToken.get(install.botToken);
    if (cached) return cached;
    const config = { ...this.slack, botToken: install.botToken };
    const made = {
      client: createSlackClient(config, this.logger),
      keyedPosts: createSlackClient(config, this.logger, { networkRetries: 0 }),
    };
    this.byToken.set(install.botToken, made);
    return made;
  }

  async botIn(team: string): Promise<SlackBotIds> {
    const install = await this.installs.find(team);
    if (!install) throw new NotInstalledError(team);
    return { userId: install.botUserId, botId: install.botId };
  }

  /** Drops the clients of a token that is no longer valid (uninstalled, revoked). */
  forgetToken(token: string): void {
    this.byToken.delete(token);
  }
}
