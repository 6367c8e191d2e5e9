/**
 * Dates in minutes, read against the MEETING's own date rather than today: "by 27th December" in the
 * minutes of 10 December 2022 means 27 December 2022, whenever the document is imported. chrono reads
 * the words (British order, day first); only the components it reports are used, with a UTC reference,
 * so the result is the same whatever zone the process runs in.
 */
import type * as chrono from 'chrono-node';
import { GB as britishChrono } from 'chrono-node/en';
import { monthDayAfter } from './month-day-dates';

/** A date found in text: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, and where the words were. */
export interface FoundDate {
  value: string;
  index: number;
  text: string;
  /** The words gave the day of the month (not only "next week" or a bare time). */
  hasDay: boolean;
  hasYear: boolean;
  hasTime: boolean;
  /** The words name a calendar day (`4 April`, `04/04/2017`, `Tuesday`), not "in two weeks". */
  absolute: boolean;
}

const ABSOLUTE =
  /\d{1,2}[/.-]\d{1,2}|\d{4}-\d{2}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i;

/** Reference for text without a meeting date: far enough back that any relative date is discarded. */
const NO_REFERENCE: chrono.ParsingReference = { instant: new Date(Date.UTC(1800, 0, 1, 12)), timezone: 0 };

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar date part of a `YYYY-MM-DD[THH:mm]` value. */
export const dateOnly = (value: string): string => value.slice(0, 10);

function referenceOf(meetingDate: string | null): chrono.ParsingReference {
  const m = meetingDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(meetingDate) : null;
  if (!m) return NO_REFERENCE;
  return { instant: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)), timezone: 0 };
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * "Tuesday 19th June" with no year: chrono picks the coming 19 June; when that is not a Tuesday the
 * weekday is trusted and the nearest year (after, then before) where 19 June is a Tuesday is taken.
 */
function inferYear(c: chrono.ParsedComponents): number {
  const year = c.get('year') ?? 1970;
  if (c.isCertain('year') || !c.isCertain('weekday')) return year;
  const month = c.get('month') ?? 1;
  const day = c.get('day') ?? 1;
  const weekday = c.get('weekday');
  for (const y of [year, year + 1, year - 1, year + 2]) if (weekdayOf(y, month, day) === weekday) return y;
  return year;
}

function formatComponents(c: chrono.ParsedComponents): string {
  const date = `${inferYear(c)}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
  return c.isCertain('hour') ? `${date}T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}` : date;
}

/**
 * Words chrono misreads in minutes: "the minutes of the meeting held on 12th December" (a time, and
 * then the date after it is missed) and "2022 be approved" (a Buddhist-era year). They are replaced by
 * words of the same length, so positions in the text stay where they were.
 */
function withoutMinutesDocument(text: string): string {
  return (
    text
      .replace(/\b(the|these|those|draft|signed|approved|previous|last|of)(\s+)minutes\b/gi, '$1$2records')
      .replace(/\bminute(\s+(?:no\.?\s*)?\d)/gi, 'record$1')
      // "held on 12th December 2022 be approved": chrono takes "2022 be" as a Buddhist-era year.
      .replace(/(\d{4}\s+)(be)\b/gi, '$1is')
  );
}

/** "at 1400", "1400hrs": the 24-hour clock minutes use, which chrono does not read. */
function withClockTimes(text: string): string {
  // "4.OOpm": a scanned page's letter O read for the digit zero.
  const digits = text.replace(/\b(\d{1,2}[.:])[0O]{2}(\s?[ap]\.?m)/gi, (_w, h, ap) => `${h}00${ap}`);
  return digits.replace(
    /\b(at\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)?\b/gi,
    (whole, at: string | undefined, h, m) =>
      at || /hrs|hours|h$/i.test(whole) ? `${at ?? ''}${h}:${m}` : whole,
  );
}

/**
 * Every date chrono finds in `text`, read against `meetingDate`. Without a meeting date only dates that
 * state their year are returned: a relative date cannot be resolved against nothing, and the reference
 * is then set so far back that whatever chrono resolved from it falls outside the years kept.
 * `forward`: a year left out is the one that puts the date after the meeting (due dates, the next
 * meeting); otherwise the nearest (the previous meeting).
 */
export function findDates(text: string, meetingDate: string | null, forward = true): FoundDate[] {
  const ref = referenceOf(meetingDate);
  const source = withClockTimes(withoutMinutesDocument(text.length > 20000 ? text.slice(0, 20000) : text));
  const results = britishChrono.parse(source, ref, { forwardDate: forward });
  return results
    .filter((r) => (r.start.get('year') ?? 0) >= 1900 && (r.start.get('year') ?? 0) <= 2200)
    .map((r) => {
      // "by Apr 18": a day of April after the meeting, not April 2018 (month-day-dates.ts).
      const day = meetingDate && !r.start.isCertain('day') ? monthDayAfter(r.text, meetingDate) : null;
      return day ? { ...found(r), value: day, hasDay: true, hasYear: false } : found(r);
    });
}

/** One chrono result as a FoundDate. */
function found(r: chrono.ParsedResult): FoundDate {
  return {
    value: formatComponents(r.start),
    index: r.index,
    text: r.text,
    hasDay: r.start.isCertain('day'),
    hasYear: r.start.isCertain('year'),
    hasTime: r.start.isCertain('hour'),
    absolute: ABSOLUTE.test(r.text),
  };
}

/** Compares two `YYYY-MM-DD[THH:mm]` values by their calendar date. */
export function compareDates(a: string, b: string): number {
  return dateOnly(a).localeCompare(dateOnly(b));
}
