/**
 * Keeps a channel's one check-in job where its setting and next meeting put it: called with the channel's
 * facts whenever its settings or meetings change (ReminderPlanner.channelChanged). The pending job's id is
 * kept with the channel's check-ins, so a moved meeting, a changed offset or `settings checkin off` removes
 * the old job without scanning the queue; a job already running checks the schedule and finds itself stale.
 */
import type { ChannelRef } from '../domain';
import type { Clock } from '../ports';
import type { ChannelContext } from '../service-deps';
import type { CheckinJobs } from './checkin-jobs';
import type { CheckinStore } from './checkin-store';
import { checkinAt } from './checkin-time';

export interface CheckinPlanningDeps {
  jobs: CheckinJobs;
  checkins: CheckinStore;
  clock: Clock;
}

export class CheckinPlanner {
  constructor(private readonly deps: CheckinPlanningDeps) {}

  /** Makes the channel's pending check-in job exactly the one its facts ask for (or none). */
  async sync(channel: ChannelRef, facts: ChannelContext): Promise<void> {
    const { jobs, checkins, clock } = this.deps;
    const meeting = facts.meetings.next;
    const at = checkinAt(meeting, facts);
    const wanted = meeting && at && at.getTime() > clock.now().getTime() ? { meeting, at } : null;
    const jobId = wanted ? jobs.checkinJobId(channel, wanted.meeting, wanted.at) : null;
    const previous = await checkins.pendingJob(channel);
    if (previous && previous !== jobId) await jobs.removeCheckin(previous);
    if (wanted) await jobs.addCheckin(channel, wanted.meeting, wanted.at);
    if (previous !== jobId) await checkins.setPendingJob(channel, jobId);
  }
}
