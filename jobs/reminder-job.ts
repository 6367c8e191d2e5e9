/**
 * The reminder job: one reminder of one action at one planned instant, on the reminders queue. Its data
 * says which action and when; what it does is the core's (src/core/reminders/due-reminder.ts).
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema } from '../src/core/domain';
import {
  type DueReminderDeps,
  type ReminderOutcome,
  sendDueReminder,
} from '../src/core/reminders/due-reminder';
import { channelHash } from './job-ids';
import { delayUntil } from './job-settings';

export const REMINDER_JOB = 'reminder';

/** Validated before acting, so a job written by another version of Arising fails loudly. */
export const ReminderJobSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
  /** The planned instant; the processor checks it is still planned. */
  fireAt: z.iso.datetime(),
});
export type ReminderJob = z.infer<typeof ReminderJobSchema>;

/** `rem-<channel hash>-<n>-<ms>`: one job per action and instant. */
export function reminderJobId(channel: ChannelRef, number: number, fireAt: Date): string {
  return `rem-${channelHash(channel)}-${number}-${fireAt.getTime()}`;
}

/**
 * Attempts of a reminder job: more than the queues' default (6, about a minute of retries), because a
 * reminder by email waits out a mail server that is down or answers 4xx: with the default exponential
 * backoff from 2 s, 12 attempts retry for about 68 minutes before the job fails (kept a week to look into).
 * Each retry sends only what is not yet sent (send-once), so DMs are not repeated by it.
 */
export const REMINDER_ATTEMPTS = 12;

/** The job that sends the action's reminder at `at`: delayed until then. */
export function reminderJob(channel: ChannelRef, number: number, at: Date) {
  const data: ReminderJob = { channel, number, fireAt: at.toISOString() };
  return {
    name: REMINDER_JOB,
    data,
    opts: { jobId: reminderJobId(channel, number, at), delay: delayUntil(at), attempts: REMINDER_ATTEMPTS },
  };
}

/** Sends the reminder unless it has gone stale; plans the next weekly one after a weekly one. */
export async function processReminder(raw: unknown, deps: DueReminderDeps): Promise<ReminderOutcome> {
  const data = ReminderJobSchema.parse(raw);
  const fireAt = new Date(data.fireAt);
  const jobId = reminderJobId(data.channel, data.number, fireAt);
  return sendDueReminder(deps, { channel: data.channel, number: data.number, fireAt, jobId });
}
