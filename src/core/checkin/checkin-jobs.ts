/**
 * The check-in jobs port: the delayed job that asks the owners before a meeting (jobs/checkin-job.ts on
 * BullMQ). Its id is made from the channel, the meeting and the instant, so planning it twice makes one
 * job, and a moved meeting or a changed setting makes a new one (the planner removes the old).
 */
import type { ChannelRef } from '../domain';

export interface CheckinJobs {
  checkinJobId(channel: ChannelRef, meeting: string, at: Date): string;
  /** Adds the check-in for the meeting (local `YYYY-MM-DD[THH:mm]`) at `at`; an existing id is a no-op. */
  addCheckin(channel: ChannelRef, meeting: string, at: Date): Promise<void>;
  /** Removes a pending check-in (one already running finds itself stale). */
  removeCheckin(jobId: string): Promise<void>;
}
