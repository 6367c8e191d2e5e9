/**
 * Sends one reminder of one action to its owners, at most once per owner however often it is run.
 *
 * Jobs are delivered at least once (a retried job, a second worker after a crash), so every send first
 * claims a one-off key `<key>:<userId>` in the store. The claim is atomic (SET NX with a TTL of weeks):
 * whoever claims first sends, and a repeat finds the claim and does nothing. A send that fails with an
 * error gives its claim back, so the job's retry sends it; one that reached the platform keeps it.
 *
 * Each user owner gets a direct message; an alias's people get one each. An owner that cannot be messaged
 * (an alias mapped to nobody, a user the platform cannot reach) is named in the channel instead, once.
 * Each DM is linked to the action, so a reply of `done` to it closes the action.
 */
import type { Action, MessageRef, Owner } from '../domain';
import type { ActionStore, Messenger } from '../ports';
import type { View } from '../view';

/** How long a send claim is kept: far longer than any job retry or stalled-job recovery takes. */
export const SEND_CLAIM_TTL_SECONDS = 8 * 7 * 24 * 3600;

/** What the delivery needs besides the store and the messenger (the jobs side implements it on Redis). */
export interface ReminderLedger {
  /** Gives a claim back after a send that failed, so that a retry sends it. */
  release(key: string): Promise<void>;
  /** Remembers a reminder DM so that it can be updated to show the action closed. */
  remember(action: Action, message: MessageRef): Promise<void>;
}

export interface ReminderDeps {
  store: ActionStore;
  messenger: Messenger;
  ledger: ReminderLedger;
}

export interface ReminderViews {
  /** The DM each reachable owner gets. */
  dm: View;
  /** The channel post naming the owners who could not be messaged. */
  channel: (unreachable: Owner[]) => View;
}

export interface DeliveryReport {
  /** Users messaged by this run. */
  sent: string[];
  /** Users a previous run had already messaged. */
  alreadySent: string[];
  /** Owners named in the channel by this run. */
  named: Owner[];
  /** Failures after a send that a retry would not mend (linking a DM to its action): for the log. */
  problems: unknown[];
}

/** The people to message for the owners, and the owners nobody can be messaged for (aliases with no one). */
export function reminderRecipients(
  owners: readonly Owner[],
  aliases: Record<string, string[]>,
): { userIds: string[]; unmapped: Owner[] } {
  const byName = new Map(Object.entries(aliases).map(([name, ids]) => [name.toLowerCase(), ids]));
  const userIds = new Set<string>();
  const unmapped: Owner[] = [];
  for (const owner of owners) {
    const ids = owner.kind === 'user' ? [owner.id] : (byName.get(owner.name.toLowerCase()) ?? []);
    if (ids.length === 0) unmapped.push(owner);
    for (const id of ids) userIds.add(id);
  }
  return { userIds: [...userIds], unmapped };
}

/**
 * Sends the reminder identified by `key` (unique per job: the job id, or the job id and the action).
 * Throws after trying every owner when any send failed, so the job is retried for those only.
 */
export async function deliverReminder(
  deps: ReminderDeps,
  action: Action,
  aliases: Record<string, string[]>,
  views: ReminderViews,
  key: string,
): Promise<DeliveryReport> {
  const { userIds, unmapped } = reminderRecipients(action.owners, aliases);
  const report: DeliveryReport = { sent: [], alreadySent: [], named: [], problems: [] };
  const unreachable: Owner[] = [...unmapped];
  const failures: unknown[] = [];
  for (const userId of userIds) {
    const claim = `${key}:${userId}`;
    if (!(await deps.store.claimOnce(claim, SEND_CLAIM_TTL_SECONDS))) {
      report.alreadySent.push(userId);
      continue;
    }
    let posted: MessageRef | null;
    try {
      posted = await deps.messenger.post({ kind: 'user', channel: action.channel, userId }, views.dm);
    } catch (error) {
      await deps.ledger.release(claim);
      failures.push(error);
      continue;
    }
    if (posted === null) {
      unreachable.push({ kind: 'user', id: userId });
      continue;
    }
    report.sent.push(userId);
    // Sent is sent: a failure to link it is reported, not retried, so the DM is never sent again.
    await linkDm(deps, action, posted).catch((error: unknown) => report.problems.push(error));
  }
  if (unreachable.length > 0) await nameInChannel(deps, action, views, unreachable, key, report, failures);
  if (failures.length > 0) throw failures[0];
  return report;
}

/** Links the DM to the action (replies close or note it) and remembers it for the closed update. */
async function linkDm(deps: ReminderDeps, action: Action, posted: MessageRef): Promise<void> {
  await Promise.all([
    deps.store.linkMessage(action.channel.platform, posted, action.channel, action.number),
    deps.ledger.remember(action, posted),
  ]);
}

async function nameInChannel(
  deps: ReminderDeps,
  action: Action,
  views: ReminderViews,
  unreachable: Owner[],
  key: string,
  report: DeliveryReport,
  failures: unknown[],
): Promise<void> {
  const claim = `${key}:channel`;
  if (!(await deps.store.claimOnce(claim, SEND_CLAIM_TTL_SECONDS))) return;
  try {
    await deps.messenger.post({ kind: 'channel', channel: action.channel }, views.channel(unreachable));
    report.named.push(...unreachable);
  } catch (error) {
    await deps.ledger.release(claim);
    failures.push(error);
  }
}
