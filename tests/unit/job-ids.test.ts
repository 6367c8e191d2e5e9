/**
 * Job ids, job names and queue names are stored: BullMQ keeps delayed jobs under them for weeks, and the
 * reminder ledger keeps the ids of each action's pending jobs. A version that made any of them differently
 * would, once deployed over queued jobs, fail to cancel or find them (a closed action's reminder still
 * sent, a moved meeting's post sent twice). So each kind's id is pinned here, as the strings 0.1 made.
 */

import {
  CALENDAR_REFRESH_SCHEDULER_ID,
  CALENDAR_REFRESH_START_JOB_ID,
} from '../../jobs/calendar-refresh-job';
import { checkinJob, checkinJobId } from '../../jobs/checkin-job';
import { digestSchedule, digestSchedulerId } from '../../jobs/digest-job';
import { JOB } from '../../jobs/job-names';
import { CHANNEL_POST_QUEUE, REMINDER_QUEUE } from '../../jobs/job-settings';
import { mattersArisingJob, mattersArisingJobId } from '../../jobs/matters-arising-job';
import { closedJobId, reminderClosedJob } from '../../jobs/reminder-closed-job';
import { ReminderJobSchema, reminderJob, reminderJobId } from '../../jobs/reminder-job';
import { REPAIR_SCHEDULER_ID, REPAIR_START_JOB_ID } from '../../jobs/repair-job';
import type { ChannelRef } from '../../src/core/domain';
import { actionJobKeys, mattersArisingKey } from '../../src/store/redis-reminder-ledger';

const SLACK: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: 'C0PARKS' };
const TEAMS: ChannelRef = { platform: 'teams', team: 'tenant-1', channel: '19:abc@thread.tacv2;messageid=1' };
const AT = new Date('2026-03-02T09:00:00.000Z');

describe('job ids stay what queued jobs were added with', () => {
  it('a reminder is rem-<channel hash>-<number>-<epoch ms>, on Slack and on Teams', () => {
    expect(reminderJobId(SLACK, 7, AT)).toBe('rem-8150ac22c95369ec5a66-7-1772442000000');
    expect(reminderJobId(TEAMS, 12, AT)).toBe('rem-fd859837e633dedc4d78-12-1772442000000');
    expect(reminderJob(SLACK, 7, AT).opts.jobId).toBe('rem-8150ac22c95369ec5a66-7-1772442000000');
  });

  it('the update of a closed action is closed-<channel hash>-<number>-v<version>', () => {
    expect(closedJobId(SLACK, 7, 4)).toBe('closed-8150ac22c95369ec5a66-7-v4');
    expect(reminderClosedJob(SLACK, 7, 4).opts.jobId).toBe('closed-8150ac22c95369ec5a66-7-v4');
  });

  it('the matters-arising post is ma-<channel hash>-<epoch ms>', () => {
    expect(mattersArisingJobId(SLACK, AT)).toBe('ma-8150ac22c95369ec5a66-1772442000000');
    expect(mattersArisingJob(SLACK, AT, '2026-03-04').opts.jobId).toBe(
      'ma-8150ac22c95369ec5a66-1772442000000',
    );
  });

  it('a check-in is ci-<channel hash>-<meeting without - and :>-<epoch ms>', () => {
    expect(checkinJobId(SLACK, '2026-03-04T14:30', AT)).toBe(
      'ci-8150ac22c95369ec5a66-20260304T1430-1772442000000',
    );
    expect(checkinJob(SLACK, '2026-03-04', AT).opts.jobId).toBe(
      'ci-8150ac22c95369ec5a66-20260304-1772442000000',
    );
  });

  it("a channel's digest schedule is digest-<channel hash>, and the repair pass's ids are fixed", () => {
    expect(digestSchedulerId(TEAMS)).toBe('digest-fd859837e633dedc4d78');
    expect(digestSchedule(TEAMS, { weekday: 1, time: '09:00' }, 'Europe/London').id).toBe(
      'digest-fd859837e633dedc4d78',
    );
    expect([REPAIR_SCHEDULER_ID, REPAIR_START_JOB_ID]).toEqual(['repair-actions', 'repair-start']);
    expect([CALENDAR_REFRESH_SCHEDULER_ID, CALENDAR_REFRESH_START_JOB_ID]).toEqual([
      'calendar-refresh',
      'calendar-refresh-start',
    ]);
  });
});

describe('names and data stay what queued jobs carry', () => {
  it('queues and job names are unchanged', () => {
    expect([REMINDER_QUEUE, CHANNEL_POST_QUEUE]).toEqual(['reminders', 'channel-posts']);
    expect(JOB).toEqual({
      reminder: 'reminder',
      reminderClosed: 'reminder-closed',
      digest: 'digest',
      mattersArising: 'matters-arising',
      checkin: 'checkin',
      repair: 'repair',
      calendarRefresh: 'calendar-refresh',
    });
  });

  it('a reminder job written by 0.1 still reads', () => {
    const old = { channel: SLACK, number: 7, fireAt: '2026-03-02T09:00:00.000Z' };
    expect(ReminderJobSchema.parse(old)).toEqual(old);
    expect(reminderJob(SLACK, 7, AT).data).toEqual(old);
  });

  it("the reminder ledger's keys are those 0.1 wrote, in the channel's hash tag", () => {
    expect(actionJobKeys('arising', SLACK, 7)).toEqual({
      jobs: 'arising:{slack:T0TEAM:C0PARKS}:reminder-jobs:7',
      plan: 'arising:{slack:T0TEAM:C0PARKS}:reminder-plan:7',
      planned: 'arising:{slack:T0TEAM:C0PARKS}:reminder-planned:7',
      dms: 'arising:{slack:T0TEAM:C0PARKS}:reminder-dms:7',
    });
    expect(mattersArisingKey('arising', SLACK)).toBe('arising:{slack:T0TEAM:C0PARKS}:matters-arising-job');
  });
});
