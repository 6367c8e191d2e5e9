/**
 * A date written as the last field of an action line, after a dash or in brackets, as shared notes and
 * e-mailed recaps write it: "Oscar — chase legal for sign-off — Jun 6", "Jess – payments page (Tue)",
 * "Sam - quote - by Friday". The field is the due date only when it is nothing but a date (with at most a
 * deadline word before it): "send the plan — before launch" or "(see 12 May minutes)" keep their words.
 */
import { findDates } from './minutes-dates';

/** The last field: after a spaced dash, or in brackets at the very end. */
const LAST_FIELD = /(?:\s+[–—-]\s+|\s*\()([^()–—]{2,40}?)\)?\s*[.;]?$/;
const DEADLINE_WORD =
  /^(?:by|before|due|deadline|until|till|no later than|on or before|latest|target)\s*:?\s+/i;
/** A cheap first look, so that chrono reads only fields that may be dates: a digit, a month, a day. */
const DATE_LIKE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|tomorrow|next|end|eod|eow|cob)/i;
/** Any fixed day serves to ask whether the words are a date at all; they are resolved later. */
const SHAPE_REFERENCE = '2001-01-10';

export interface TrailingDue {
  text: string;
  due: string;
}

/** The task without its trailing date field, and the field's words; null when there is none. */
export function splitTrailingDue(text: string): TrailingDue | null {
  const m = LAST_FIELD.exec(text);
  if (!m || m.index < 3) return null;
  if (m[0].trimStart().startsWith('(') && !m[0].trimEnd().endsWith(')')) return null;
  const field = (m[1] ?? '').trim();
  const words = field.replace(DEADLINE_WORD, '');
  if (!DATE_LIKE.test(words)) return null;
  const dates = findDates(words, SHAPE_REFERENCE);
  const only = dates.length === 1 && dates[0]?.index === 0 && dates[0].text.length >= words.length - 1;
  if (!only) return null;
  // A bracketed date stays in the task's words ("… (by 3 June)"), as the minute-taker wrote it.
  const bracketed = m[0].trimStart().startsWith('(');
  return { text: bracketed ? text : text.slice(0, m.index).trim(), due: field };
}
