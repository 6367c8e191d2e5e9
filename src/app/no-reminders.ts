import type { Scheduler } from '../core/ports';

/**
 * A Scheduler that schedules nothing. This is an explicit composition choice for this version: reminders,
 * digests and the matters-arising post arrive with the reminders issue, whose BullMQ scheduler replaces
 * this one in the composition root. Actions still work in full; nobody is reminded of them yet.
 */
export class NoReminders implements Scheduler {
  async actionChanged(): Promise<void> {}
  async channelChanged(): Promise<void> {}
}
