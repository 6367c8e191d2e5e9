/**
 * A workspace that uninstalls the app (`app_uninstalled`) or revokes its bot token (`tokens_revoked`) is
 * forgotten: its install is deleted, so from then on every send to it (a reminder a worker runs, a card
 * update) finds no token, answers "not installed" and completes instead of retrying against a dead token.
 * Then its queued jobs (reminders, weekly digests, matters-arising posts) are removed, so the queues do not
 * carry work for it for months. The workspace's actions stay in Redis: a reinstall plans them again
 * (slack-oauth.ts).
 *
 * Bolt runs these two listeners even when the workspace's token can no longer be found (it skips
 * authorize for them), so a second delivery of the event is harmless.
 */
import type { App, EnvelopedEvent } from '@slack/bolt';
import type { Logger } from '../core/logger';
import type { WorkspaceSchedules } from '../core/ports';
import type { WorkspaceInstalls } from '../core/workspace-installs';

export interface UninstallDeps {
  /** Null in one-workspace mode (SLACK_BOT_TOKEN): there is no install to delete, only a log line. */
  installs: WorkspaceInstalls | null;
  /** Called with the revoked token, so cached clients for it are dropped. */
  onForget?: (token: string) => void;
  /** Removes the workspace's queued jobs; absent where the process schedules nothing. */
  schedules?: Pick<WorkspaceSchedules, 'workspaceRemoved'>;
  logger: Logger;
}

export function registerUninstall(app: App, deps: UninstallDeps): void {
  const forget = async (team: string | undefined, why: string): Promise<void> => {
    if (!team) return;
    if (!deps.installs) {
      deps.logger.warn(`Slack workspace ${team}: ${why}; SLACK_BOT_TOKEN no longer works there`);
      return;
    }
    const install = await deps.installs.find(team);
    await deps.installs.delete(team);
    if (install) deps.onForget?.(install.botToken);
    deps.logger.warn(
      `Slack workspace ${team}: ${why}; its install is deleted and nothing more is sent there`,
    );
    // After the delete: a job that runs meanwhile finds no install and completes without sending.
    // An org's install served each of its workspaces that has been seen.
    for (const served of await deps.installs.workspacesOf(team)) {
      await deps.schedules?.workspaceRemoved({ platform: 'slack', team: served });
    }
    deps.logger.info(`Slack workspace ${team}: its queued reminders, digests and posts are removed`);
  };

  app.event('app_uninstalled', async ({ body }) => {
    await forget(installKeyOf(body), 'the app was uninstalled');
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: user tokens are never asked for.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(installKeyOf(body), "the bot's token was revoked");
  });
}

/** What the event is about: an org-wide install (Enterprise Grid) is keyed by its org, others by team. */
function installKeyOf(body: EnvelopedEvent): string | undefined {
  const orgWide =
    body.is_enterprise_install === true || body.authorizations?.[0]?.is_enterprise_install === true;
  return orgWide && body.enterprise_id ? body.enterprise_id : body.team_id;
}
