/**
 * Due phrases that name the end or start of a period rather than a day: `end of week`, `end of month`,
 * `end of July`, `end of year`, `next week`, `end of day`. chrono reads some of these as calendar days
 * (the 30th, not the last working day), so they are recognised here first, by their whole wording, and
 * counted in the channel's working days. Each may carry a time after it (`end of month 12:00`).
 */
import {
  firstWorkingDayOfWeek,
  type HolidayTest,
  lastWorkingDayOfMonth,
  lastWorkingDayOfWeek,
} from '../working-days';
import { monthOfWord } from './due-words';
import {
  addCalendarDays,
  firstOfMonthAfter,
  type LocalDate,
  makeLocalDate,
  splitLocalDate,
} from './local-date';

/** The channel's calendar at the moment a phrase is read. */
export interface Calendar {
  today: LocalDate;
  workdays: readonly number[];
  isHoliday?: HolidayTest;
}

interface PeriodPhrase {
  /** Whole wording, lower case, without the optional time; named groups `month` and `year` when used. */
  pattern: string;
  /** The due date `k` periods after the one the words name (k = 0 is the one named). */
  dateAt: (cal: Calendar, k: number, groups: Record<string, string | undefined>) => LocalDate | null;
  /**
   * Whether a period whose due moment has passed means the following one: `end of week` said on Saturday
   * is next Friday. Phrases that name one fixed day (`end of day`) do not roll; they are simply past.
   */
  rolls: boolean;
}

const THE = '(?:the )?';
const THIS = '(?:the |this )?';

function endOfMonthIn(cal: Calendar, firstOfMonth: LocalDate): LocalDate {
  return lastWorkingDayOfMonth(firstOfMonth, cal.workdays, cal.isHoliday);
}

function endOfNamedMonth(
  cal: Calendar,
  k: number,
  groups: Record<string, string | undefined>,
): LocalDate | null {
  const month = monthOfWord(groups.month ?? '', true);
  if (month === null) return null;
  const today = splitLocalDate(cal.today);
  const firstYear = groups.year ? Number(groups.year) : month >= today.month ? today.year : today.year + 1;
  return endOfMonthIn(cal, makeLocalDate(firstYear + k, month, 1));
}

const PERIOD_PHRASES: readonly PeriodPhrase[] = [
  {
    pattern: `${THE}end of ${THIS}week`,
    dateAt: (cal, k) => lastWorkingDayOfWeek(addCalendarDays(cal.today, 7 * k), cal.workdays, cal.isHoliday),
    rolls: true,
  },
  {
    pattern: `${THE}end of next week`,
    dateAt: (cal, k) =>
      lastWorkingDayOfWeek(addCalendarDays(cal.today, 7 * (k + 1)), cal.workdays, cal.isHoliday),
    rolls: false,
  },
  {
    pattern: `${THE}end of ${THIS}month`,
    dateAt: (cal, k) => endOfMonthIn(cal, firstOfMonthAfter(cal.today, k)),
    rolls: true,
  },
  {
    pattern: `${THE}end of next month`,
    dateAt: (cal, k) => endOfMonthIn(cal, firstOfMonthAfter(cal.today, k + 1)),
    rolls: false,
  },
  {
    pattern: `${THE}end of ${THIS}year`,
    dateAt: (cal, k) => endOfMonthIn(cal, makeLocalDate(splitLocalDate(cal.today).year + k, 12, 1)),
    rolls: true,
  },
  {
    pattern: `${THE}end of next year`,
    dateAt: (cal, k) => endOfMonthIn(cal, makeLocalDate(splitLocalDate(cal.today).year + 1 + k, 12, 1)),
    rolls: false,
  },
  {
    pattern: `${THE}end of (?<month>[a-z]+)(?: (?<year>\\d{4}))?`,
    dateAt: endOfNamedMonth,
    rolls: true,
  },
  {
    pattern: `next week`,
    dateAt: (cal, k) =>
      firstWorkingDayOfWeek(addCalendarDays(cal.today, 7 * (k + 1)), cal.workdays, cal.isHoliday),
    rolls: false,
  },
  {
    pattern: `(?:${THE}end of ${THE}(?:day|today|play|business)|eod|cob|close of (?:play|business))`,
    dateAt: (cal, k) => addCalendarDays(cal.today, k),
    rolls: false,
  },
];

export interface PeriodMatch {
  /** The due date of the named period (k = 0) or of a later one, for rolling past a period gone by. */
  dateAt: (k: number) => LocalDate | null;
  rolls: boolean;
  /** Words after the period, which must be a time (`12:00`, `at 5pm`); '' when none. */
  timeWords: string;
}

/** Recognises a period phrase (tidied, any case); null when the words are something else. */
export function matchPeriodPhrase(text: string, cal: Calendar): PeriodMatch | null {
  const lower = text.toLowerCase();
  for (const phrase of PERIOD_PHRASES) {
    const m = new RegExp(`^${phrase.pattern}(?:,? (?<rest>.+))?$`).exec(lower);
    if (!m) continue;
    const groups = m.groups ?? {};
    if (phrase.dateAt(cal, 0, groups) === null) continue;
    return {
      dateAt: (k) => phrase.dateAt(cal, k, groups),
      rolls: phrase.rolls,
      timeWords: groups.rest ?? '',
    };
  }
  return null;
}
