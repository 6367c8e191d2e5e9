/**
 * Reads a date phrase with chrono (British, day-first) into a plain `Reading` that says what the words
 * fixed (a calendar date, a weekday, a time), leaving the rules of what a due date means to the caller.
 *
 * chrono works in the process's own zone. So it is given a reference `Date` whose process-local fields
 * are the channel's wall-clock now, and only the components it reports (year, month, day, hour, minute)
 * are used, never its `Date`: the result is then the same whichever zone the server runs in.
 *
 * It also refuses what chrono would quietly get wrong: words it did not use (`31 July or so`), a day it
 * did not read as written (`February 31` as February 2031), two dates at once, or a range.
 */
import type * as chrono from 'chrono-node';
import { GB as britishChrono } from 'chrono-node/en';
import { monthOfWord } from './due-words';
import { type LocalDate, type LocalTime, splitLocalDate, splitLocalTime } from './local-date';

export type WeekdayMode = 'coming' | 'next' | 'last';

export type Reading =
  | {
      kind: 'date';
      /** Null when the words gave no year (`31 July`) and it must be chosen. */
      year: number | null;
      month: number;
      day: number;
      /** ISO weekday the words also named (`Friday 31 July`), to check against the date. */
      weekday: number | null;
      time: LocalTime | null;
    }
  | { kind: 'weekday'; weekday: number; mode: WeekdayMode; time: LocalTime | null }
  | { kind: 'time'; time: LocalTime }
  /** Words that only name a month (`July`, `July 2027`): no day to fall due on. */
  | { kind: 'month-only'; month: number }
  /** Not a date, or not all of it; `reason` when something in particular was wrong. */
  | { kind: 'unreadable'; reason: string | null };

/** Words that may sit between the parts of a date without changing it: `Friday at 5pm`, `31 July, 2pm`. */
const FILLER_WORDS = new Set(['by', 'at', 'on', 'the', 'of', 'time', '@', '-']);

const pad = (n: number): string => String(n).padStart(2, '0');

/** A process-local `Date` showing the channel's wall-clock `today` `time`, as chrono's reference. */
function wallClockReference(today: LocalDate, time: LocalTime): Date {
  const { year, month, day } = splitLocalDate(today);
  const { hour, minute } = splitLocalTime(time);
  return new Date(year, month - 1, day, hour, minute);
}

/** The words of `text` outside every result's span that are not mere filler. */
function unexplainedWords(text: string, results: readonly chrono.ParsedResult[]): string[] {
  let rest = text;
  for (const r of results) {
    rest = rest.slice(0, r.index) + ' '.repeat(r.text.length) + rest.slice(r.index + r.text.length);
  }
  return rest
    .toLowerCase()
    .split(/[\s,;'()]+/)
    .filter((w) => w !== '' && !FILLER_WORDS.has(w));
}

/**
 * The day and month the words wrote, when written as numbers or `31 July`, so a result chrono rolled
 * over (`31/02` into March) is caught by comparing, not trusted.
 */
function writtenDayMonth(text: string): { day: number; month: number } | null {
  const t = text.toLowerCase();
  const iso = /\b\d{4}-(\d{1,2})-(\d{1,2})\b/.exec(t);
  if (iso) return { month: Number(iso[1]), day: Number(iso[2]) };
  // Slashes, or dots only with a year, so a time such as 14.30 is not taken for a date.
  const numeric = /\b(\d{1,2})\/(\d{1,2})\b|\b(\d{1,2})[.-](\d{1,2})[.-]\d{2,4}\b/.exec(t);
  if (numeric) return { day: Number(numeric[1] ?? numeric[3]), month: Number(numeric[2] ?? numeric[4]) };
  for (const named of t.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)/g)) {
    const month = monthOfWord(named[2] ?? '');
    if (month !== null) return { day: Number(named[1]), month };
  }
  return null;
}

function timeOf(c: chrono.ParsedComponents): LocalTime | null {
  if (!c.isCertain('hour')) return null;
  return `${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`;
}

/** chrono's weekday (0 Sunday) as an ISO weekday (7 Sunday). */
function isoWeekdayOf(c: chrono.ParsedComponents): number | null {
  const w = c.get('weekday');
  return c.isCertain('weekday') && w !== null ? w || 7 : null;
}

function weekdayMode(text: string): WeekdayMode {
  if (/\bnext\b/i.test(text)) return 'next';
  if (/\blast\b/i.test(text)) return 'last';
  return 'coming';
}

/** A zone written into the words (`5pm EST`, `+0200`); relative phrases carry one only internally. */
const namesZone = (r: chrono.ParsedResult): boolean =>
  r.start.isCertain('timezoneOffset') && !r.tags().has('result/relativeDate');

const hasDatePart = (c: chrono.ParsedComponents): boolean =>
  (['day', 'weekday', 'month', 'year'] as const).some((k) => c.isCertain(k));

/** Turns one chrono result that holds a date (and maybe a time) into a Reading. */
function readResult(r: chrono.ParsedResult, time: LocalTime | null): Reading {
  const c = r.start;
  const get = (k: chrono.Component): number => c.get(k) ?? Number.NaN;
  const namesMonth = r.text.split(/[\s,.]+/).some((w) => /^[a-z]/i.test(w) && monthOfWord(w) !== null);
  if (c.isCertain('day')) {
    const written = writtenDayMonth(r.text);
    if (written && (written.day !== get('day') || written.month !== get('month'))) {
      return { kind: 'unreadable', reason: null };
    }
    const year = c.isCertain('year') ? get('year') : null;
    return {
      kind: 'date',
      year,
      month: get('month'),
      day: get('day'),
      weekday: isoWeekdayOf(c),
      time,
    };
  }
  const weekday = isoWeekdayOf(c);
  if (weekday !== null) return { kind: 'weekday', weekday, mode: weekdayMode(r.text), time };
  if (namesMonth) return { kind: 'month-only', month: get('month') };
  if (c.isCertain('month') || c.isCertain('year')) {
    // `next month`, `in 1 month`, `next year`: the same day of that month or year.
    return {
      kind: 'date',
      year: get('year'),
      month: get('month'),
      day: get('day'),
      weekday: null,
      time,
    };
  }
  return { kind: 'unreadable', reason: null };
}

/**
 * What the (tidied) phrase fixes, read relative to the channel's local `today` and wall-clock `nowTime`.
 * A phrase may be one date, one time, or a date and a time chrono found apart (`Friday by 5pm`).
 */
export function readPhrase(text: string, today: LocalDate, nowTime: LocalTime): Reading {
  const results = britishChrono.parse(text, wallClockReference(today, nowTime));
  if (results.length === 0 || unexplainedWords(text, results).length > 0)
    return { kind: 'unreadable', reason: null };
  if (results.some((r) => Boolean(r.end))) {
    return { kind: 'unreadable', reason: 'give one date, not a range' };
  }
  if (results.some(namesZone)) {
    return {
      kind: 'unreadable',
      reason: "times are read in the channel's own time zone, so leave out the zone",
    };
  }
  const dated = results.filter((r) => hasDatePart(r.start));
  const timed = results.filter((r) => !hasDatePart(r.start) && r.start.isCertain('hour'));
  if (dated.length + timed.length !== results.length || dated.length > 1 || timed.length > 1) {
    return { kind: 'unreadable', reason: dated.length > 1 ? 'give one date, not several' : null };
  }
  const ownTime = dated[0] ? timeOf(dated[0].start) : null;
  const separateTime = timed[0] ? timeOf(timed[0].start) : null;
  if (ownTime !== null && separateTime !== null)
    return { kind: 'unreadable', reason: 'give one time, not several' };
  const time = ownTime ?? separateTime;
  if (dated[0]) return readResult(dated[0], time);
  return time === null ? { kind: 'unreadable', reason: null } : { kind: 'time', time };
}
