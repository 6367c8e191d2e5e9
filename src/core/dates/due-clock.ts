/**
 * The channel's clock and calendar while one due phrase is read, and the one rule every reading shares:
 * a local date without a time falls due at the end of that working day, 17:00 local.
 */
import type { HolidayTest } from '../working-days';
import { type LocalDate, type LocalTime, localDateTimeToInstant } from './local-date';

/** A date without a time falls due at the end of the working day. */
export const END_OF_WORKING_DAY: LocalTime = '17:00';

/** The channel's clock and calendar while one phrase is read. */
export interface DueClock {
  now: Date;
  timezone: string;
  /** `now` as a local date and wall-clock time in `timezone`. */
  today: LocalDate;
  nowTime: LocalTime;
  workdays: readonly number[];
  isHoliday?: HolidayTest;
}

/** A local date and optional time, before it is checked and turned into a Due. */
export interface LocalDue {
  date: LocalDate;
  time: LocalTime | null;
}

/** The instant a local due date falls due: its time, or the end of that working day. */
export function dueInstant(local: LocalDue, timezone: string): Date {
  return localDateTimeToInstant(local.date, local.time ?? END_OF_WORKING_DAY, timezone);
}

/** True when the local due moment is at or before now. */
export function isPast(local: LocalDue, clock: DueClock): boolean {
  return dueInstant(local, clock.timezone).getTime() <= clock.now.getTime();
}
