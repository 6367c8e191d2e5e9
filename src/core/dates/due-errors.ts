/**
 * The errors a due phrase can end in. Each quotes the user's words, says what was wrong and shows a form
 * that works, because the message is all the user sees (nothing is stored).
 */
import { UserError } from '../errors';
import { formatLocalDate } from '../format-date';
import type { LocalDate, LocalTime } from './local-date';

/** The forms every bad_date message offers. */
export const DATE_FORMS =
  'Try `31 July`, `31/07/2027`, `2027-07-31`, `next Friday`, `tomorrow 5pm` or `in 2 weeks`.';

/** How a meeting date is set, shown wherever `next meeting` cannot be used. */
export const SET_NEXT_MEETING = '`meeting next 13 Sep 2022 14:00`';

const MAX_QUOTED = 60;

/** The user's words as quoted back: one line, cut short when long. */
export function quoteWords(words: string): string {
  const line = words.replace(/\s+/g, ' ').trim();
  return `“${line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line}”`;
}

function describeLocal(date: LocalDate, time: LocalTime | null): string {
  return time === null
    ? `${formatLocalDate(date)} (the end of that working day, 17:00)`
    : formatLocalDate(`${date}T${time}`);
}

/** Words that are not a date, or an impossible one; `reason` says what in particular was wrong. */
export function badDate(words: string, reason: string | null = null): UserError {
  const why = reason === null ? '' : `: ${reason}`;
  return new UserError('bad_date', `I couldn't read ${quoteWords(words)} as a date${why}. ${DATE_FORMS}`);
}

/** A due moment that has already gone by. */
export function dateInPast(words: string, date: LocalDate, time: LocalTime | null): UserError {
  return new UserError(
    'date_in_past',
    `${quoteWords(words)} is ${describeLocal(date, time)}, which has already passed. ` +
      'Give a due date from now on, such as `tomorrow`, `next Friday` or `in 2 weeks`.',
  );
}

/** `next meeting` in a channel that has none set. */
export function noNextMeeting(words: string): UserError {
  return new UserError(
    'no_next_meeting',
    `You asked for ${quoteWords(words)}, but no next meeting is set for this channel. ` +
      `Set one with ${SET_NEXT_MEETING}, or give a date such as \`31 July\`.`,
  );
}

/** `next meeting` when the meeting the channel has recorded is already over. */
export function nextMeetingPassed(words: string, date: LocalDate, time: LocalTime | null): UserError {
  return new UserError(
    'date_in_past',
    `${quoteWords(words)} is ${describeLocal(date, time)}, the next meeting on record, which has already ` +
      `passed. Set the new one with ${SET_NEXT_MEETING}, or give a date such as \`31 July\`.`,
  );
}
