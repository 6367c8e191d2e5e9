/**
 * The words of due dates, independent of any parser: tidying a phrase before it is read, telling whether
 * words are trying to be a date at all (so `provided by WYP` stays part of a task), and explaining why
 * an impossible date (`31 February`, `25:00`) cannot be read, for the error the user sees.
 */
import { daysInMonth, isCalendarDate } from './local-date';

/** Full English month names, January first. */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Full English weekday names, ISO order (Monday is 1). */
export const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/** The latest year a due date may fall in; later ones are typing mistakes, not plans. */
export const MAX_YEAR = 2100;

const MONTH_PREFIX = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*';
const WEEKDAY_PREFIX = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';

/**
 * The month (1–12) a word names: a full name, a three-letter abbreviation, `sept`, or (unless `strict`)
 * a near miss that starts like one (`febuary`), because near misses matter most when explaining an error.
 */
export function monthOfWord(word: string, strict = false): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) =>
    strict
      ? w === name || w === name.slice(0, 3) || (w === 'sept' && name === 'september')
      : name.startsWith(w) || (w.startsWith(name.slice(0, 3)) && w.length <= 10),
  );
  return index < 0 ? null : index + 1;
}

/** Display name of a month, `February`. */
export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Tidies a phrase before it is read: one space between words, no trailing full stop, straight
 * apostrophes, and no leading `by` (so `by 31 July` and `31 July` read the same). Month-first dates
 * (`July 31`) are turned round (`31 July`), because a day-first (British) reader would otherwise take
 * the 31 for a year and read `July 2031`.
 */
export function tidyPhrase(phrase: string): string {
  let p = phrase.replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
  p = p
    .replace(/^by\s+/i, '')
    .replace(/[.!]+$/, '')
    .trim();
  const monthFirst = new RegExp(`\\b(${MONTH_PREFIX})\\.?\\s+(\\d{1,2})(st|nd|rd|th)?\\b(?![:.]\\d)`, 'gi');
  return p.replace(monthFirst, (_all, month: string, day: string, ordinal?: string) => {
    return `${day}${ordinal ?? ''} ${month}`;
  });
}

const PLAINLY_DATE: readonly RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}(?:\b|t)/, // 2027-07-31, 2027-07-31T14:00
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/, // 31/07/2027, 31/07
  /\b\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b/, // 31.07.2027, 31-07-2027
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_PREFIX}\\b`), // 31 July, 31 Febuary
  new RegExp(`\\b${MONTH_PREFIX}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`), // July 31
  new RegExp(`\\b${WEEKDAY_PREFIX}\\s+\\d|\\d\\s*(?:am|pm)?\\s+${WEEKDAY_PREFIX}\\b`), // Fri 5pm, 5pm Fri
  /\b\d{1,2}(?:st|nd|rd|th)\b/, // the 31st
  /\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/, // 5pm, 5:30 pm
  /\b\d{1,2}:\d{2}\b/, // 14:00, 25:00
  /\b(?:january|february|march|april|june|july|august|september|october|november|december)\b/,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/,
  /\b(?:today|tomorrow|tonight|yesterday|noon|midday|midnight|eod)\b/,
  /\bnext\s+\S/, // next Tuesday, next week, next meeting
  /\b(?:this|last)\s+(?:week|month|year|mon|tue|wed|thu|fri|sat|sun)/,
  /\bend\s+of\b/,
  /\b(?:in\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of)\s+(?:working\s+)?(?:days?|weeks?|months?|years?)\b/,
  /\bmeeting/,
];

/** A weekday abbreviation standing alone (`fri`, `on Tue`, `next wed`) also plainly means a date. */
const LONE_WEEKDAY_ABBREVIATION =
  /^(?:on\s+|this\s+|next\s+)?(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)$/;

/**
 * True when the words plainly try to be a date, even a wrong one (`31 Febuary`, `next meetingish`): an
 * ISO or slash date, a number next to a month or weekday word, a time, a month or weekday name, `today`,
 * `tomorrow`, `next …`, `end of …`, `in N days/weeks`, or `meeting`. False for words that are no date
 * (`WYP`, `email`, `the Clerk`), so `add X to send data provided by WYP` keeps `by WYP` in the task while
 * `add X to send data by 31 Febuary` is an error. A bare abbreviation that is also a word or name
 * (`Jan`, `Sun`) counts only with a number or alone.
 */
export function looksLikeDate(phrase: string): boolean {
  const p = tidyPhrase(phrase).toLowerCase();
  if (p === '') return false;
  return LONE_WEEKDAY_ABBREVIATION.test(p) || PLAINLY_DATE.some((re) => re.test(p));
}

function describeDayMonth(day: number, month: number, year: number | null): string | null {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (isCalendarDate(year ?? 2024, month, day)) return null;
  if (day < 1) return `there is no day ${day}`;
  const name = monthName(month);
  if (year === null) return `${name} never has ${day} days`;
  return `${name} ${year} has ${daysInMonth(year, month)} days`;
}

/**
 * Why the words cannot be a date, when the reason is plain: an impossible day of the month
 * (`31 February`, `30/02/2027`), an impossible time (`25:00`, `13pm`) or a year past 2100. Null when
 * nothing in particular is wrong (the words just are not a date).
 */
export function explainImpossible(phrase: string): string | null {
  const p = tidyPhrase(phrase).toLowerCase();
  for (const m of p.matchAll(/\b(\d{1,2}):(\d{2})\b/g)) {
    if (Number(m[1]) > 23 || Number(m[2]) > 59) return `${m[0]} is not a time of day`;
  }
  for (const m of p.matchAll(/(?<![\d.:])(\d{1,2})\s*(am|pm)\b/g)) {
    if (Number(m[1]) > 12 || Number(m[1]) === 0) return `${m[0]} is not a time of day`;
  }
  for (const m of p.matchAll(/\b(\d{4})\b/g)) {
    if (Number(m[1]) > MAX_YEAR) return `dates after ${MAX_YEAR} are not accepted`;
  }
  for (const m of p.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) {
    const reason = describeDayMonth(Number(m[3]), Number(m[2]), Number(m[1]));
    if (reason) return reason;
  }
  // Day/month with slashes; with dots or dashes only when a year follows, as 14.30 may be a time.
  const dayMonth = /\b(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{2}|\d{4}))?|[.-](\d{1,2})[.-](\d{2}|\d{4}))\b/g;
  for (const m of p.matchAll(dayMonth)) {
    const yearText = m[3] ?? m[5];
    const year = yearText === undefined ? null : Number(yearText.length === 2 ? `20${yearText}` : yearText);
    const reason = describeDayMonth(Number(m[1]), Number(m[2] ?? m[4]), year);
    if (reason) return reason;
  }
  for (const m of p.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?/g)) {
    const month = monthOfWord(m[2] ?? '');
    const reason = month === null ? null : describeDayMonth(Number(m[1]), month, m[3] ? Number(m[3]) : null);
    if (reason) return reason;
  }
  return null;
}
