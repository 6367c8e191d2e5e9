/**
 * Local calendar dates and wall-clock times in an IANA zone, and the conversions between them and UTC
 * instants. A local date is the string `YYYY-MM-DD`; a local time is `HH:mm`. Calendar arithmetic on local
 * dates is done at UTC midnight, where every day has 24 hours, so it never depends on the zone of the
 * process running it or on a clocks change; zone conversions go through @date-fns/tz.
 */
import { tz, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';

/** A calendar date written `YYYY-MM-DD`, meaningful only together with a zone. */
export type LocalDate = string;
/** A wall-clock time written `HH:mm` (24-hour). */
export type LocalTime = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Year, month (1–12) and day of a valid local date; throws RangeError for anything else. */
export function splitLocalDate(localDate: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(localDate);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || !isCalendarDate(year, month, day)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(localDate)}`);
  }
  return { year, month, day };
}

/** True when year/month/day name a real day (so 31 February and month 13 are false). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a well-formed, real `YYYY-MM-DD`. */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** How many days the month has (28–31): day 0 of the next month is its last, so leap years are right. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds `YYYY-MM-DD` from parts, which must name a real day. */
export function makeLocalDate(year: number, month: number, day: number): LocalDate {
  if (!isCalendarDate(year, month, day)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Milliseconds of the UTC midnight that starts the date: plain day arithmetic, free of any zone. */
function utcMidnight(localDate: LocalDate): number {
  const { year, month, day } = splitLocalDate(localDate);
  return Date.UTC(year, month - 1, day);
}

/** The local date `n` calendar days after (or, negative, before) the given one. */
export function addCalendarDays(localDate: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be a whole number, not ${n}`);
  return new Date(utcMidnight(localDate) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** ISO weekday of a local date: 1 Monday … 7 Sunday. */
export function isoWeekday(localDate: LocalDate): number {
  return new Date(utcMidnight(localDate)).getUTCDay() || 7;
}

/** The Monday of the ISO week (Monday to Sunday) that holds the date. */
export function mondayOfWeek(localDate: LocalDate): LocalDate {
  return addCalendarDays(localDate, 1 - isoWeekday(localDate));
}

/** The first day of the month `months` months after (negative: before) the month that holds the date. */
export function firstOfMonthAfter(localDate: LocalDate, months: number): LocalDate {
  const { year, month } = splitLocalDate(localDate);
  const index = year * 12 + (month - 1) + months;
  return makeLocalDate(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The last calendar day of the month that holds the date. */
export function lastDayOfMonth(localDate: LocalDate): LocalDate {
  const { year, month } = splitLocalDate(localDate);
  return makeLocalDate(year, month, daysInMonth(year, month));
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  assertInstant(instant);
  const fast = dateFormatOf(timeZone);
  if (fast) {
    const parts = fast.formatToParts(instant);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const year = part('year');
    // Intl reckons dates before 1582 in the Julian calendar; date-fns, proleptic Gregorian.
    if (/^\d{4}$/.test(year) && year >= '1600' && part('era') === 'AD') {
      return `${year}-${part('month')}-${part('day')}`;
    }
  }
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/**
 * A cached Intl formatter of the zone's calendar date, or null where Intl does not know the zone (the
 * @date-fns/tz path then decides). Lists compute the local date of every action's due; building a TZDate
 * for each made that most of the time matters arising took (see docs/reliability.md, Performance).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat | null>();
function dateFormatOf(timeZone: string): Intl.DateTimeFormat | null {
  let cached = dateFormats.get(timeZone);
  if (cached === undefined) {
    try {
      cached = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        era: 'short',
      });
    } catch {
      cached = null;
    }
    if (dateFormats.size < 1000) dateFormats.set(timeZone, cached);
  }
  return cached;
}

/**
 * The local wall-clock time (`HH:mm`) of an instant in a zone. Like localDateOf, through a cached Intl
 * formatter (a reminder shows the due time; a TZDate for each cost as much as the rest of the message),
 * with the @date-fns/tz path for dates before 1600 and zones Intl does not know. Where the two differ at
 * all (local mean time before about 1920, whose offsets have seconds) this agrees with localDateOf.
 */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  assertInstant(instant);
  const fast = timeFormatOf(timeZone);
  if (fast) {
    const parts = fast.formatToParts(instant);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const year = part('year');
    if (/^\d{4}$/.test(year) && year >= '1600' && part('era') === 'AD') {
      return `${part('hour')}:${part('minute')}`;
    }
  }
  return format(instant, 'HH:mm', { in: tz(timeZone) });
}

/** A cached Intl formatter of the zone's wall-clock time (with the year and era, to tell when to trust it). */
const timeFormats = new Map<string, Intl.DateTimeFormat | null>();
function timeFormatOf(timeZone: string): Intl.DateTimeFormat | null {
  let cached = timeFormats.get(timeZone);
  if (cached === undefined) {
    try {
      cached = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        era: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      cached = null;
    }
    if (timeFormats.size < 1000) timeFormats.set(timeZone, cached);
  }
  return cached;
}

/** Hours and minutes of a valid `HH:mm` (00:00–23:59); throws RangeError for anything else. */
export function splitLocalTime(time: LocalTime): { hour: number; minute: number } {
  const m = LOCAL_TIME.exec(time);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 23 || minute > 59)
    throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(time)}`);
  return { hour, minute };
}

/** True for a well-formed `HH:mm` between 00:00 and 23:59. */
export function isLocalTime(value: string): boolean {
  const m = LOCAL_TIME.exec(value);
  return m !== null && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

/**
 * The UTC instant at which the zone's clocks show `date` `time`.
 *
 * Clocks changes make this a partial, ambiguous mapping, so it is resolved deterministically (the result
 * never depends on the zone of the process):
 * - In the spring gap the wall time does not exist (01:30 on 28 March 2027 in London). It is read with the
 *   offset in force before the change, which lands the same distance after the change: 02:30 BST. A due
 *   time there therefore moves forward by the length of the gap, never backward and never to NaN.
 * - In the autumn overlap the wall time happens twice (01:30 on 25 October 2026 in London). The first of
 *   the two is taken (01:30 BST), so a deadline is never silently an hour later than the earliest reading.
 */
export function localDateTimeToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const result = wallTimeToInstant(date, time, timeZone);
  if (instants.size >= MAX_INSTANTS) instants.clear();
  instants.set(key, result.getTime());
  return result;
}

/**
 * Instants already worked out, by zone, date and time. The mapping never changes (short of new zone data,
 * which needs a restart), and reminders ask for the same few: 09:00 on the next working days in each
 * channel's zone, seven or so zone lookups each time. Only valid inputs get here; cleared when full.
 */
const instants = new Map<string, number>();
const MAX_INSTANTS = 10_000;

function wallTimeToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const { year, month, day } = splitLocalDate(date);
  const { hour, minute } = splitLocalTime(time);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetBefore = tzOffset(timeZone, new Date(wallAsUtc - DAY_MS));
  const candidates = [
    offsetBefore,
    tzOffset(timeZone, new Date(wallAsUtc)),
    tzOffset(timeZone, new Date(wallAsUtc + DAY_MS)),
  ];
  const exact = candidates
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((ms) => tzOffset(timeZone, new Date(ms)) * MINUTE_MS === wallAsUtc - ms)
    .sort((a, b) => a - b);
  const result = new Date(exact[0] ?? wallAsUtc - offsetBefore * MINUTE_MS);
  assertInstant(result);
  return result;
}

/** Throws RangeError for an Invalid Date, so no NaN ever reaches a stored due date. */
export function assertInstant(instant: Date): void {
  if (!isValid(instant) || !Number.isFinite(instant.getTime())) {
    throw new RangeError('Invalid instant (NaN)');
  }
}

/** True when the IANA zone name is one the runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
