/**
 * How dates are written back to users (English, British order): `Fri 31 Jul`, `Fri 31 Jul 2027, 14:00`.
 * A due date is formatted from its UTC instant in the zone of whoever is looking, so a channel that
 * changes its zone sees due times in its own local time rather than the zone they were typed in.
 */
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import {
  calendarDaysBetween,
  isLocalDate,
  isoWeekday,
  type LocalDate,
  localDateOf,
  localTimeOf,
  splitLocalDate,
  splitLocalTime,
} from './dates/local-date';
import type { Due } from './domain';

/**
 * `Fri 31 Jul`; the year is added when the due date's local year is not the current local year
 * (`Fri 31 Jul 2027`), and the time when one was set (`Fri 31 Jul, 14:00`). A due date without a time is
 * shown as a date only, although it falls due at 17:00.
 */
export function formatDue(due: Due, ctx: { now: Date; timezone: string }): string {
  const at = new Date(due.at);
  // From the local date and time (cached Intl formatters) rather than three date-fns formats of TZDates:
  // every reminder and card shows a due date, and those made up most of the cost of building one.
  const date = localDateOf(at, ctx.timezone);
  if (!isLocalDate(date)) return formatDueWithDateFns(due, at, ctx);
  const { year, month, day } = splitLocalDate(date);
  const sameYear = date.slice(0, 4) === localDateOf(ctx.now, ctx.timezone).slice(0, 4);
  const when = `${WEEKDAYS[isoWeekday(date) - 1]} ${day} ${MONTHS[month - 1]}`;
  const time = due.time === null ? '' : `, ${localTimeOf(at, ctx.timezone)}`;
  return `${when}${sameYear ? '' : ` ${String(year).padStart(4, '0')}`}${time}`;
}

/** date-fns's English `EEE` and `MMM`, as formatDue has always written them. */
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** formatDue for a local date outside `YYYY-MM-DD` (a year past 9999): date-fns writes whatever it is. */
function formatDueWithDateFns(due: Due, at: Date, ctx: { now: Date; timezone: string }): string {
  const zone = tz(ctx.timezone);
  const sameYear = format(at, 'yyyy', { in: zone }) === format(ctx.now, 'yyyy', { in: zone });
  const pattern = `EEE d MMM${sameYear ? '' : ' yyyy'}${due.time === null ? '' : ', HH:mm'}`;
  return format(at, pattern, { in: zone });
}

/**
 * Whole local calendar days the due date is late: 0 while it is not yet due, and also 0 on the due day
 * itself after the due time (late, but not yet by a day); 1 from the next local midnight, and so on.
 * Counted in calendar days, not working days, so a weekend counts.
 */
export function overdueDays(due: Due, now: Date, timeZone: string): number {
  return overdueCounter(now, timeZone)(due);
}

/**
 * overdueDays for many due dates at one moment, for a list of them: the local date of `now` is worked out
 * once, and that of each due instant once however many actions share it. Matters arising counts the days
 * late of every open action, 6,000 in a large channel, and each local date costs an Intl call.
 */
export function overdueCounter(now: Date, timeZone: string): (due: Due) => number {
  let today: LocalDate | undefined;
  const dueDates = new Map<string, LocalDate>();
  return (due) => {
    const at = new Date(due.at);
    if (now.getTime() <= at.getTime()) return 0;
    let dueDate = dueDates.get(due.at);
    if (dueDate === undefined) {
      dueDate = localDateOf(at, timeZone);
      dueDates.set(due.at, dueDate);
    }
    today ??= localDateOf(now, timeZone);
    return Math.max(0, calendarDaysBetween(dueDate, today));
  };
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/;

/**
 * A meeting-style local date, always with its year: `2022-09-13` -> `Tue 13 Sep 2022`,
 * `2022-09-13T14:00` -> `Tue 13 Sep 2022, 14:00`. Throws RangeError for anything else.
 */
export function formatLocalDate(value: string): string {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m?.[1])
    throw new RangeError(`Not a local date (YYYY-MM-DD or YYYY-MM-DDTHH:mm): ${JSON.stringify(value)}`);
  const { year, month, day } = splitLocalDate(m[1]);
  const time = m[2] === undefined ? null : splitLocalTime(m[2]);
  const date = new TZDate(year, month - 1, day, time?.hour ?? 0, time?.minute ?? 0, 'UTC');
  return format(date, time === null ? 'EEE d MMM yyyy' : 'EEE d MMM yyyy, HH:mm');
}
