/**
 * Bolt's InstallationStore (the shape @slack/oauth calls after `oauth.v2.access`, and on every request to
 * find the workspace's token) over the core's WorkspaceInstalls port, so installs live in Redis (sealed,
 * redis-workspace-installs.ts) or in memory like everything else the service keeps.
 *
 * Installs are keyed by team id; an org-wide (Enterprise Grid) install by its enterprise id.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { WorkspaceInstall, WorkspaceInstalls } from '../core/workspace-installs';

/** The key an install is kept under: its enterprise for an org-wide install, else its team. */
function keyOf(query: InstallationQuery<boolean>): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!key) throw new Error('An installation query names neither a team nor an enterprise');
  return key;
}

/** The stored form of Bolt's installation; null when it has no bot (a user-only install is of no use). */
export function workspaceInstallOf(installation: Installation): WorkspaceInstall | null {
  const team = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  const bot = installation.bot;
  if (!team || !bot) return null;
  return {
    team,
    botToken: bot.token,
    botUserId: bot.userId,
    botId: bot.id,
    record: JSON.stringify(installation),
  };
}

export class BoltInstallationStore implements InstallationStore {
  /** `onInstalled`: told the key of each install kept (a first install or a reinstall). */
  constructor(
    private readonly installs: WorkspaceInstalls,
    private readonly onInstalled?: (team: string) => Promise<void>,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const install = workspaceInstallOf(installation);
    if (!install) throw new Error('Slack granted no bot token: the install needs the bot scopes');
    await this.installs.save(install);
    await this.onInstalled?.(install.team);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const install = await this.installs.find(keyOf(query));
    if (!install) throw new Error(`No installation for ${keyOf(query)}`);
    // The record is the Installation @slack/oauth handed to storeInstallation, kept whole.
    return JSON.parse(install.record) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.installs.delete(keyOf(query));
  }
}
