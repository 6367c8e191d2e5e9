/**
 * The calendar refresh as a real BullMQ job on real Redis: the worker walks the index of channels with a
 * calendar (RedisCalendarIndex), a channel whose feed has moved on gets the new next meeting, a channel whose
 * feed fails keeps its last good one and the failure is logged, a second pass changes nothing, and
 * the schedule is one however often it is upserted.
 */
import { type RunningJobs, startJobs } from '../../jobs';
import {
  CALENDAR_REFRESH_JOB,
  CALENDAR_REFRESH_SCHEDULER_ID,
  scheduleCalendarRefresh,
} from '../../jobs/calendar-refresh-job';
import { AriseService } from '../../src/core/arising-service';
import type { CalendarDeps } from '../../src/core/calendar/calendar-ports';
import { calendarFeedReader } from '../../src/net/calendar-feed-reader';
import { RedisCalendarIndex } from '../../src/store/redis-calendar-index';
import { freshChannel } from '../support/action-fixtures';
import { type FeedServer, fixtureFeed, startFeedServer } from '../support/calendar-feed-server';
import { replyText } from '../support/core-harness';
import { eventually } from '../support/start-server';
import { type Harness, LONDON, startHarness } from './reminders-harness';

let feeds: FeedServer;
let h: Harness;
let jobs: RunningJobs | null = null;
let now = new Date('2026-12-16T12:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await jobs?.close();
  await h?.stop();
  await feeds.close();
});

it('refreshes every channel with a calendar, keeps the last good date of a failing feed, and is idempotent', async () => {
  h = await startHarness({ workers: false, clock });
  const calendars: CalendarDeps = {
    feeds: calendarFeedReader({ allowPrivate: true, timeoutMs: 2000 }),
    index: new RedisCalendarIndex(h.r.redis, h.r.prefix),
  };
  const service = new AriseService({
    store: h.store,
    messenger: h.messenger,
    scheduler: h.scheduler,
    clock,
    defaultTimezone: LONDON,
    calendars,
  });
  const monthly = freshChannel({ team: `T-${h.r.prefix}` });
  const failing = freshChannel({ team: `T-${h.r.prefix}` });
  const set = (channel: typeof monthly, url: string) =>
    service.command({ channel, userId: 'U_CHAIR' }, `meeting calendar ${url}`).then(replyText);
  expect(await set(monthly, `${feeds.url}/monthly-second-tuesday.ics`)).toContain('Tue 12 Jan 2027, 18:00');
  feeds.live = fixtureFeed('weekly-committee.ics');
  expect(await set(failing, `${feeds.url}/live.ics`)).toContain('Thu 7 Jan 2027, 14:00');
  expect(await calendars.index.list()).toHaveLength(2);

  // A month on, one feed is down.
  feeds.live = null;
  now = new Date('2027-01-13T09:00:00Z');
  jobs = await startJobs({ ...h.options, calendars }, h.scheduler);
  await eventually(async () => (await h.store.getMeetings(monthly)).next === '2027-02-09T18:00');
  const kept = await eventually(async () => {
    const meetings = await h.store.getMeetings(failing);
    return meetings.calendar?.lastError ? meetings : undefined;
  });
  expect(kept.next).toBe('2027-01-07T14:00');
  expect(kept.calendar).toMatchObject({ lastError: 'HTTP 503', failingSince: '2027-01-13T09:00:00.000Z' });
  expect(h.logs.join('\n')).toContain(`the feed could not be read: HTTP 503`);

  // The same pass again (a retry, or a start beside the schedule): nothing changes.
  const before = { monthly: await h.store.getMeetings(monthly), failing: await h.store.getMeetings(failing) };
  const queue = h.scheduler.queues.channelPosts;
  await queue.add(CALENDAR_REFRESH_JOB, {}, { jobId: 'calendar-refresh-again' });
  await eventually(async () => (await queue.getJobState('calendar-refresh-again')) === 'completed');
  expect(await h.store.getMeetings(monthly)).toEqual(before.monthly);
  expect(await h.store.getMeetings(failing)).toEqual(before.failing);

  // One schedule, however many workers upsert it.
  await scheduleCalendarRefresh(queue);
  await scheduleCalendarRefresh(queue);
  const schedulers = await queue.getJobSchedulers();
  expect(schedulers.filter((s) => s.key === CALENDAR_REFRESH_SCHEDULER_ID)).toHaveLength(1);
});
