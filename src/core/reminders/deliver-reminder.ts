/**
 * Sends one reminder of one action to its owners, at most once per owner however often it is run, and
 * never not at all however the sender dies.
 *
 * Jobs are delivered at least once (a retried job, a second worker after a crash), so each owner's DM is a
 * keyed two-phase send (src/core/delivery/send-once.ts) under `<key>:<userId>`: a short lease while
 * posting, "sent" only after the platform answered, and after a crash mid-send a look for the DM by its key
 * before sending again.
 *
 * Each user owner gets a direct message; an alias's people get one each. An owner that cannot be messaged
 * (an alias mapped to nobody, a user the platform cannot reach) is named in the channel instead, once.
 * Each DM is linked to the action, so a reply of `done` to it closes the action.
 */
import { type SendOnceDeps, type SendOutcome, sendOnce } from '../delivery/send-once';
import type { Action, MessageRef, Owner } from '../domain';
import { isEmailPerson } from '../email-address';
import type { ActionStore } from '../ports';
import type { View } from '../view';
import type { ReminderLedger } from './reminder-ledger';

export interface ReminderDeps extends SendOnceDeps {
  store: ActionStore;
  /** Remembers each DM sent, so it can be updated to show the action closed. */
  ledger: Pick<ReminderLedger, 'remember'>;
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
  /** Users messaged before: recorded as sent, or found on the platform after a sender died mid-send. */
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
    // Email people are reached by mail, not by a DM: until a mailer delivers, they count as unreachable.
    if (owner.kind === 'email') {
      unmapped.push(owner);
      continue;
    }
    const ids = owner.kind === 'user' ? [owner.id] : (byName.get(owner.name.toLowerCase()) ?? []);
    const users = ids.filter((id) => !isEmailPerson(id));
    if (users.length === 0) unmapped.push(owner);
    for (const id of users) userIds.add(id);
  }
  return { userIds: [...userIds], unmapped };
}

/**
 * Sends the reminder identified by `key` (unique per job: the job id, or the job id and the action).
 * Throws after trying every owner when any send failed (or is under way elsewhere), so the job is retried
 * and sends those only.
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
    let outcome: SendOutcome;
    try {
      outcome = await sendOnce(deps, {
        what: 'reminder',
        key: `${key}:${userId}`,
        to: { kind: 'user', channel: action.channel, userId },
        view: views.dm,
        afterPost: (posted) => linkDm(deps, action, posted),
      });
    } catch (error) {
      failures.push(error);
      continue;
    }
    if (outcome.kind !== 'already-sent' && outcome.problem !== undefined)
      report.problems.push(outcome.problem);
    // Undeliverable now or when it was sent: name them in the channel (a send of its own, so once).
    if (outcome.message === null) unreachable.push({ kind: 'user', id: userId });
    else if (outcome.kind === 'posted') report.sent.push(userId);
    else report.alreadySent.push(userId);
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
  try {
    const outcome = await sendOnce(deps, {
      what: 'owners-named',
      key: `${key}:channel`,
      to: { kind: 'channel', channel: action.channel },
      view: views.channel(unreachable),
    });
    if (outcome.kind === 'posted') report.named.push(...unreachable);
  } catch (error) {
    failures.push(error);
  }
}
