/**
 * The readable form of `arising import FILE --dry-run`: the meeting, then the actions grouped by agenda
 * item with owners, due date and reported status, so the minute-taker can check what would be imported.
 */
import type { ExtractedAction, ExtractedMinutes } from '../core/minutes/extracted-minutes';

const when = (value: string | null): string => (value ? value.replace('T', ' ') : 'not stated');

function itemHeading(action: ExtractedAction): string {
  if (action.agendaItem && action.agendaTitle) return `Item ${action.agendaItem} – ${action.agendaTitle}`;
  if (action.agendaItem) return `Item ${action.agendaItem}`;
  return action.agendaTitle ?? 'No agenda item';
}

function actionLines(action: ExtractedAction, n: number): string[] {
  const owners = action.owners.length > 0 ? action.owners.join(', ') : 'no owner stated';
  const details = [`owner: ${owners}`, `due: ${when(action.due)}`];
  if (action.status !== 'open') details.push(`status: ${action.status}`);
  return [`  ${n}. ${action.text}`, `     ${details.join(' · ')}`];
}

/** Plain text, one action per pair of lines, ending with a newline. */
export function formatMinutesSummary(minutes: ExtractedMinutes): string {
  const { meeting, actions } = minutes;
  const lines = [
    meeting.title ?? '(untitled meeting)',
    `Meeting: ${when(meeting.date)} · previous: ${when(meeting.previousMeeting)} · next: ${when(meeting.nextMeeting)}`,
    '',
  ];
  if (actions.length === 0) {
    lines.push('No actions found in this document. Nothing would be imported.');
    return `${lines.join('\n')}\n`;
  }
  const plural = actions.length === 1 ? 'action' : 'actions';
  lines.push(`${actions.length} ${plural} found (dry run: nothing stored).`);
  let heading: string | null = null;
  actions.forEach((action, i) => {
    const next = itemHeading(action);
    if (next !== heading) {
      lines.push('', next);
      heading = next;
    }
    lines.push(...actionLines(action, i + 1));
  });
  return `${lines.join('\n')}\n`;
}
