/**
 * The meeting a minutes document records: its title, date (and time), and the dates of the previous
 * and next meetings. Read from the document's head ("Minutes of the … held on …", "Date: …", a MeetBot
 * "Meeting started … at 16:31 UTC") and from the text ("Notes of the previous meeting on 14 March",
 * "Date of next meeting: …"). Relative and year-less dates are read against the meeting's own date.
 */
import { TZDate } from '@date-fns/tz';
import type { MinutesMeeting } from './extracted-minutes';
import { compareDates, type FoundDate, findDates } from './minutes-dates';

const UNDERLINE = /^\s*([=\-~^*+#`'"._:])\1{2,}\s*$/;
const STOP_LINE =
  /^\s*(date|time|venue|location|place|present|attendees|attendance|apologies|in attendance|also present|chair(?:ed by)?|minutes taken|held at|meeting started|contents|agenda)\b/i;
const HEAD_CHARS = 3000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The document's first lines that read as its title, before any "Date:" or body text. */
function titleLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n').slice(0, 20)) {
    const line = raw.replace(/^\s*#{1,6}\s+/, '').trim();
    if (!line || UNDERLINE.test(line)) {
      if (out.length > 0 && !line) break;
      continue;
    }
    if (STOP_LINE.test(line) || line.length > 200 || /^(\d+[.)]|[-*•])\s/.test(line)) break;
    out.push(line);
    if (out.length >= 3) break;
  }
  return out;
}

function cleanTitlePiece(line: string): string {
  const dates = findDates(line, null).filter((d) => d.hasDay);
  const first = dates[0];
  let piece = first && first.index > 0 ? line.slice(0, first.index) : first ? '' : line;
  piece = piece
    .replace(/^minutes\s+of\s+(the\s+|an?\s+)?/i, '')
    .replace(/\b(held|on|of|dated|at)\s*$/i, '')
    .replace(/[\s(–—,:;-]+$/, '')
    .trim();
  return /^(the\s+)?(meeting|minutes|notes)$/i.test(piece) ? '' : piece;
}

function readTitle(text: string): string | null {
  const pieces = titleLines(text)
    .map(cleanTitlePiece)
    .filter((p) => p.length > 1);
  const title = pieces.join(' – ').trim();
  return title ? title.slice(0, 200) : null;
}

const isFullDate = (d: FoundDate): boolean => d.hasDay && d.hasYear && d.absolute;

/** A date the document gives as UTC, moved into the meeting's zone when one is known. */
function toZone(value: string, utc: boolean, timezone: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m || !utc || !timezone) return value;
  try {
    const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
    const local = new TZDate(at, timezone);
    if (Number.isNaN(local.getTime())) return value;
    return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
  } catch {
    return value;
  }
}

/** The time of day the head gives for the meeting (`Time: 7.30pm`, `started … at 16:31:17 UTC`). */
function headTime(head: string, date: string): { time: string; utc: boolean } | null {
  const patterns = [
    /^[ \t]*time\s*[:–-]\s*(.{1,40})$/im,
    /\b(?:meeting\s+)?(?:started|began|opened|commenced|beginning)\b[^.\n]{0,40}?\bat\s+(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|UTC|GMT|Z)?)/i,
  ];
  for (const re of patterns) {
    const m = re.exec(head);
    if (!m) continue;
    const words = (m[1] ?? '').replace(/(\d{1,2}:\d{2}):\d{2}/, '$1');
    const found = findDates(`${date} ${words}`, date).find((d) => d.hasTime);
    if (found) return { time: found.value.slice(11), utc: /\b(UTC|GMT|Z)\b/.test(words) };
  }
  return null;
}

function readDate(text: string, title: string[], timezone: string | undefined): string | null {
  const head = text.slice(0, HEAD_CHARS);
  const label = /^[ \t]*(?:meeting\s+)?date(?:\s+of\s+meeting)?\s*[:–-]\s*(.{4,80})$/im.exec(head);
  const candidates: FoundDate[] = [
    ...(label ? findDates(label[1] ?? '', null) : []),
    ...findDates(title.join('\n'), null),
  ].filter(isFullDate);
  const previousContext = /\b(previous|last|prior)\b[^.\n]{0,40}$|\bsince\s+(the\s+)?$/i;
  const inHead = findDates(head, null).filter(
    (d) => isFullDate(d) && !previousContext.test(head.slice(Math.max(0, d.index - 60), d.index)),
  );
  const chosen = candidates[0] ?? inHead[0];
  if (!chosen) return null;
  const day = chosen.value.slice(0, 10);
  if (chosen.hasTime) return toZone(chosen.value, /UTC|GMT/.test(chosen.text), timezone);
  const sameDayWithTime = inHead.find((d) => d.hasTime && d.value.startsWith(day));
  if (sameDayWithTime) return toZone(sameDayWithTime.value, /UTC|GMT/.test(sameDayWithTime.text), timezone);
  const time = headTime(head, day);
  return time ? toZone(`${day}T${time.time}`, time.utc, timezone) : day;
}

/**
 * The next line after `from` with something on it, from its first non-space character; '' when none.
 * Scanned, not matched with `/\n\s*\n?\s*([^\n]+)/`, whose overlapping runs of spaces took minutes
 * on a few thousand blank lines.
 */
function nextNonBlankLine(text: string, from: number): string {
  const visible = /\S/g;
  visible.lastIndex = from;
  const start = visible.exec(text)?.index;
  if (start === undefined) return '';
  const stop = text.indexOf('\n', start);
  return text.slice(start, stop < 0 ? text.length : stop);
}

/**
 * The first date near one of the `hit` phrases that passes `accept`: in the rest of that line, or on the
 * next line when the phrase stands alone as a label ("Date of next meeting" then the date below it).
 * Only the first 40 mentions are looked at: a document that says "next meeting" more often than that
 * gives its date in one of them, and chrono is too slow to run thousands of times.
 */
function dateNear(
  text: string,
  hit: RegExp,
  meetingDate: string | null,
  accept: (d: FoundDate) => boolean,
  /** How far before the phrase the date may stand ("the 10 November meeting"); 0 for the next meeting. */
  lookBehind = 0,
): string | null {
  let tried = 0;
  for (const m of text.matchAll(hit)) {
    if (++tried > 40) break;
    const at = m.index ?? 0;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const from = Math.max(at - lookBehind, lineStart);
    let window = text.slice(from, Math.min(end, at + 160));
    const sentenceEnd = window.slice(at - from).search(/[.!?]\s+[A-Z]/);
    if (sentenceEnd >= 0) window = window.slice(0, at - from + sentenceEnd + 1);
    const line = text.slice(lineStart, end).trim();
    const forward = lookBehind === 0;
    const pick = (w: string) =>
      findDates(w, meetingDate, forward).find((d) => d.hasDay && d.absolute && accept(d));
    // A label line ("Dates of next Meeting for 2006") gives its date on the line below.
    const label = line.length <= 80 && !/[.!?]$/.test(line);
    const found = pick(window) ?? (label ? pick(`${window} ${nextNonBlankLine(text, end)}`) : undefined);
    if (found) return found.value;
  }
  return null;
}

const NEXT_LABEL =
  /\b(?:dates?|time|venue)\s+(?:and\s+\w+\s+)?of\s+(?:the\s+)?next\s+(?:\w+\s+)?(?:meetings?|sync|call|session)\b|\bnext\s+(?:\w+\s+)?(?:meeting|sync|call|session)\s*(?:[:–—-]|will\s+be|is\b|to be held|on\b)/gi;
const NEXT_HIT =
  /\bnext\s+(?:\w+\s+){0,2}(?:meeting|sync|call|session|catch-?up)\b|\bto be held\b|\bfuture meeting\b/gi;
const PREVIOUS_HIT =
  /\b(?:previous|last|prior)\s+(?:\w+\s+)?(?:meetings?|minutes|notes)\b|\bthe meeting of\b|\bminutes of the (?:\w+\s+){0,3}meeting held\b|\bsince the\b|\bmeeting minutes\b|\bminutes of (?:the )?meeting\b|\b(?:from|of) the meeting (?:of|on|held on|dated)\b/gi;

/** The meeting a document records. Any part the document does not give is null. */
export function readMeetingHeader(text: string, opts: { timezone?: string } = {}): MinutesMeeting {
  const lines = titleLines(text);
  const title = readTitle(text);
  const date = readDate(text, lines, opts.timezone);
  const later = (d: FoundDate) => !date || compareDates(d.value, date) > 0;
  const nextMeeting = dateNear(text, NEXT_LABEL, date, later) ?? dateNear(text, NEXT_HIT, date, later);
  const earlier = (d: FoundDate) => !date || compareDates(d.value, date) < 0;
  const previousMeeting = dateNear(text, PREVIOUS_HIT, date, earlier, 60);
  return { title, date, previousMeeting, nextMeeting };
}
