/**
 * Reads the date (and optional time) of a meeting. Unlike a due date it may lie in the past (minutes are
 * often entered after the meeting), so a date without a year is taken as the nearest such date; `meeting
 * next` takes only dates from today on.
 */
import { readPhrase } from './dates/chrono-reading';
import { badDate } from './dates/due-errors';
import { MAX_YEAR, tidyPhrase } from './dates/due-words';
import {
  addCalendarDays,
  isCalendarDate,
  isoWeekday,
  localDateOf,
  localTimeOf,
  makeLocalDate,
} from './dates/local-date';
import { UserError } from './errors';

export type MeetingDateMode = 'nearest' | 'future';

/** Local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
export function parseMeetingDate(
  phrase: string,
  ctx: { now: Date; timezone: string },
  mode: MeetingDateMode,
): string {
  const words = tidyPhrase(phrase);
  const today = localDateOf(ctx.now, ctx.timezone);
  const reading = readPhrase(words, today, localTimeOf(ctx.now, ctx.timezone));
  let date: string;
  let time: string | null = null;
  if (reading.kind === 'date') {
    const year = reading.year ?? chooseYear(reading.month, reading.day, today, mode);
    if (year > MAX_YEAR || !isCalendarDate(year, reading.month, reading.day)) throw badDate(words);
    date = makeLocalDate(year, reading.month, reading.day);
    time = reading.time;
  } else if (reading.kind === 'weekday') {
    const ahead = (reading.weekday - isoWeekday(today) + 7) % 7;
    const offset = reading.mode === 'last' ? ahead - 7 : reading.mode === 'next' && ahead === 0 ? 7 : ahead;
    date = addCalendarDays(today, offset);
    time = reading.time;
  } else {
    throw badDate(words, reading.kind === 'unreadable' ? reading.reason : null);
  }
  if (mode === 'future' && date < today) {
    throw new UserError(
      'date_in_past',
      `The next meeting can't be in the past: “${words}” is ${date}. Try \`meeting next 13 Sep 2027 14:00\`.`,
    );
  }
  return time ? `${date}T${time}` : date;
}

/** The year that puts day/month nearest to today (or on/after today for a future meeting). */
function chooseYear(month: number, day: number, today: string, mode: MeetingDateMode): number {
  const thisYear = Number(today.slice(0, 4));
  const candidates = [thisYear - 1, thisYear, thisYear + 1].filter((y) => isCalendarDate(y, month, day));
  const dated = candidates.map((y) => ({ y, d: makeLocalDate(y, month, day) }));
  if (mode === 'future') return dated.find((c) => c.d >= today)?.y ?? thisYear + 1;
  const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(today));
  dated.sort((a, b) => distance(a.d) - distance(b.d));
  return dated[0]?.y ?? thisYear;
}
