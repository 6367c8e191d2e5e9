/**
 * Working days over local dates. A channel's working week is its `workdays` (ISO weekdays, 1 Monday …
 * 7 Sunday; default Monday to Friday) less the public holidays its `isHoliday` reports. These helpers are
 * pure and zone-free: callers turn instants into local dates first (`localDateOf`), so the due-date
 * parser, the reminder scheduler and the digest all count the same days.
 */
import {
  addCalendarDays,
  isoWeekday,
  type LocalDate,
  lastDayOfMonth,
  makeLocalDate,
  mondayOfWeek,
  splitLocalDate,
} from './dates/local-date';

export {
  addCalendarDays,
  isoWeekday,
  type LocalDate,
  type LocalTime,
  localDateOf,
  localDateTimeToInstant,
  localTimeOf,
} from './dates/local-date';

/** Monday to Friday. */
export const DEFAULT_WORKDAYS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);

/** Reports whether a local date is a public holiday for the channel. */
export type HolidayTest = (localDate: LocalDate) => boolean;

/**
 * How far a search for a working day may run before giving up: ten years, far more than any real
 * calendar needs, but a channel with no working days at all (every day a holiday) must fail, not hang.
 */
const SEARCH_LIMIT_DAYS = 3660;

/** True when the date is one of the workdays and not a holiday. */
export function isWorkingDay(
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): boolean {
  return workdays.includes(isoWeekday(localDate)) && !isHoliday?.(localDate);
}

/**
 * Steps one calendar day at a time in `direction` from `localDate` (not counting it) until a working
 * day, and returns it.
 */
function stepToWorkingDay(
  localDate: LocalDate,
  direction: 1 | -1,
  workdays: readonly number[],
  isHoliday: HolidayTest | undefined,
): LocalDate {
  let date = localDate;
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
    date = addCalendarDays(date, direction);
    if (isWorkingDay(date, workdays, isHoliday)) return date;
  }
  throw new RangeError(`No working day within ${SEARCH_LIMIT_DAYS} days of ${localDate}`);
}

/**
 * The date `n` working days after `localDate` (before it when `n` is negative). The start date itself is
 * not counted, whether or not it is a working day: from Saturday, +1 is Monday and -1 is Friday; from
 * Wednesday, -2 is Monday. `n = 0` returns the date unchanged. Reminder offsets such as `-2d` use this.
 */
export function addWorkingDays(
  localDate: LocalDate,
  n: number,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, not ${n}`);
  const direction = n < 0 ? -1 : 1;
  let date = localDate;
  for (let left = Math.abs(n); left > 0; left--) {
    date = stepToWorkingDay(date, direction, workdays, isHoliday);
  }
  return date;
}

/** The date itself when it is a working day, else the next working day after it. */
export const workingDayOnOrAfter = (
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate =>
  isWorkingDay(localDate, workdays, isHoliday)
    ? localDate
    : stepToWorkingDay(localDate, 1, workdays, isHoliday);

/** The date itself when it is a working day, else the last working day before it. */
export const workingDayOnOrBefore = (
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate =>
  isWorkingDay(localDate, workdays, isHoliday)
    ? localDate
    : stepToWorkingDay(localDate, -1, workdays, isHoliday);

/**
 * The first working day met walking a day at a time from `start` to `end` (backwards when `end` is
 * earlier); when every day on the way is a non-working day (a week of holidays), `start` itself, so a
 * deadline still lands in the period named.
 */
function firstWorkingDayWalking(
  start: LocalDate,
  end: LocalDate,
  workdays: readonly number[],
  isHoliday: HolidayTest | undefined,
): LocalDate {
  const step = start <= end ? 1 : -1;
  for (let date = start; step > 0 ? date <= end : date >= end; date = addCalendarDays(date, step)) {
    if (isWorkingDay(date, workdays, isHoliday)) return date;
  }
  return start;
}

/**
 * The last working day of the month that holds `localDate` (what `end of month` means). When the whole
 * month is non-working, its last calendar day.
 */
export function lastWorkingDayOfMonth(
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate {
  const { year, month } = splitLocalDate(localDate);
  return firstWorkingDayWalking(
    lastDayOfMonth(localDate),
    makeLocalDate(year, month, 1),
    workdays,
    isHoliday,
  );
}

/**
 * The last working day of the ISO week (Monday to Sunday) that holds `localDate` (what `end of week`
 * means). When the whole week is non-working, its Sunday.
 */
export function lastWorkingDayOfWeek(
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate {
  const monday = mondayOfWeek(localDate);
  return firstWorkingDayWalking(addCalendarDays(monday, 6), monday, workdays, isHoliday);
}

/**
 * The first working day of the ISO week that holds `localDate` (what `next week` means, applied to next
 * week). When the whole week is non-working, its Monday.
 */
export function firstWorkingDayOfWeek(
  localDate: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): LocalDate {
  const monday = mondayOfWeek(localDate);
  return firstWorkingDayWalking(monday, addCalendarDays(monday, 6), workdays, isHoliday);
}

/**
 * How many working days lie between two dates, counted as `addWorkingDays` steps: the day landed on
 * counts, the day started from does not. Forward that is (from, to]; backward it is [to, from) and the
 * result is negative. So `workingDaysBetween(d, addWorkingDays(d, n)) === n` whenever n is not 0.
 */
export function workingDaysBetween(
  from: LocalDate,
  to: LocalDate,
  workdays: readonly number[] = DEFAULT_WORKDAYS,
  isHoliday?: HolidayTest,
): number {
  const forward = from <= to;
  const [first, last] = forward ? [addCalendarDays(from, 1), to] : [to, addCalendarDays(from, -1)];
  let count = 0;
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date, workdays, isHoliday)) count++;
  }
  return forward || count === 0 ? count : -count;
}
