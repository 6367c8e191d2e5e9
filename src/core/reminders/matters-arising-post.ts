/**
 * What the matters-arising job does when it runs, decided in the core (jobs/matters-arising-job.ts only
 * reads its data and calls this). Two working days before the next meeting it posts the matters-arising
 * summary in the channel (when a composer is plugged in and has something to say), then reminds the owners
 * of what is still open to update it before the meeting. It first checks that it is still wanted (the
 * meeting not moved). The post is a keyed two-phase send (src/core/delivery/send-once.ts) and each owner's
 * nudge a keyed reminder, so a retried or recovered job never posts twice, and a worker that dies mid-post
 * never loses it.
 */
import { sendOnce } from '../delivery/send-once';
import type { Action, ChannelRef } from '../domain';
import { formatLocalDate } from '../format-date';
import { type ChannelContext, loadChannelContext } from '../service-deps';
import { deliverReminder } from './deliver-reminder';
import { mattersArisingAt } from './matters-arising-time';
import { type ReminderWorkDeps, viewContext } from './reminder-deps';
import { reminderMailWords, reminderView, unreachableOwnersView } from './reminder-view';

export type MattersArisingOutcome = { kind: 'stale' } | { kind: 'done'; posted: boolean; reminded: number[] };

/** One planned matters-arising post: the instant it was planned for, and its job's id (the send keys). */
export interface PlannedMattersArising {
  channel: ChannelRef;
  fireAt: Date;
  jobId: string;
}

/** The actions whose owners are asked to update them: the open actions of the current meeting (all open
 * actions when the channel has no current meeting). */
function actionsToUpdate(open: Action[], facts: ChannelContext): Action[] {
  const current = facts.meetings.current;
  return current ? open.filter((a) => a.meetingId === current.id) : open;
}

export async function postMattersArising(
  deps: ReminderWorkDeps,
  planned: PlannedMattersArising,
): Promise<MattersArisingOutcome> {
  const { channel, jobId } = planned;
  const facts = await loadChannelContext(deps, channel);
  const at = mattersArisingAt(facts.meetings.next, facts);
  if (!at || at.getTime() !== planned.fireAt.getTime()) return { kind: 'stale' };
  let posted = false;
  if (deps.composeMattersArising) {
    const view = await deps.composeMattersArising(channel);
    if (view) {
      const key = `matters-arising-post:${jobId}`;
      const outcome = await sendOnce(deps, {
        what: 'matters-arising',
        key,
        to: { kind: 'channel', channel },
        view,
      });
      posted = outcome.kind === 'posted';
    }
  } else {
    deps.log.warn('No matters-arising composer is plugged in; only the owners are reminded.');
  }
  const reminded = await remindOwners(deps, facts, jobId);
  return { kind: 'done', posted, reminded };
}

/** Nudges the owners of each action to update; throws the first failure after trying every action. */
async function remindOwners(deps: ReminderWorkDeps, facts: ChannelContext, jobId: string): Promise<number[]> {
  const open = await deps.store.list(facts.channel, 'open');
  const meeting = facts.meetings.next ? formatLocalDate(facts.meetings.next) : 'the next meeting';
  const reminded: number[] = [];
  const failures: unknown[] = [];
  for (const action of actionsToUpdate(open, facts)) {
    const ctx = {
      ...viewContext(action, facts, deps.clock.now(), Boolean(deps.mail)),
      heading: `📋 Matters arising on ${meeting}: please update #${action.number}`,
    };
    const views = {
      dm: reminderView(action, ctx),
      channel: (who: Action['owners']) => unreachableOwnersView(action, who, ctx),
      mail: reminderMailWords(action, ctx),
    };
    try {
      await deliverReminder(
        deps,
        action,
        facts.aliases,
        views,
        `matters-arising-dm:${jobId}:${action.number}`,
      );
      reminded.push(action.number);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return reminded;
}
