/**
 * When an action's owners are reminded, computed from a fixed `now` so it can be tested and recomputed
 * anywhere (the web process that changed the action, the worker checking that a job is still wanted).
 *
 * Rules (CONTRACT.md, issue 4):
 * - Offsets in working days (`-2d`, `+1d`) land at 09:00 local on that working day, counted from the due
 *   date with `addWorkingDays`, so they always fall on a working day.
 * - `0` is the due date at 09:00 (the last working day on or before it when the due date is not a working
 *   day, so the nudge comes before it is late), or the due moment itself when the due date has a time.
 * - `-4h`, `-30m` count from the due moment exactly: whoever set a due time asked for that moment.
 * - After the last offset, weekly while the action stays open: every 7 days from the day of the last
 *   reminder (or the due date), at 09:00 on that day or the next working day after it. Only the next
 *   weekly one is planned; each firing plans the one after, so there is never an unbounded list of jobs.
 * - An action with no due date gets one nudge a week before the channel's next meeting (the last working
 *   day on or before that day), at 09:00, when a next meeting is set.
 * Only reminders strictly after `now` are returned: a reminder time that has passed is never sent late by
 * a re-plan.
 */

import { calendarDaysBetween } from '../dates/local-date';
import type { Action, ChannelSettings } from '../domain';
import {
  addCalendarDays,
  addWorkingDays,
  type HolidayTest,
  type LocalDate,
  localDateOf,
  localDateTimeToInstant,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../working-days';
import { parseReminderOffsets, type ReminderOffset } from './reminder-offsets';

/** Local time of every day-based reminder, digest default and matters-arising post. */
export const REMINDER_TIME = '09:00';

/** How a planned reminder came about; the DM's heading depends on it. */
export type ReminderKind = 'before' | 'due' | 'after' | 'weekly' | 'meeting';

export interface PlannedReminder {
  at: Date;
  kind: ReminderKind;
}

export interface ScheduleContext {
  now: Date;
  /** The channel's IANA zone (its setting, or DEFAULT_TIMEZONE). */
  timezone: string;
  settings: Pick<ChannelSettings, 'reminders' | 'workdays'>;
  /** The channel's public holidays (`settings holidays`), when it has any. */
  isHoliday?: HolidayTest;
  /** The channel's next meeting, local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, or null. */
  nextMeeting: string | null;
}

/** The action's reminders after `ctx.now`, earliest first, one per instant. */
export function planReminders(action: Action, ctx: ScheduleContext): PlannedReminder[] {
  if (action.state !== 'open') return [];
  const planned = action.due === null ? meetingNudge(ctx) : dueReminders(action.due, ctx);
  const byTime = new Map<number, PlannedReminder>();
  for (const p of planned) {
    if (p.at.getTime() > ctx.now.getTime() && !byTime.has(p.at.getTime())) byTime.set(p.at.getTime(), p);
  }
  return [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The reminder planned for exactly `at`, as the schedule stands now, or null. A job checks this before it
 * sends: a due date moved, an offset changed or the action closed since the job was made all make it stale.
 */
export function plannedAt(
  action: Action,
  ctx: Omit<ScheduleContext, 'now'>,
  at: Date,
): PlannedReminder | null {
  const plan = planReminders(action, { ...ctx, now: new Date(at.getTime() - 1) });
  return plan.find((p) => p.at.getTime() === at.getTime()) ?? null;
}

/** 09:00 local on a date. */
function atNine(date: LocalDate, timezone: string): Date {
  return localDateTimeToInstant(date, REMINDER_TIME, timezone);
}

function offsetReminder(
  offset: ReminderOffset,
  due: { at: Date; date: LocalDate; hasTime: boolean },
  ctx: ScheduleContext,
): PlannedReminder {
  const { workdays } = ctx.settings;
  switch (offset.unit) {
    case 'due':
      return {
        kind: 'due',
        at: due.hasTime
          ? due.at
          : atNine(workingDayOnOrBefore(due.date, workdays, ctx.isHoliday), ctx.timezone),
      };
    case 'workdays':
      return {
        kind: offset.amount < 0 ? 'before' : 'after',
        at: atNine(addWorkingDays(due.date, offset.amount, workdays, ctx.isHoliday), ctx.timezone),
      };
    case 'minutes':
      return {
        kind: offset.amount < 0 ? 'before' : 'after',
        at: new Date(due.at.getTime() + offset.amount * 60_000),
      };
  }
}

function dueReminders(dueValue: NonNullable<Action['due']>, ctx: ScheduleContext): PlannedReminder[] {
  const at = new Date(dueValue.at);
  // The due date as the channel sees it now: a channel that changed its zone counts days in its new zone.
  const due = { at, date: localDateOf(at, ctx.timezone), hasTime: dueValue.time !== null };
  const offsets = parseReminderOffsets(ctx.settings.reminders).map((o) => offsetReminder(o, due, ctx));
  const last = Math.max(at.getTime(), ...offsets.map((o) => o.at.getTime()));
  return [...offsets, nextWeekly(new Date(last), ctx)];
}

/**
 * The first weekly reminder after both `last` (the later of the due moment and the last offset reminder)
 * and `now`. Weeks count from the local date of `last`, so the cadence stays on one weekday even when a
 * holiday pushes one week's reminder a day later.
 */
function nextWeekly(last: Date, ctx: ScheduleContext): PlannedReminder {
  const anchor = localDateOf(last, ctx.timezone);
  const after = Math.max(last.getTime(), ctx.now.getTime());
  const weeksGone = Math.floor(calendarDaysBetween(anchor, localDateOf(new Date(after), ctx.timezone)) / 7);
  for (let week = Math.max(1, weeksGone); ; week++) {
    const day = workingDayOnOrAfter(addCalendarDays(anchor, 7 * week), ctx.settings.workdays, ctx.isHoliday);
    const at = atNine(day, ctx.timezone);
    if (at.getTime() > after) return { kind: 'weekly', at };
  }
}

function meetingNudge(ctx: ScheduleContext): PlannedReminder[] {
  if (!ctx.nextMeeting) return [];
  const meetingDate = ctx.nextMeeting.slice(0, 10);
  const day = workingDayOnOrBefore(addCalendarDays(meetingDate, -7), ctx.settings.workdays, ctx.isHoliday);
  return [{ kind: 'meeting', at: atNine(day, ctx.timezone) }];
}
