/**
 * When the matters-arising summary is posted by itself: 2 working days before the channel's next meeting,
 * at 09:00 in the channel's zone, so owners have two days to update their actions before the chair reads
 * them out. Moving the next meeting moves this instant, and the job that waits for it.
 */
import type { ChannelSettings } from '../domain';
import { addWorkingDays, type HolidayTest, localDateTimeToInstant } from '../working-days';
import { REMINDER_TIME } from './reminder-schedule';

/** Working days between the post and the meeting. */
export const MATTERS_ARISING_WORKING_DAYS_BEFORE = 2;

export interface MeetingPostContext {
  timezone: string;
  settings: Pick<ChannelSettings, 'workdays'>;
  isHoliday?: HolidayTest;
}

/** The instant of the automatic post for a next meeting (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`), or null. */
export function mattersArisingAt(nextMeeting: string | null, ctx: MeetingPostContext): Date | null {
  if (!nextMeeting) return null;
  const meetingDate = nextMeeting.slice(0, 10);
  const day = addWorkingDays(
    meetingDate,
    -MATTERS_ARISING_WORKING_DAYS_BEFORE,
    ctx.settings.workdays,
    ctx.isHoliday,
  );
  return localDateTimeToInstant(day, REMINDER_TIME, ctx.timezone);
}
