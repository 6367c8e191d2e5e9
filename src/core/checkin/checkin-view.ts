/**
 * The direct message that asks an owner, before a meeting, how one of their actions stands: the action,
 * its due date, and three ways to answer (Done, Add a note, New date), or a reply in its thread. Once the
 * action is closed the reminder ledger updates the message as it does a reminder's (reminder-view.ts), so
 * an old question never invites work that is finished.
 */
import type { Action } from '../domain';
import { formatLocalDate } from '../format-date';
import type { ReminderViewContext } from '../reminders/reminder-view';
import { type Block, type Button, text, type View } from '../view';
import { dueLabel, ownerSpans, taskSpans, taskWords } from '../views/action-card';
import { actionButtonValue } from '../views/button-value';

/** The words under the question: how a reply in its thread is read (reply-intent.ts). */
export const CHECKIN_REPLY_HINT =
  'Reply here: `done` closes it, `new date 20 Jan` (or `by 20 Jan`) moves it, anything else is kept as a progress note.';

export function checkinHeading(action: Action, meeting: string): string {
  return `📋 Before the meeting on ${formatLocalDate(meeting)}: how is #${action.number} going?`;
}

function checkinButtons(action: Action): Block {
  const value = actionButtonValue(action.channel, action.number);
  const buttons: Button[] = [
    { id: 'done', label: 'Done', value, style: 'primary' },
    { id: 'add-note', label: 'Add a note', value },
    { id: 'change-due', label: 'New date', value },
  ];
  return { kind: 'buttons', buttons };
}

/** The question about `action` before the meeting (local `YYYY-MM-DD[THH:mm]`). */
export function checkinView(action: Action, meeting: string, ctx: ReminderViewContext): View {
  const heading = checkinHeading(action, meeting);
  const fields: { label: string; spans: ReturnType<typeof ownerSpans> }[] = [
    { label: action.owners.length > 1 ? 'Owners' : 'Owner', spans: ownerSpans(action.owners) },
    { label: 'Due', spans: [text(dueLabel(action, ctx))] },
  ];
  if (ctx.meetingTitle) fields.push({ label: 'From', spans: [text(ctx.meetingTitle)] });
  const latest = action.notes.at(-1);
  const blocks: Block[] = [
    { kind: 'section', spans: [text(heading, { bold: true }), text('\n'), ...taskSpans(action)] },
    { kind: 'fields', fields },
  ];
  if (latest) blocks.push({ kind: 'context', spans: [text(`Latest note: ${latest.text}`)] });
  blocks.push({ kind: 'context', spans: [text(CHECKIN_REPLY_HINT)] });
  blocks.push(checkinButtons(action));
  return { text: `${heading} ${taskWords(action)}`, blocks, takesReplies: true };
}
