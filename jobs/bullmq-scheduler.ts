/**
 * The reminder jobs port (src/core/reminders/reminder-jobs.ts) on BullMQ, and the Scheduler the core calls
 * on top of it. What to plan is the core's (src/core/reminders/reminder-planner.ts); this only turns each
 * request into the job of that kind (its id, data and options come from the kind's own file):
 * - reminders and the matters-arising post are delayed jobs with deterministic ids, so adding one twice
 *   makes one job;
 * - the weekly digest is one job scheduler per channel (`upsertJobScheduler` with the channel's `tz`), so
 *   any number of processes upserting it at once still make one.
 */
import type { Queue } from 'bullmq';
import { CheckinPlanner } from '../src/core/checkin/checkin-planner';
import type { CheckinStore } from '../src/core/checkin/checkin-store';
import type { ChannelRef } from '../src/core/domain';
import type { DigestSetting, ReminderJobs } from '../src/core/reminders/reminder-jobs';
import { type PlannerDeps, ReminderPlanner } from '../src/core/reminders/reminder-planner';
import { BullCheckinJobs } from './checkin-job';
import { closeWithin } from './close-within';
import { digestSchedule, digestSchedulerId } from './digest-job';
import { mattersArisingJob, mattersArisingJobId } from './matters-arising-job';
import { reminderClosedJob } from './reminder-closed-job';
import { reminderJob, reminderJobId } from './reminder-job';

const QUEUE_CLOSE_DEADLINE_MS = 2000;

export interface JobQueues {
  reminders: Queue;
  channelPosts: Queue;
}

/** The jobs port on the two queues. */
export class BullReminderJobs implements ReminderJobs {
  constructor(private readonly queues: JobQueues) {}

  reminderJobId(channel: ChannelRef, number: number, at: Date): string {
    return reminderJobId(channel, number, at);
  }

  async addReminders(channel: ChannelRef, number: number, at: Date[]): Promise<void> {
    await this.queues.reminders.addBulk(at.map((instant) => reminderJob(channel, number, instant)));
  }

  async removeReminder(jobId: string): Promise<void> {
    await this.queues.reminders.remove(jobId);
  }

  async addClosedUpdate(channel: ChannelRef, number: number, version: number): Promise<void> {
    const job = reminderClosedJob(channel, number, version);
    await this.queues.reminders.add(job.name, job.data, job.opts);
  }

  mattersArisingJobId(channel: ChannelRef, at: Date): string {
    return mattersArisingJobId(channel, at);
  }

  async addMattersArising(channel: ChannelRef, at: Date, meeting: string): Promise<void> {
    const job = mattersArisingJob(channel, at, meeting);
    await this.queues.channelPosts.add(job.name, job.data, job.opts);
  }

  async removeMattersArising(jobId: string): Promise<void> {
    await this.queues.channelPosts.remove(jobId);
  }

  async setDigest(channel: ChannelRef, digest: DigestSetting | null, timezone: string): Promise<void> {
    if (digest === null) {
      await this.queues.channelPosts.removeJobScheduler(digestSchedulerId(channel));
      return;
    }
    const schedule = digestSchedule(channel, digest, timezone);
    await this.queues.channelPosts.upsertJobScheduler(schedule.id, schedule.repeat, schedule.template);
  }
}

/** The core's planner on BullMQ's queues, which it closes; web and worker processes both need one. */
export class BullScheduler extends ReminderPlanner {
  constructor(
    deps: Omit<PlannerDeps, 'jobs' | 'checkin'> & { checkins?: CheckinStore | undefined },
    readonly queues: JobQueues,
  ) {
    const { checkins, ...planning } = deps;
    const checkin = checkins
      ? new CheckinPlanner({ jobs: new BullCheckinJobs(queues.channelPosts), checkins, clock: deps.clock })
      : undefined;
    super({ ...planning, jobs: new BullReminderJobs(queues), checkin });
  }

  /** Closes the queues' connections; gives up waiting for an unreachable Redis after a few seconds. */
  async close(): Promise<void> {
    await closeWithin([this.queues.reminders, this.queues.channelPosts], QUEUE_CLOSE_DEADLINE_MS);
  }
}
