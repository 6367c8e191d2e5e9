/**
 * Sends one reminder of one action to its owners, at most once per owner however often it is run, and
 * never not at all however the sender dies.
 *
 * Jobs are delivered at least once (a retried job, a second worker after a crash), so each owner's DM is a
 * keyed two-phase send (src/core/delivery/send-once.ts) under `<key>:<userId>`: a short lease while
 * posting, "sent" only after the platform answered, and after a crash mid-send a look for the DM by its key
 * before sending again.
 *
 * Each user owner gets a direct message; an alias's people get one each. Email owners, and the addresses
 * among an alias's people, get a mail when the service can send mail (`deps.mail`, from SMTP_URL), keyed
 * `<key>:mail:<address>` in the same ledger (src/core/mail/action-mail-send.ts says what that guarantees).
 * An owner that cannot be messaged (an alias mapped to nobody, a user the platform cannot reach, an email
 * owner without a mailer or whose server refused the mail for good) is named in the channel instead, once.
 * Each DM is linked to the action, so a reply of `done` to it closes the action.
 */
import { type SendOnceDeps, type SendOutcome, sendOnce } from '../delivery/send-once';
import type { Action, MessageRef, Owner } from '../domain';
import { isEmailPerson } from '../email-address';
import { type ActionMailer, actionMailFacts, mailKey, sendActionMailOnce } from '../mail/action-mail-send';
import { ownerPeople } from '../owners';
import type { ActionStore } from '../ports';
import type { View } from '../view';
import type { ReminderLedger } from './reminder-ledger';

export interface ReminderDeps extends SendOnceDeps {
  store: ActionStore;
  /** Remembers each DM sent, so it can be updated to show the action closed. */
  ledger: Pick<ReminderLedger, 'remember'>;
  /** Mail for email owners; without it (no SMTP_URL) they are named in the channel as unreachable. */
  mail?: ActionMailer | null | undefined;
}

/** What the reminder mail says besides the action: its lead line, due date and meeting, as the DM has them. */
export interface ReminderMailWords {
  lead: string;
  due: string;
  meetingTitle: string | null;
}

export interface ReminderViews {
  /** The DM each reachable owner gets. */
  dm: View;
  /** The channel post naming the owners who could not be messaged. */
  channel: (unreachable: Owner[]) => View;
  /** The mail's words; needed only where a mailer is given. */
  mail?: ReminderMailWords;
}

export interface DeliveryReport {
  /** Users messaged (and addresses mailed) by this run. */
  sent: string[];
  /**
   * Users messaged (addresses mailed) before: recorded as sent, or found on the platform after a sender
   * died mid-send.
   */
  alreadySent: string[];
  /** Owners named in the channel by this run. */
  named: Owner[];
  /** Failures after a send that a retry would not mend (linking a DM to its action): for the log. */
  problems: unknown[];
}

/**
 * The people to message for the owners: users to DM, addresses to mail (when `mailing`), and the owners
 * nobody can be reached for (an alias with no one reachable; an email owner when not mailing).
 */
export function reminderRecipients(
  owners: readonly Owner[],
  aliases: Record<string, string[]>,
  mailing = false,
): { userIds: string[]; addresses: string[]; unmapped: Owner[] } {
  const peopleOf = ownerPeople(aliases);
  const userIds = new Set<string>();
  const addresses = new Map<string, string>();
  const unmapped: Owner[] = [];
  for (const owner of owners) {
    const people = peopleOf(owner);
    const users = people.filter((id) => !isEmailPerson(id));
    const mails = mailing ? people.filter(isEmailPerson) : [];
    if (users.length + mails.length === 0) unmapped.push(owner);
    for (const id of users) userIds.add(id);
    for (const address of mails)
      if (!addresses.has(address.toLowerCase())) addresses.set(address.toLowerCase(), address);
  }
  return { userIds: [...userIds], addresses: [...addresses.values()], unmapped };
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
  const mailing = deps.mail && views.mail ? { mail: deps.mail, words: views.mail } : null;
  const { userIds, addresses, unmapped } = reminderRecipients(action.owners, aliases, mailing !== null);
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
  if (mailing && addresses.length > 0) {
    await mailOwners({ ...deps, mail: mailing.mail }, action, mailing.words, addresses, key, {
      report,
      unreachable,
      failures,
    });
  }
  if (unreachable.length > 0) await nameInChannel(deps, action, views, unreachable, key, report, failures);
  if (failures.length > 0) throw failures[0];
  return report;
}

/** Where mailOwners records how each mail went. */
interface Tally {
  report: DeliveryReport;
  unreachable: Owner[];
  failures: unknown[];
}

/** Mails each address once; a mail refused for good makes its address unreachable (named in the channel). */
async function mailOwners(
  deps: ReminderDeps & { mail: ActionMailer },
  action: Action,
  words: ReminderMailWords,
  addresses: string[],
  key: string,
  tally: Tally,
): Promise<void> {
  const facts = await actionMailFacts(deps.mail, action, words.due, words.meetingTitle);
  for (const address of addresses) {
    let outcome: SendOutcome;
    try {
      outcome = await sendActionMailOnce(
        deps,
        { what: 'mail', key: mailKey(key, address), to: address, lead: words.lead, facts },
        (refusal) => tally.report.problems.push(refusal),
      );
    } catch (error) {
      tally.failures.push(error);
      continue;
    }
    if (outcome.message === null) tally.unreachable.push({ kind: 'email', address });
    else if (outcome.kind === 'posted') tally.report.sent.push(address);
    else tally.report.alreadySent.push(address);
  }
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
