/**
 * The matters-arising job, on the channel-posts queue: a delayed job 2 working days before the channel's
 * next meeting at 09:00 (src/core/reminders/matters-arising-time.ts), which posts the summary and nudges
 * the owners (src/core/reminders/matters-arising-post.ts).
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema } from '../src/core/domain';
import { type MattersArisingOutcome, postMattersArising } from '../src/core/reminders/matters-arising-post';
import type { ReminderWorkDeps } from '../src/core/reminders/reminder-deps';
import { channelHash } from './job-ids';
import { delayUntil } from './job-settings';

export const MATTERS_ARISING_JOB = 'matters-arising';

export const MattersArisingJobSchema = z.object({
  channel: ChannelRefSchema,
  /** The planned instant (2 working days before the meeting, 09:00). */
  fireAt: z.iso.datetime(),
  /** The next meeting it was planned for, local `YYYY-MM-DD[THH:mm]`. */
  meeting: z.string().min(10),
});
export type MattersArisingJob = z.infer<typeof MattersArisingJobSchema>;

/** `ma-<channel hash>-<ms>`: one job per channel and instant. */
export function mattersArisingJobId(channel: ChannelRef, fireAt: Date): string {
  return `ma-${channelHash(channel)}-${fireAt.getTime()}`;
}

/** The job for the next meeting (`meeting`, local) at `at`: delayed until then. */
export function mattersArisingJob(channel: ChannelRef, at: Date, meeting: string) {
  const data: MattersArisingJob = { channel, fireAt: at.toISOString(), meeting };
  return {
    name: MATTERS_ARISING_JOB,
    data,
    opts: { jobId: mattersArisingJobId(channel, at), delay: delayUntil(at) },
  };
}

export async function processMattersArising(
  raw: unknown,
  deps: ReminderWorkDeps,
  jobId: string,
): Promise<MattersArisingOutcome> {
  const data = MattersArisingJobSchema.parse(raw);
  return postMattersArising(deps, { channel: data.channel, fireAt: new Date(data.fireAt), jobId });
}
