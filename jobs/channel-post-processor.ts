/**
 * Processors of the posts a channel gets by itself: the weekly overdue digest and the matters-arising
 * summary before a meeting. Each checks that it is still wanted (digest still on, meeting not moved), and
 * posts as a keyed two-phase send (src/core/delivery/send-once.ts), so a retried or recovered job never
 * posts twice, and a worker that dies mid-post never loses it.
 */

import { sendOnce } from '../src/core/delivery/send-once';
import { composeDigest } from '../src/core/digest/post-digest';
import type { Action, ChannelRef } from '../src/core/domain';
import { formatLocalDate } from '../src/core/format-date';
import { deliverReminder } from '../src/core/reminders/deliver-reminder';
import { mattersArisingAt } from '../src/core/reminders/matters-arising-time';
import { reminderView, unreachableOwnersView } from '../src/core/reminders/reminder-view';
import type { View } from '../src/core/view';
import { DigestJobSchema, MattersArisingJobSchema } from './job-data';
import { type ChannelFacts, type JobDeps, loadChannelFacts } from './job-deps';
import { viewContext } from './reminder-processor';

export type DigestOutcome = 'posted' | 'nothing-overdue' | 'off' | 'already-posted';

/** Posts a channel message once per key; false when an earlier run had posted it already. */
async function postOnce(
  deps: JobDeps,
  what: string,
  channel: ChannelRef,
  view: View,
  key: string,
): Promise<boolean> {
  const outcome = await sendOnce(deps, { what, key, to: { kind: 'channel', channel }, view });
  return outcome.kind === 'posted';
}

/** The weekly digest: posted in the channel only when something is overdue. */
export async function processDigest(raw: unknown, deps: JobDeps, jobId: string): Promise<DigestOutcome> {
  const { channel } = DigestJobSchema.parse(raw);
  const settings = await deps.store.getSettings(channel);
  if (!settings.digest) return 'off';
  const view = await composeDigest(deps, channel);
  if (!view) return 'nothing-overdue';
  const posted = await postOnce(deps, 'digest', channel, view, `digest-sent:${jobId}`);
  return posted ? 'posted' : 'already-posted';
}

export type MattersArisingOutcome = { kind: 'stale' } | { kind: 'done'; posted: boolean; reminded: number[] };

/** The actions whose owners are asked to update them: the open actions of the current meeting (all open
 * actions when the channel has no current meeting). */
function actionsToUpdate(open: Action[], facts: ChannelFacts): Action[] {
  const current = facts.meetings.current;
  return current ? open.filter((a) => a.meetingId === current.id) : open;
}

/**
 * Two working days before the next meeting: posts the matters-arising summary in the channel (when a
 * composer is plugged in and has something to say), then reminds the owners of what is still open to
 * update it before the meeting.
 */
export async function processMattersArising(
  raw: unknown,
  deps: JobDeps,
  jobId: string,
): Promise<MattersArisingOutcome> {
  const data = MattersArisingJobSchema.parse(raw);
  const facts = await loadChannelFacts(deps, data.channel);
  const at = mattersArisingAt(facts.meetings.next, facts);
  if (!at || at.getTime() !== Date.parse(data.fireAt)) return { kind: 'stale' };
  let posted = false;
  if (deps.composeMattersArising) {
    const view = await deps.composeMattersArising(data.channel);
    if (view) {
      posted = await postOnce(deps, 'matters-arising', data.channel, view, `matters-arising-post:${jobId}`);
    }
  } else {
    deps.log.warn('No matters-arising composer is plugged in; only the owners are reminded.');
  }
  const open = await deps.store.list(data.channel, 'open');
  const meeting = facts.meetings.next ? formatLocalDate(facts.meetings.next) : 'the next meeting';
  const reminded: number[] = [];
  const failures: unknown[] = [];
  for (const action of actionsToUpdate(open, facts)) {
    const ctx = {
      ...viewContext(action, facts, deps.clock.now()),
      heading: `📋 Matters arising on ${meeting}: please update #${action.number}`,
    };
    const views = {
      dm: reminderView(action, ctx),
      channel: (who: Action['owners']) => unreachableOwnersView(action, who, ctx),
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
  return { kind: 'done', posted, reminded };
}
