/**
 * Check-in answers, read from the changes of actions: whatever way an asked owner answers (Done, Add a
 * note or New date under the question, a reply in its thread, a command, the console), the core announces
 * the change (action-watch.ts), and this records it against the channel's check-in round when that round
 * asked this person about this action. Listening to changes, rather than to each way of answering, means
 * no way of answering is missed.
 */
import type { ActionChange, ActionChangeListener } from '../action-watch';
import type { Action } from '../domain';
import type { CheckinAnswer, CheckinStore } from './checkin-store';

function dueValue(action: Action): string | null {
  const due = action.due;
  if (!due) return null;
  return due.time ? `${due.date}T${due.time}` : due.date;
}

/** What the change answers, or null when it is no answer (a new action, a reassignment, a drop). */
export function answerOf(change: ActionChange): Omit<CheckinAnswer, 'at'> | null {
  const { before, after, by } = change;
  if (!before) return null;
  const base = { number: after.number, by };
  if (before.state === 'open' && after.state === 'done') {
    return { ...base, kind: 'done', text: after.closeNote };
  }
  if (after.notes.length > before.notes.length) {
    return { ...base, kind: 'note', text: after.notes.at(-1)?.text ?? null };
  }
  if (after.state === 'open' && before.due?.at !== after.due?.at) {
    return { ...base, kind: 'new-date', text: dueValue(after) };
  }
  return null;
}

/** The listener the composition root registers with the action watchers. */
export function recordCheckinAnswers(checkins: CheckinStore): ActionChangeListener {
  return async (change) => {
    const answer = answerOf(change);
    if (!answer) return;
    await checkins.recordAnswer(change.after.channel, { ...answer, at: change.after.updatedAt });
  };
}
