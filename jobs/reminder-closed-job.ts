/**
 * The reminder-closed job: once an action is closed or dropped, updates the reminder DMs already shown for
 * it (src/core/reminders/due-reminder.ts), on the reminders queue. One job per closed version.
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema } from '../src/core/domain';
import { updateClosedReminders } from '../src/core/reminders/due-reminder';
import type { ReminderWorkDeps } from '../src/core/reminders/reminder-deps';
import { channelHash } from './job-ids';

export const REMINDER_CLOSED_JOB = 'reminder-closed';

export const ReminderClosedJobSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
});
export type ReminderClosedJob = z.infer<typeof ReminderClosedJobSchema>;

/** `closed-<channel hash>-<n>-v<version>`: one update of the shown reminders per closed version. */
export function closedJobId(channel: ChannelRef, number: number, version: number): string {
  return `closed-${channelHash(channel)}-${number}-v${version}`;
}

/** The job that updates the reminders shown for this closed version of the action: at once. */
export function reminderClosedJob(channel: ChannelRef, number: number, version: number) {
  const data: ReminderClosedJob = { channel, number };
  return { name: REMINDER_CLOSED_JOB, data, opts: { jobId: closedJobId(channel, number, version) } };
}

/** How many shown reminders were updated. */
export async function processReminderClosed(raw: unknown, deps: ReminderWorkDeps): Promise<number> {
  const data = ReminderClosedJobSchema.parse(raw);
  return updateClosedReminders(deps, data.channel, data.number);
}
