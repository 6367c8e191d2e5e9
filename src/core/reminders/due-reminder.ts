/**
 * What a reminder job does when it runs, decided in the core; the job (jobs/reminder-job.ts) only reads
 * its data and calls these.
 *
 * A reminder job is a promise made when the action was last planned. Before it sends, it checks that the
 * promise still holds: the action exists, is open, and its schedule (as it stands now: due date, offsets,
 * working days, next meeting) still has a reminder at exactly this instant. A stale job does nothing.
 * A plan always includes the first weekly reminder after the last offset one, so the chain of weekly
 * reminders goes on as each weekly one, once sent, plans the next.
 */
import type { Action, ChannelRef, MessageRef } from '../domain';
import { isOverdue } from '../list-filter';
import { loadActionContext, loadChannelContext } from '../service-deps';
import { type DeliveryReport, deliverReminder } from './deliver-reminder';
import { type ReminderReplanner, type ReminderWorkDeps, scheduleContext, viewContext } from './reminder-deps';
import { plannedAt } from './reminder-schedule';
import { reminderMailWords, reminderView, unreachableOwnersView } from './reminder-view';

export type ReminderOutcome =
  | { kind: 'sent'; report: DeliveryReport }
  | { kind: 'stale'; reason: 'missing' | 'closed' | 'rescheduled' };

export interface DueReminderDeps extends ReminderWorkDeps {
  scheduler: ReminderReplanner;
}

/** One planned reminder: the action, the instant it was planned for, and its job's id (the send key). */
export interface DueReminder {
  channel: ChannelRef;
  number: number;
  fireAt: Date;
  jobId: string;
}

/** The platform, team and channel of a log line about the action (src/app/logger.ts reads them). */
function channelFields(action: Action) {
  const { platform, team, channel } = action.channel;
  return { platform, team, channel };
}

/** Sends a due reminder to the action's owners, once each, then plans the next (weekly) one. */
export async function sendDueReminder(deps: DueReminderDeps, due: DueReminder): Promise<ReminderOutcome> {
  const { channel, number, fireAt, jobId } = due;
  // This job is running: it is no longer pending, and a re-plan must not try to cancel it. The action
  // and its channel's facts come in one read (the stale check below needs all of them).
  const [, { action, context: facts }] = await Promise.all([
    deps.ledger.forgetPendingJob(channel, number, jobId),
    loadActionContext(deps, channel, number),
  ]);
  if (!action) return { kind: 'stale', reason: 'missing' };
  if (action.state !== 'open') return { kind: 'stale', reason: 'closed' };
  const planned = plannedAt(action, scheduleContext(facts), fireAt);
  if (!planned) return { kind: 'stale', reason: 'rescheduled' };
  const ctx = viewContext(action, facts, deps.clock.now(), Boolean(deps.mail));
  const report = await deliverReminder(
    deps,
    action,
    facts.aliases,
    {
      dm: reminderView(action, ctx),
      channel: (who) => unreachableOwnersView(action, who, ctx),
      mail: reminderMailWords(action, ctx),
    },
    `reminder-sent:${jobId}`,
  );
  const where = { ...channelFields(action), action: action.number };
  for (const problem of report.problems) deps.log.warn(where, `Reminder ${jobId}: after sending,`, problem);
  // Every plan already holds the next weekly reminder, so only a weekly one has to plan the week after.
  if (planned.kind === 'weekly') await deps.scheduler.planAction(action, facts);
  if (isOverdue(action, ctx.now)) await announceOverdue(deps, action, facts.aliases);
  return { kind: 'sent', report };
}

/**
 * An overdue action's reminder tells the views that sort by it (the Slack Home tab shows overdue actions
 * first) that it changed: nothing in it did, but it is late now. It comes from its raiser, who is among
 * those concerned anyway. Every reminder after the due moment announces it again, which only publishes
 * the same views again (idempotent, as a retried job must be).
 */
async function announceOverdue(
  deps: DueReminderDeps,
  action: Action,
  aliases: Record<string, string[]>,
): Promise<void> {
  await deps.watchers?.changed({ before: action, after: action, by: action.raisedBy, aliases });
}

/**
 * Updates the reminder DMs already shown for a closed or dropped action so they say so and lose their
 * buttons. Updating is idempotent, so a retry simply updates again; each message is forgotten once done.
 * Returns how many were updated.
 */
export async function updateClosedReminders(
  deps: ReminderWorkDeps,
  channel: ChannelRef,
  number: number,
): Promise<number> {
  const action = await deps.store.get(channel, number);
  if (!action || action.state === 'open') return 0;
  const shown = await deps.ledger.remembered(channel, number);
  if (shown.length === 0) return 0;
  const facts = await loadChannelContext(deps, action.channel);
  const view = reminderView(action, viewContext(action, facts, deps.clock.now()));
  const updated: MessageRef[] = [];
  const failures: unknown[] = [];
  for (const message of shown) {
    try {
      await deps.messenger.update(action.channel, message, view);
      updated.push(message);
    } catch (error) {
      failures.push(error);
    }
  }
  await deps.ledger.forgetRemembered(channel, number, updated);
  if (failures.length > 0) throw failures[0];
  return updated.length;
}
