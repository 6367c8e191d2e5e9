/**
 * Due dates as people type them (`31 July`, `31/07/2027`, `Friday 5pm`, `end of month`, `next meeting`)
 * turned into a `Due`: a UTC instant plus the local date and time in the channel's zone.
 *
 * The meaning of the words, in short (each rule is British, day-first, and relative to `ctx.now` in
 * `ctx.timezone`):
 * - A date without a time falls due at the END OF THAT WORKING DAY, 17:00 local; `time` is then null.
 * - No year (`31 July`, `31/07`): the next such date on or after today (31 July said in November is next
 *   year's). A date that is today but whose due moment has passed is an error, not next year.
 * - A weekday (`Friday`, `this Friday`): the coming one, today included until its due moment passes
 *   (then a week on). `next Friday` is the Friday of next week (Monday to Sunday), so said on a Saturday
 *   it is six days on and said on a Monday eleven. `Friday next week` means the same.
 * - A time alone (`5pm`, `noon`): today at that time, or tomorrow once it has passed.
 * - `in 3 days`, `in 2 weeks`: calendar days on from today, at 17:00 local (which stays 17:00 across a
 *   clocks change; only the UTC offset moves).
 * - `end of week` / `end of month` / `end of year` / `end of July`: the last working day of that period
 *   (per `workdays` and `isHoliday`); once that moment has passed, the same end of the following period.
 *   `end of next week` / `end of next month` likewise for the period after this one.
 * - `next week`: the first working day of next week (normally Monday), at 17:00: "by next week" is read as
 *   "before next week gets going", the earliest sensible reading, so nothing is later than meant.
 * - `end of day` / `eod` / `cob`: today at 17:00.
 * - `next meeting`: the channel's next meeting (at its time, or 17:00 that day), flagged `nextMeeting`.
 * - A time in the spring clocks-change gap (01:30 on 28 March 2027 in London does not exist) moves forward
 *   by the gap (02:30 BST); in the autumn overlap the first of the two readings is taken.
 * Anything else (words that are no date, impossible dates such as `31 February` or `25:00`, words left
 * over, years after 2100, moments already past) is a UserError that quotes the words.
 */
import { chronoReading } from './dates/chrono-due';
import { readPhrase } from './dates/chrono-reading';
import { type DueClock, dueInstant, isPast, type LocalDue } from './dates/due-clock';
import { badDate, dateInPast, nextMeetingPassed, noNextMeeting } from './dates/due-errors';
import { looksLikeDate, MAX_YEAR, tidyPhrase } from './dates/due-words';
import {
  assertInstant,
  isLocalDate,
  isLocalTime,
  isTimeZone,
  type LocalTime,
  localDateOf,
  localTimeOf,
  splitLocalDate,
} from './dates/local-date';
import { matchPeriodPhrase } from './dates/period-phrases';
import type { Due } from './domain';
import { DEFAULT_WORKDAYS, type HolidayTest } from './working-days';

export { END_OF_WORKING_DAY } from './dates/due-clock';
export { looksLikeDate } from './dates/due-words';

export interface DueContext {
  now: Date;
  /** The channel's IANA zone. */
  timezone: string;
  /** ISO weekdays 1 (Monday) … 7 (Sunday); default Monday to Friday. */
  workdays?: readonly number[];
  isHoliday?: HolidayTest;
  /** The channel's next meeting: local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, or null when none is set. */
  nextMeeting?: string | null;
}

/** Longer than any date anyone types; longer input is refused before any parsing. */
const MAX_PHRASE_LENGTH = 100;

const NEXT_MEETING = /^(?:at |before |for |by )?(?:the )?next meeting$/i;
const MEETING_DATE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/;

/**
 * Reads a due phrase (a leading `by` is ignored). Throws UserError `bad_date`, `date_in_past` or
 * `no_next_meeting`, each quoting the words; throws RangeError for an unknown zone (a bug, not a user
 * mistake: zones are validated when they are set).
 */
export function parseDue(phrase: string, ctx: DueContext): Due {
  if (!isTimeZone(ctx.timezone)) throw new RangeError(`Unknown time zone: ${ctx.timezone}`);
  assertInstant(ctx.now);
  const words = tidyPhrase(phrase);
  if (words === '') throw badDate(phrase.trim(), 'no date was given');
  if (words.length > MAX_PHRASE_LENGTH) throw badDate(words, 'that is too long to be a date');
  const clock: DueClock = {
    now: ctx.now,
    timezone: ctx.timezone,
    today: localDateOf(ctx.now, ctx.timezone),
    nowTime: localTimeOf(ctx.now, ctx.timezone),
    workdays: ctx.workdays ?? DEFAULT_WORKDAYS,
    ...(ctx.isHoliday ? { isHoliday: ctx.isHoliday } : {}),
  };
  if (NEXT_MEETING.test(words)) return nextMeetingDue(words, ctx.nextMeeting ?? null, clock);
  if (!looksLikeDate(words)) throw badDate(words);
  const local = readPeriod(words, clock) ?? chronoReading(words, clock);
  const due = toDue(words, local, clock, false);
  if (new Date(due.at).getTime() <= clock.now.getTime()) throw dateInPast(words, due.date, due.time);
  return due;
}

/**
 * The Due for a local date and time in the clock's zone. `date` and `time` are re-read from the instant,
 * so a time in the spring gap is shown as the time it really is (02:30, not 01:30).
 */
function toDue(words: string, local: LocalDue, clock: DueClock, nextMeeting: boolean): Due {
  if (splitLocalDate(local.date).year > MAX_YEAR)
    throw badDate(words, `dates after ${MAX_YEAR} are not accepted`);
  const at = dueInstant(local, clock.timezone);
  assertInstant(at);
  return {
    at: at.toISOString(),
    date: localDateOf(at, clock.timezone),
    time: local.time === null ? null : localTimeOf(at, clock.timezone),
    nextMeeting,
  };
}

function nextMeetingDue(words: string, nextMeeting: string | null, clock: DueClock): Due {
  const m = nextMeeting === null ? null : MEETING_DATE.exec(nextMeeting);
  // A malformed stored date is treated as none set: the fix for the user is the same, `meeting next …`.
  if (!m?.[1] || !isLocalDate(m[1]) || (m[2] !== undefined && !isLocalTime(m[2]))) throw noNextMeeting(words);
  const local: LocalDue = { date: m[1], time: m[2] ?? null };
  const due = toDue(words, local, clock, true);
  if (new Date(due.at).getTime() <= clock.now.getTime()) throw nextMeetingPassed(words, due.date, due.time);
  return due;
}

/** A period phrase (`end of month 12:00`), rolled on to the next period when this one is over. */
function readPeriod(words: string, clock: DueClock): LocalDue | null {
  const match = matchPeriodPhrase(words, clock);
  if (!match) return null;
  let time: LocalTime | null = null;
  if (match.timeWords !== '') {
    const reading = readPhrase(match.timeWords.replace(/^at /, ''), clock.today, clock.nowTime);
    if (reading.kind !== 'time') throw badDate(words);
    time = reading.time;
  }
  const first = match.dateAt(0);
  if (first === null) throw badDate(words);
  const local = { date: first, time };
  const next = match.rolls && isPast(local, clock) ? match.dateAt(1) : null;
  return next === null ? local : { date: next, time };
}
