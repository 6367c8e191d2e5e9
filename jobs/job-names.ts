/**
 * Every job's name within its queue, in one object for those that look at jobs from outside (metrics,
 * tests). Each name is defined with its job, in that job's file.
 */
import { CALENDAR_REFRESH_JOB } from './calendar-refresh-job';
import { CHECKIN_JOB } from './checkin-job';
import { DIGEST_JOB } from './digest-job';
import { MATTERS_ARISING_JOB } from './matters-arising-job';
import { REMINDER_CLOSED_JOB } from './reminder-closed-job';
import { REMINDER_JOB } from './reminder-job';
import { REPAIR_JOB } from './repair-job';

export const JOB = {
  reminder: REMINDER_JOB,
  reminderClosed: REMINDER_CLOSED_JOB,
  digest: DIGEST_JOB,
  mattersArising: MATTERS_ARISING_JOB,
  checkin: CHECKIN_JOB,
  /** The repair pass (jobs/repair-job.ts); carries no data. */
  repair: REPAIR_JOB,
  /** The calendar refresh (jobs/calendar-refresh-job.ts); carries no data. */
  calendarRefresh: CALENDAR_REFRESH_JOB,
} as const;
