/**
 * Where `snooze` moves a due date. An action not yet due moves on from its due date; an overdue one (or
 * one with none) moves on from today, so a snooze never lands in the past.
 */
import { addMonths } from 'date-fns/addMonths';
import type { SnoozePeriod } from './command';
import { dueInstant } from './dates/due-clock';
import type { Due } from './domain';
import { UserError } from './errors';
import { addCalendarDays, type LocalDate, localDateOf, localTimeOf } from './working-days';

export interface SnoozeContext {
  now: Date;
  timezone: string;
  /** The channel's next meeting, local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
  nextMeeting: string | null;
}

/** A Due for a local date (and time) in a zone. */
export function localDue(date: LocalDate, time: string | null, timezone: string, nextMeeting = false): Due {
  return { at: dueInstant({ date, time }, timezone).toISOString(), date, time, nextMeeting };
}

const DEFAULT_PERIOD: SnoozePeriod = { unit: 'week', amount: 1 };

export function snoozeDue(due: Due | null, period: SnoozePeriod | null, ctx: SnoozeContext): Due {
  const p = period ?? DEFAULT_PERIOD;
  if (p.unit === 'next-meeting') return nextMeetingDue(ctx);
  const fromDue = due !== null && Date.parse(due.at) > ctx.now.getTime();
  if (p.unit === 'hour') {
    const base = fromDue && due ? Date.parse(due.at) : ctx.now.getTime();
    const at = new Date(base + p.amount * 3_600_000);
    return {
      at: at.toISOString(),
      date: localDateOf(at, ctx.timezone),
      time: localTimeOf(at, ctx.timezone),
      nextMeeting: false,
    };
  }
  const baseDate = fromDue && due ? due.date : localDateOf(ctx.now, ctx.timezone);
  const time = due?.time ?? null;
  const date =
    p.unit === 'month'
      ? addLocalMonths(baseDate, p.amount)
      : addCalendarDays(baseDate, p.amount * (p.unit === 'week' ? 7 : 1));
  return localDue(date, time, ctx.timezone);
}

function addLocalMonths(date: LocalDate, months: number): LocalDate {
  return addMonths(new Date(`${date}T12:00:00Z`), months)
    .toISOString()
    .slice(0, 10);
}

function nextMeetingDue(ctx: SnoozeContext): Due {
  if (!ctx.nextMeeting) {
    throw new UserError(
      'no_next_meeting',
      'No next meeting is set, so I cannot snooze until it. Set one with `meeting next 13 Sep 2027 14:00`.',
    );
  }
  const [date = '', time = null] = ctx.nextMeeting.split('T');
  return localDue(date, time, ctx.timezone, true);
}
