/**
 * What importing minutes will do, line by line, decided before anything is stored so the preview can say
 * it and the Import button can do exactly it (against a fresh read): store a new action, update an
 * existing one (a reported "done" closes it, a reported "ongoing" notes it), or nothing, because the
 * channel already records what the line says.
 *
 * Closing an existing action through an import follows the usual rule (permissions.ts): only its owners,
 * whoever raised it and the channel's chairs may, so minutes cannot close someone else's action on behalf
 * of a user who could not close it by hand. Such a line is shown as "would close #N, but only … may" and
 * changes nothing. A note needs no permission, as `note` needs none.
 */
import type { Action, ChannelSettings } from '../domain';
import { formatLocalDate } from '../format-date';
import type { ExtractedAction, ExtractedMinutes } from '../minutes/extracted-minutes';
import { mayModify } from '../permissions';
import { matchLines } from './import-matching';
import type { DefinedInitials } from './owner-names';

export type LineOutcome =
  | { kind: 'new' }
  | { kind: 'recorded'; number: number; closed: boolean }
  | { kind: 'close'; number: number }
  | { kind: 'note'; number: number; note: string }
  | { kind: 'blocked'; number: number };

export interface PlanContext {
  userId: string;
  aliases: Record<string, string[]>;
  settings: ChannelSettings;
  /** The meeting as history and notes name it (meetingLabel). */
  meeting: string;
  /** Initials the minutes define (ExtractedMinutes.initials), so "FE" matches Fred Eglington's alias. */
  initials?: DefinedInitials;
}

/** "Harbour Trust Board, Tue 3 Nov 2026", or "the minutes" when the document gives no date. */
export function meetingLabel(meeting: ExtractedMinutes['meeting']): string {
  if (!meeting.date) return meeting.title ? `the minutes of ${meeting.title}` : 'the minutes';
  return `${meeting.title ?? 'Meeting'}, ${formatLocalDate(meeting.date)}`;
}

/** The note and history text of an action closed because the minutes report it done. */
export function importCloseNote(meeting: string): string {
  return `Closed by import of ${meeting}`;
}

/** The note an action gets when the minutes report it still going on. */
export function importOngoingNote(meeting: string): string {
  return `Reported ongoing in ${meeting}`;
}

/** What a line does to the existing action it matched, as that action now stands. */
export function outcomeFor(line: ExtractedAction, action: Action, ctx: PlanContext): LineOutcome {
  const number = action.number;
  // A closed action stays closed: minutes reporting it open or ongoing are older news than the close.
  if (action.state !== 'open') return { kind: 'recorded', number, closed: true };
  if (line.status === 'done') {
    return mayModify(ctx.userId, action, ctx.aliases, ctx.settings)
      ? { kind: 'close', number }
      : { kind: 'blocked', number };
  }
  if (line.status === 'ongoing') {
    const note = importOngoingNote(ctx.meeting);
    return action.notes.some((n) => n.text === note)
      ? { kind: 'recorded', number, closed: false }
      : { kind: 'note', number, note };
  }
  return { kind: 'recorded', number, closed: false };
}

/** Each line's outcome against the channel's existing actions. */
export function planImport(
  lines: readonly ExtractedAction[],
  existing: readonly Action[],
  ctx: PlanContext,
): LineOutcome[] {
  const byNumber = new Map(existing.map((a) => [a.number, a]));
  return matchLines(lines, existing, ctx.aliases, ctx.initials).map((match, i) => {
    const action = match ? byNumber.get(match.number) : undefined;
    const line = lines[i];
    return action && line ? outcomeFor(line, action, ctx) : { kind: 'new' };
  });
}
