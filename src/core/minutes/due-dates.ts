/**
 * The due date of an action as its minutes state it. Only words that set a deadline count ("by 27th
 * December", "before Friday", "tomorrow EOD", "in time for the next meeting", a Due column): the dates a
 * task merely mentions ("data for July–December 2021", "update the October minutes") are not due dates.
 * Relative dates resolve against the meeting's date; "next meeting" is the next meeting's date.
 */
import { MONTH_NAMES } from '../dates/due-words';
import { dateOnly, findDates } from './minutes-dates';

export interface DueContext {
  meetingDate: string | null;
  nextMeeting: string | null;
}

const NEXT_MEETING =
  /\b(?:by|before|at|for|to|until|till|in time for|ahead of|prior to|due)\s+(?:the\s+)?next\s+(?:\w+\s+)?meeting\b|^\s*(?:the\s+)?next\s+(?:\w+\s+)?meeting\s*$/i;
const MONTH_MEETING =
  /\b(?:by|before|at|for|to|until|in time for|ahead of)\s+the\s+([a-z]+)\s+(?:\w+\s+)?meeting\b/i;
const DEADLINE_BEFORE =
  /\b(by|before|until|till|due|deadline|no later than|not later than|on or before|ahead of|in time for|within|latest|target)\s*:?\s*(?:the\s+)?(?:end\s+of\s+)?(?:w\/c\s+)?$/i;
const RELATIVE = /^(today|tonight|tomorrow|next|this|end of|in \d|within|eod|eow|cob)/i;

/** "next meeting", "the April meeting" (when the next meeting is in April). */
function meetingDue(text: string, ctx: DueContext): string | null | undefined {
  if (NEXT_MEETING.test(text)) return ctx.nextMeeting ? dateOnly(ctx.nextMeeting) : null;
  const month = MONTH_MEETING.exec(text);
  const index = month ? (MONTH_NAMES as readonly string[]).indexOf((month[1] ?? '').toLowerCase()) : -1;
  if (index >= 0) {
    const next = ctx.nextMeeting;
    return next && Number(next.slice(5, 7)) === index + 1 ? dateOnly(next) : null;
  }
  return undefined;
}

/** The due date stated in an action's text, or null. */
export function findDue(text: string, ctx: DueContext): string | null {
  const meeting = meetingDue(text, ctx);
  if (meeting !== undefined) return meeting;
  for (const found of findDates(text, ctx.meetingDate)) {
    const before = text.slice(Math.max(0, found.index - 30), found.index);
    if (DEADLINE_BEFORE.test(before) || RELATIVE.test(found.text)) return found.value;
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
