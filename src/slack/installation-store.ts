/**
 * Bolt's InstallationStore (the shape @slack/oauth calls after `oauth.v2.access`, and on every request to
 * find the workspace's token) over the core's WorkspaceInstalls port, so installs live in Redis (sealed,
 * redis-workspace-installs.ts) or in memory like everything else the service keeps.
 *
 * Installs are keyed by team id; an org-wide (Enterprise Grid) install by its enterprise id. A request
 * from a workspace of such an org asks for the org's install (Bolt's query has `isEnterpriseInstall` and
 * both ids); the workspace is then linked to the org (WorkspaceInstalls.linkToOrg), so that what is later
 * done by team id alone (a reminder a worker sends, the Home tab) finds the org's install too. A query that
 * names an org but lacks the org-wide flag still finds the org's install when the team has none.
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
  /** Workspace-to-org links this process has written. */
  private readonly linked = new Set<string>();

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
    const install = await this.findFor(query);
    if (!install) throw new Error(`No installation for ${keyOf(query)}`);
    // The record is the Installation @slack/oauth handed to storeInstallation, kept whole.
    return JSON.parse(install.record) as Installation;
  }

  /** The install that serves the query's workspace: its own, else its org's (linking the two). */
  private async findFor(query: InstallationQuery<boolean>): Promise<WorkspaceInstall | null> {
    const { teamId, enterpriseId } = query;
    if (!query.isEnterpriseInstall && teamId) {
      const own = await this.installs.find(teamId);
      if (own || !enterpriseId) return own;
    }
    if (!enterpriseId) throw new Error('An installation query names neither a team nor an enterprise');
    const org = await this.installs.find(enterpriseId);
    if (org && teamId) await this.link(teamId, enterpriseId);
    return org;
  }

  /** Links the workspace to its org once per process: every request of the workspace comes here. */
  private async link(team: string, org: string): Promise<void> {
    const link = `${team} ${org}`;
    if (this.linked.has(link)) return;
    await this.installs.linkToOrg(team, org);
    this.linked.add(link);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.installs.delete(keyOf(query));
  }
}
