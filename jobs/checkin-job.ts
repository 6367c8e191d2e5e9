/**
 * The check-in job, on the channel-posts queue: a delayed job `settings checkin` before the channel's next
 * meeting (src/core/checkin/checkin-time.ts), which asks each owner of each open action how it stands
 * (src/core/checkin/send-checkins.ts).
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { CheckinJobs } from '../src/core/checkin/checkin-jobs';
import { type CheckinOutcome, type CheckinWorkDeps, sendCheckins } from '../src/core/checkin/send-checkins';
import { type ChannelRef, ChannelRefSchema } from '../src/core/domain';
import { channelHash } from './job-ids';
import { delayUntil } from './job-settings';

export const CHECKIN_JOB = 'checkin';

export const CheckinJobSchema = z.object({
  channel: ChannelRefSchema,
  /** The next meeting it was planned for, local `YYYY-MM-DD[THH:mm]`. */
  meeting: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/),
  /** The planned instant. */
  fireAt: z.iso.datetime(),
});
export type CheckinJob = z.infer<typeof CheckinJobSchema>;

/**
 * `ci-<channel hash>-<meeting>-<ms>`, the meeting without `:` (`20260120T1400`): one job per channel,
 * meeting and instant, so planning twice makes one and a moved offset makes another.
 */
export function checkinJobId(channel: ChannelRef, meeting: string, fireAt: Date): string {
  return `ci-${channelHash(channel)}-${meeting.replace(/[-:]/g, '')}-${fireAt.getTime()}`;
}

export function checkinJob(channel: ChannelRef, meeting: string, at: Date) {
  const data: CheckinJob = { channel, meeting, fireAt: at.toISOString() };
  return {
    name: CHECKIN_JOB,
    data,
    opts: { jobId: checkinJobId(channel, meeting, at), delay: delayUntil(at) },
  };
}

/** The check-in jobs port on a queue (the channel-posts one). */
export class BullCheckinJobs implements CheckinJobs {
  constructor(private readonly queue: Queue) {}

  checkinJobId(channel: ChannelRef, meeting: string, at: Date): string {
    return checkinJobId(channel, meeting, at);
  }

  async addCheckin(channel: ChannelRef, meeting: string, at: Date): Promise<void> {
    const job = checkinJob(channel, meeting, at);
    await this.queue.add(job.name, job.data, job.opts);
  }

  async removeCheckin(jobId: string): Promise<void> {
    await this.queue.remove(jobId);
  }
}

export async function processCheckin(raw: unknown, deps: CheckinWorkDeps): Promise<CheckinOutcome> {
  const data = CheckinJobSchema.parse(raw);
  return sendCheckins(deps, { channel: data.channel, meeting: data.meeting, fireAt: new Date(data.fireAt) });
}
