/**
 * Where the chat platform's installs of the app are kept, one per workspace, when the app is installed in
 * any number of workspaces (Slack's OAuth v2: SLACK_CLIENT_ID…). Each install carries the bot token that
 * every call about that workspace must use, so a message for one workspace is never sent with another's.
 *
 * The store knows nothing of the platform's library: `record` is the library's own installation record as
 * JSON, kept whole so that what the library stored is what it gets back.
 */
export interface WorkspaceInstall {
  /** The workspace's id (Slack's team id; an org-wide install is keyed by its enterprise id). */
  team: string;
  botToken: string;
  /** The bot's user id in that workspace (it differs from workspace to workspace). */
  botUserId: string;
  botId: string;
  /** The platform library's installation record, as JSON. */
  record: string;
}

/**
 * An org-wide install (Slack Enterprise Grid) serves every workspace of the org, but Slack names only the
 * org when it is made: the org's workspaces are learnt as they send requests (`linkToOrg`), so that what
 * is done later by workspace (a reminder a worker sends, a Home tab) finds the org's install, and an
 * uninstall of the org reaches the jobs of each of its workspaces (`workspacesOf`).
 */
export interface WorkspaceInstalls {
  /** Keeps the install, replacing an earlier one of the same workspace (a reinstall, new scopes). */
  save(install: WorkspaceInstall): Promise<void>;
  /**
   * The workspace's install; null when the app is not (or no longer) installed there. A workspace with no
   * install of its own that is linked to an org gets the org's install.
   */
  find(team: string): Promise<WorkspaceInstall | null>;
  /** Records that the workspace belongs to the org whose install is keyed `org`. Idempotent. */
  linkToOrg(team: string, org: string): Promise<void>;
  /** The workspaces an install serves: its own key, then, for an org's install, each workspace linked to it. */
  workspacesOf(key: string): Promise<string[]>;
  /**
   * Forgets the workspace's install (uninstalled, token revoked). Deleting an unknown one does nothing. An
   * org's links stay, so a reinstall of the org serves the same workspaces at once.
   */
  delete(team: string): Promise<void>;
}
