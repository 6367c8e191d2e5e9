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

export interface WorkspaceInstalls {
  /** Keeps the install, replacing an earlier one of the same workspace (a reinstall, new scopes). */
  save(install: WorkspaceInstall): Promise<void>;
  /** The workspace's install; null when the app is not (or no longer) installed there. */
  find(team: string): Promise<WorkspaceInstall | null>;
  /** Forgets the workspace's install (uninstalled, token revoked). Deleting an unknown one does nothing. */
  delete(team: string): Promise<void>;
}
