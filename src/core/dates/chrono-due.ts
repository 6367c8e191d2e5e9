/**
 * Turns what chrono read (a `Reading`) into a local due date by the rules of due dates: the year chosen
 * when none was written, the weekday meant by `Friday` and `next Friday`, the day of a bare time, and the
 * checks chrono does not make (a real calendar day, a weekday that agrees with the date).
 */
import { type Reading, readPhrase } from './chrono-reading';
import { type DueClock, isPast, type LocalDue } from './due-clock';
import { badDate } from './due-errors';
import { explainImpossible, MAX_YEAR, monthName, WEEKDAY_NAMES } from './due-words';
import {
  addCalendarDays,
  daysInMonth,
  isCalendarDate,
  isoWeekday,
  type LocalDate,
  type LocalTime,
  makeLocalDate,
  mondayOfWeek,
  splitLocalDate,
} from './local-date';

/** How many years ahead `29 February` (no year) may look for a leap year. */
const LEAP_SEARCH_YEARS = 8;

const weekdayName = (iso: number): string => {
  const name = WEEKDAY_NAMES[iso - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The year for a date written without one: the next such day on or after today. */
function nextOccurrenceYear(month: number, day: number, today: LocalDate): number | null {
  const thisYear = splitLocalDate(today).year;
  for (let year = thisYear; year <= thisYear + LEAP_SEARCH_YEARS; year++) {
    if (isCalendarDate(year, month, day) && makeLocalDate(year, month, day) >= today) return year;
  }
  return null;
}

function dateReading(words: string, r: Extract<Reading, { kind: 'date' }>, clock: DueClock): LocalDue {
  const year = r.year ?? nextOccurrenceYear(r.month, r.day, clock.today);
  if (year === null || !isCalendarDate(year, r.month, r.day)) {
    throw badDate(words, explainImpossible(words) ?? `there is no ${r.day} ${monthName(r.month)}`);
  }
  if (year > MAX_YEAR) throw badDate(words, `dates after ${MAX_YEAR} are not accepted`);
  const date = makeLocalDate(year, r.month, r.day);
  if (r.weekday !== null && r.weekday !== isoWeekday(date)) {
    const actual = weekdayName(isoWeekday(date));
    const written = `${r.day} ${monthName(r.month)} ${year}`;
    throw badDate(words, `${written} is a ${actual}, not a ${weekdayName(r.weekday)}`);
  }
  return { date, time: r.time };
}

function weekdayReading(r: Extract<Reading, { kind: 'weekday' }>, clock: DueClock): LocalDue {
  const today = clock.today;
  if (r.mode === 'next') {
    return { date: addCalendarDays(mondayOfWeek(today), 7 + r.weekday - 1), time: r.time };
  }
  if (r.mode === 'last') {
    const back = (isoWeekday(today) - r.weekday + 7) % 7 || 7;
    return { date: addCalendarDays(today, -back), time: r.time };
  }
  const coming: LocalDue = {
    date: addCalendarDays(today, (r.weekday - isoWeekday(today) + 7) % 7),
    time: r.time,
  };
  return coming.date === today && isPast(coming, clock)
    ? { date: addCalendarDays(today, 7), time: r.time }
    : coming;
}

/**
 * `29 Feb` or `29/02` written without a year: chrono checks the day against this year and gives up, so
 * the words are read again with the next leap year written in.
 */
const LEAP_DAY: readonly [RegExp, string][] = [
  [/\b(29(?:th)?\s+(?:of\s+)?feb(?:ruary)?\b\.?)(?!\s*,?\s*\d)/i, ' '],
  [/\b(29[/.]0?2)\b(?![/.]\d)/, '/'],
];

function readLeapDay(words: string, clock: DueClock): Reading | null {
  const year = nextOccurrenceYear(2, 29, clock.today);
  for (const [pattern, separator] of LEAP_DAY) {
    const m = pattern.exec(words);
    if (!m?.[1] || year === null) continue;
    const end = m.index + m[1].length;
    return readPhrase(
      `${words.slice(0, end)}${separator}${year}${words.slice(end)}`,
      clock.today,
      clock.nowTime,
    );
  }
  return null;
}

function timeReading(time: LocalTime, clock: DueClock): LocalDue {
  const today: LocalDue = { date: clock.today, time };
  return isPast(today, clock) ? { date: addCalendarDays(clock.today, 1), time } : today;
}

/**
 * The local due date the (tidied) words give, read by chrono. Throws `bad_date` for words it cannot
 * read in full or that name no real day; the caller checks the moment is not past.
 */
export function chronoReading(words: string, clock: DueClock): LocalDue {
  const reading = readLeapDay(words, clock) ?? readPhrase(words, clock.today, clock.nowTime);
  switch (reading.kind) {
    case 'date':
      return dateReading(words, reading, clock);
    case 'weekday':
      return weekdayReading(reading, clock);
    case 'time':
      return timeReading(reading.time, clock);
    case 'month-only': {
      const name = monthName(reading.month);
      const last = daysInMonth(2027, reading.month);
      throw badDate(words, `say which day of ${name}, such as \`${last} ${name}\` or \`end of ${name}\``);
    }
    case 'unreadable':
      throw badDate(words, reading.reason ?? explainImpossible(words));
  }
}
