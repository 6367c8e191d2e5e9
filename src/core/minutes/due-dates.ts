/**
 * The due date of an action as its minutes state it. Only words that set a deadline count ("by 27th
 * December", "before Friday", "tomorrow EOD", "in time for the next meeting", a Due column): the dates a
 * task merely mentions ("data for July–December 2021", "update the October minutes") are not due dates.
 * Relative dates resolve against the meeting's date; "next meeting" is the next meeting's date.
 */
import { MONTH_NAMES, monthOfWord } from '../dates/due-words';
import { addCalendarDays, calendarDaysBetween, lastDayOfMonth } from '../dates/local-date';
import { dateOnly, type FoundDate, findDates } from './minutes-dates';

export interface DueContext {
  meetingDate: string | null;
  nextMeeting: string | null;
}

const NEXT_MEETING =
  /\b(?:by|before|at|for|to|until|till|in time for|ahead of|prior to|due)\s+(?:the\s+)?next\s+(?:\w+\s+)?meeting\b|^\s*(?:the\s+)?next\s+(?:\w+\s+)?meeting\s*$/i;
/** "the September meeting", "September's meeting", "the September agenda". */
const MONTH_MEETING =
  /\b(?:by|before|at|for|to|until|in time for|ahead of|on)\s+(?:the\s+)?([a-z]+)(?:'s|’s)?\s+(?:\w+\s+)?(?:meeting|agenda)\b/gi;
const DEADLINE_BEFORE =
  /\b(by|before|until|till|due|deadline|no later than|not later than|on or before|ahead of|in time for|within|latest|target)\s*:?\s*(?:the\s+)?(?:end\s+of\s+)?(?:w\/c\s+)?$/i;
const RELATIVE =
  /^(today|tonight|tomorrow|next|this|end of|in (?:\d|an? |one |two |three |four |five |six )|within|eod|eow|cob)/i;
/**
 * "over the next 12 months", "events for next month": a stretch of time, not a deadline, unless a
 * deadline word comes before it ("within the next 4 weeks", "by next month").
 */
const PERIOD = /^(?:the\s+)?next\s+(?:(?:\d+|few|couple of)\s+\w+|month|year|quarter|term)$/i;
/** "after the concert on 7 December": the day the task is done, when it is soon after the meeting. */
const ON_BEFORE = /\bon\s+(?:the\s+)?$/i;
/** "the letter received on 3 December": a day something already happened, not the task's. */
const PAST_ON =
  /\b(?:made|received|held|dated|sent|written|submitted|reported|raised|passed|happened|occurred|place|started|began)\s+on\s+(?:the\s+)?$/i;
/** How far after the meeting a year-less "on 7 December" may fall and still be this task's day. */
const ON_DAY_WINDOW = 62;
/** "(3 more days)", "2 more weeks": a countdown from the meeting. */
const MORE_DAYS = /\b(\d{1,3})\s+more\s+(days?|weeks?)\b/i;
/** A month with no day ("January", "Jan 2019"): the deadline is that month's last day. */
const MONTH_ONLY = /^(?:in\s+)?([a-z]{3,9})\.?(?:,?\s+\d{4})?$/i;

const isMonthOnly = (found: FoundDate): boolean => {
  const m = found.hasDay ? null : MONTH_ONLY.exec(found.text.trim());
  return m !== null && monthOfWord(m[1] ?? '', true) !== null;
};

/** "next meeting", "the April meeting" (when the next meeting is in April). */
function meetingDue(text: string, ctx: DueContext): string | null | undefined {
  if (NEXT_MEETING.test(text)) return ctx.nextMeeting ? dateOnly(ctx.nextMeeting) : null;
  for (const m of text.matchAll(MONTH_MEETING)) {
    const index = (MONTH_NAMES as readonly string[]).indexOf((m[1] ?? '').toLowerCase());
    if (index < 0) continue;
    const next = ctx.nextMeeting;
    return next && Number(next.slice(5, 7)) === index + 1 ? dateOnly(next) : null;
  }
  return undefined;
}

/** "3 more days" after a meeting on 27 August is 30 August. */
function countdownDue(text: string, ctx: DueContext): string | null {
  const m = MORE_DAYS.exec(text);
  if (!m || !ctx.meetingDate) return null;
  const days = Number(m[1]) * (/^week/i.test(m[2] ?? '') ? 7 : 1);
  return addCalendarDays(dateOnly(ctx.meetingDate), days);
}

/** A deadline a date states: a month alone means its last day; "on 7 December" only soon after. */
function deadlineOf(found: FoundDate, before: string, ctx: DueContext): string | null {
  if (isMonthOnly(found)) {
    const last = lastDayOfMonth(dateOnly(found.value));
    return /\bbefore\s*(?:the\s+)?$/i.test(before) ? addCalendarDays(dateOnly(found.value), -1) : last;
  }
  if (DEADLINE_BEFORE.test(before)) return found.value;
  if (RELATIVE.test(found.text) && !PERIOD.test(found.text.trim())) return found.value;
  const lead = before + (/^on\s+/i.exec(found.text)?.[0] ?? '');
  const on = ON_BEFORE.test(lead) && !PAST_ON.test(lead);
  if (on && found.hasDay && found.absolute && ctx.meetingDate) {
    const days = calendarDaysBetween(dateOnly(ctx.meetingDate), dateOnly(found.value));
    if (days > 0 && (found.hasYear || days <= ON_DAY_WINDOW)) return found.value;
  }
  return null;
}

/** The due date stated in an action's text, or null. */
export function findDue(text: string, ctx: DueContext): string | null {
  const meeting = meetingDue(text, ctx);
  if (meeting !== undefined) return meeting;
  for (const found of findDates(text, ctx.meetingDate)) {
    const before = text.slice(Math.max(0, found.index - 30), found.index);
    if (isMonthOnly(found) && !DEADLINE_BEFORE.test(before)) continue;
    const due = deadlineOf(found, before, ctx);
    if (due) return due;
  }
  return countdownDue(text, ctx);
}

const TITLE_STOP = new Set(
  'the a an of for on by to and in at with from scheduled planned next new this that meeting item update'.split(
    ' ',
  ),
);
const titleWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && !TITLE_STOP.has(w));

/**
 * The day an agenda item is about, for an action on that same thing: under "Scheduled release for July
 * 2nd, 2021", "@sam will do the release" is due on 2 July. Only a calendar day after the meeting,
 * given after "for"/"on", and only when the action names a word of the title.
 */
export function dueFromTitle(title: string | null, task: string, ctx: DueContext): string | null {
  if (!title || !ctx.meetingDate || title.length > 200) return null;
  const named = new Set(titleWords(task));
  if (!titleWords(title).some((w) => named.has(w))) return null;
  for (const found of findDates(title, ctx.meetingDate)) {
    const lead = title.slice(Math.max(0, found.index - 6), found.index) + found.text.slice(0, 3);
    if (!/\b(?:for|on)\s/i.test(lead) || !found.hasDay || !found.absolute) continue;
    if (calendarDaysBetween(dateOnly(ctx.meetingDate), dateOnly(found.value)) > 0) return found.value;
  }
  return null;
}

/** A Due column's cell: any date in it counts; "ASAP", "ongoing" or "-" give none. */
export function readDueCell(cell: string, ctx: DueContext): string | null {
  if (!cell.trim()) return null;
  const meeting = meetingDue(cell, ctx);
  if (meeting !== undefined) return meeting;
  return findDates(cell, ctx.meetingDate)[0]?.value ?? null;
}
