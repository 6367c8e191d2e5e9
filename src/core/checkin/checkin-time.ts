/**
 * When a channel's owners are asked for the state of their actions: `settings checkin` before its next
 * meeting. `-3d` counts working days in the channel's calendar (its working days and public holidays, as
 * reminders do) and asks at 09:00 local on that day; `-2h` and `-30m` count from the meeting's moment:
 * its time when it has one, else 09:00 local on its day (a meeting without a time is taken to start the
 * working day). Moving the meeting or changing the setting moves this instant, and the job that waits
 * for it.
 */
import type { ChannelSettings } from '../domain';
import { parseReminderOffset } from '../reminders/reminder-offsets';
import { REMINDER_TIME } from '../reminders/reminder-schedule';
import { addWorkingDays, type HolidayTest, localDateTimeToInstant } from '../working-days';

export interface CheckinTimeContext {
  timezone: string;
  settings: Pick<ChannelSettings, 'workdays' | 'checkin'>;
  isHoliday?: HolidayTest | undefined;
}

/** The instant to ask before a next meeting (local `YYYY-MM-DD[THH:mm]`), or null when off or no meeting. */
export function checkinAt(nextMeeting: string | null, ctx: CheckinTimeContext): Date | null {
  if (!nextMeeting || !ctx.settings.checkin) return null;
  const offset = parseReminderOffset(ctx.settings.checkin);
  if (!offset || offset.unit === 'due' || offset.amount >= 0) return null;
  const date = nextMeeting.slice(0, 10);
  if (offset.unit === 'workdays') {
    const day = addWorkingDays(date, offset.amount, ctx.settings.workdays, ctx.isHoliday);
    return localDateTimeToInstant(day, REMINDER_TIME, ctx.timezone);
  }
  const time = nextMeeting.length > 10 ? nextMeeting.slice(11, 16) : REMINDER_TIME;
  const meetingAt = localDateTimeToInstant(date, time, ctx.timezone);
  return new Date(meetingAt.getTime() + offset.amount * 60_000);
}
