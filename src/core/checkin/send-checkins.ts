/**
 * What the check-in job does when it runs, decided in the core (jobs/checkin-job.ts only reads its data
 * and calls this): `settings checkin` before the channel's next meeting, each owner of each open action is
 * asked how it stands, one direct message per action and person.
 *
 * One message per action rather than one per person listing them all: each message is then linked to its
 * action, so a reply in its thread (`done`, `new date 20 Jan`, a note) is about exactly one action, as a
 * reminder's is, and its buttons need no second choice of action; a person with many actions is also never
 * sent one message past the platforms' size limits.
 *
 * Exactly once per person, action and meeting: the send key is made from the channel, the meeting, the
 * action and the person, not from the job, so a retried job, a duplicate worker, or a job made again
 * because the offset changed after asking, asks no one twice. The job first checks that it is still wanted
 * (the meeting not moved, the setting not changed); a stale one does nothing.
 */
import type { SendOnceDeps } from '../delivery/send-once';
import { sendOnce } from '../delivery/send-once';
import { type Action, type ChannelRef, channelId, type Owner } from '../domain';
import { formatLocalDate } from '../format-date';
import { checkInMailLead } from '../mail/action-mail';
import { type ActionMailer, actionMailFacts, mailKey, sendActionMailOnce } from '../mail/action-mail-send';
import { reminderRecipients } from '../reminders/deliver-reminder';
import { type ReminderWorkDeps, viewContext } from '../reminders/reminder-deps';
import { reminderMailWords, unreachableOwnersView } from '../reminders/reminder-view';
import { type ChannelContext, loadChannelContext } from '../service-deps';
import { type AskDeps, type AskOwner, askInDirectMessage } from './ask-owner';
import { checkinAt } from './checkin-time';
import { checkinHeading, checkinView } from './checkin-view';

/** What the check-in work needs: the reminder work's deps (ReminderWorkDeps) with check-in records fit. */
export interface CheckinWorkDeps extends AskDeps {
  defaultTimezone: string;
  holidays: ReminderWorkDeps['holidays'];
  log: ReminderWorkDeps['log'];
  /** How one person is asked; a direct message when left out. */
  askOwner?: AskOwner | undefined;
  /** Mail for email owners (SMTP_URL); without it they are named in the channel as unreachable. */
  mail?: ActionMailer | null | undefined;
}

export interface PlannedCheckin {
  channel: ChannelRef;
  /** The next meeting it was planned for, local `YYYY-MM-DD[THH:mm]`. */
  meeting: string;
  fireAt: Date;
}

export type CheckinOutcome =
  | { kind: 'stale' }
  | { kind: 'done'; asked: number; alreadyAsked: number; named: number };

/** The send key of one question: see the module comment for why it holds no job id. */
export function checkinSendKey(channel: ChannelRef, meeting: string, number: number, who: string): string {
  return `checkin:${channelId(channel)}:${meeting}:${number}:${who}`;
}

/** Whether the check-in planned for `planned` is still what the channel's facts ask for. */
function stillWanted(planned: PlannedCheckin, facts: ChannelContext): boolean {
  if (facts.meetings.next !== planned.meeting) return false;
  return checkinAt(facts.meetings.next, facts)?.getTime() === planned.fireAt.getTime();
}

/** Asks every owner of every open action; throws the first failure after trying them all (the job retries). */
export async function sendCheckins(deps: CheckinWorkDeps, planned: PlannedCheckin): Promise<CheckinOutcome> {
  const facts = await loadChannelContext(deps, planned.channel);
  if (!stillWanted(planned, facts)) return { kind: 'stale' };
  const open = await deps.store.list(planned.channel, 'open');
  const outcome = { kind: 'done' as const, asked: 0, alreadyAsked: 0, named: 0 };
  const failures: unknown[] = [];
  for (const action of open) {
    try {
      const tally = await askAboutAction(deps, action, facts, planned.meeting);
      outcome.asked += tally.asked;
      outcome.alreadyAsked += tally.alreadyAsked;
      outcome.named += tally.named;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return outcome;
}

/**
 * Asks the action's email people by mail (the reminder mail's template with the check-in's lead line and
 * the link to the action's page, where they answer), once each per meeting, recording each as asked so
 * matters arising can show who has not answered. A mail refused for good makes its address unreachable.
 */
async function mailCheckins(
  deps: CheckinWorkDeps & { mail: ActionMailer },
  action: Action,
  ctx: ReturnType<typeof viewContext>,
  meeting: string,
  addresses: string[],
): Promise<{ asked: number; alreadyAsked: number; unreachable: Owner[]; failures: unknown[] }> {
  const words = reminderMailWords(action, ctx);
  const facts = await actionMailFacts(deps.mail, action, words.due, words.meetingTitle);
  const lead = checkInMailLead(action.number, formatLocalDate(meeting));
  const result = { asked: 0, alreadyAsked: 0, unreachable: [] as Owner[], failures: [] as unknown[] };
  for (const address of addresses) {
    const key = mailKey(checkinSendKey(action.channel, meeting, action.number, 'mail'), address);
    try {
      const sent = await sendActionMailOnce(deps, { what: 'checkin-mail', key, to: address, lead, facts });
      if (sent.message === null) {
        result.unreachable.push({ kind: 'email', address });
        continue;
      }
      await deps.checkins.recordAsked(action.channel, meeting, {
        number: action.number,
        userId: address,
        at: deps.clock.now().toISOString(),
      });
      if (sent.kind === 'posted') result.asked++;
      else result.alreadyAsked++;
    } catch (error) {
      result.failures.push(error);
    }
  }
  return result;
}

/** Asks the action's people; those nobody can reach are named in the channel, once. */
async function askAboutAction(
  deps: CheckinWorkDeps,
  action: Action,
  facts: ChannelContext,
  meeting: string,
): Promise<{ asked: number; alreadyAsked: number; named: number }> {
  const ask = deps.askOwner ?? askInDirectMessage;
  const ctx = viewContext(action, facts, deps.clock.now(), !!deps.mail);
  const view = checkinView(action, meeting, ctx);
  const { userIds, addresses, unmapped } = reminderRecipients(action.owners, facts.aliases, !!deps.mail);
  const unreachable: Owner[] = [...unmapped];
  const tally = { asked: 0, alreadyAsked: 0, named: 0 };
  const failures: unknown[] = [];
  if (deps.mail && addresses.length > 0) {
    const mailed = await mailCheckins({ ...deps, mail: deps.mail }, action, ctx, meeting, addresses);
    unreachable.push(...mailed.unreachable);
    failures.push(...mailed.failures);
    tally.asked += mailed.asked;
    tally.alreadyAsked += mailed.alreadyAsked;
  }
  for (const id of userIds) {
    const key = checkinSendKey(action.channel, meeting, action.number, id);
    try {
      const sent = await ask(deps, { action, person: { kind: 'user', id }, meeting, key, view });
      if (sent.kind !== 'already-sent' && sent.problem !== undefined)
        deps.log.warn(`Check-in of #${action.number} for ${id}: after posting:`, sent.problem);
      if (sent.message === null) unreachable.push({ kind: 'user', id });
      else if (sent.kind === 'posted') tally.asked++;
      else tally.alreadyAsked++;
    } catch (error) {
      failures.push(error);
    }
  }
  if (unreachable.length > 0) {
    const heading = checkinHeading(action, meeting);
    try {
      const named = await sendOnce(deps satisfies SendOnceDeps, {
        what: 'checkin-named',
        key: checkinSendKey(action.channel, meeting, action.number, 'channel'),
        to: { kind: 'channel', channel: action.channel },
        view: unreachableOwnersView(action, unreachable, { ...ctx, heading }),
      });
      if (named.kind === 'posted') tally.named += unreachable.length;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return tally;
}
