/**
 * Reading a channel's calendar feed and making its next occurrence the channel's next meeting, for the
 * command that sets the feed and for the daily refresh (jobs/calendar-refresh-job.ts).
 *
 * The next meeting follows the feed, with what follows the next meeting (actions due "by next meeting",
 * the matters-arising post, reminders: scheduler.channelChanged), except while a date set by hand with
 * `meeting next` has not passed: that one wins. A refresh is idempotent (the same feed read twice changes
 * nothing the second time). A feed that fails keeps the last good next meeting; the failure is recorded,
 * and when it has lasted FAILING_TOLD_AFTER_MS the channel is told, once per run of failures.
 */
import { localDateOf, localDateTimeToInstant, localTimeOf } from '../dates/local-date';
import type { CalendarFeed, ChannelMeetings, ChannelRef } from '../domain';
import { formatLocalDate } from '../format-date';
import { moveNextMeetingDues } from '../meeting-commands';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { notice } from '../views/notice';
import { type CalendarDeps, FeedProblem } from './calendar-ports';
import { type FeedOccurrence, NotICalendar, nextOccurrence } from './next-occurrence';

/** A feed failing this long (three days of daily refreshes) is told to the channel. */
export const FAILING_TOLD_AFTER_MS = 3 * 24 * 3600_000;

export type CalendarServiceDeps = ServiceDeps & { calendars: CalendarDeps };

/** Fetches the feed and finds its next meeting; throws FeedProblem or NotICalendar. */
export async function readNextMeeting(
  feeds: CalendarDeps['feeds'],
  url: string,
  now: Date,
  timezone: string,
): Promise<FeedOccurrence | null> {
  const text = await feeds.read(url);
  return nextOccurrence(text, now, timezone);
}

/** The instant a local next-meeting value (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) stands for. */
function meetingInstant(next: string, timezone: string): Date {
  const [date = '', time] = next.split('T');
  // A date without a time has not passed until its day has.
  return time
    ? localDateTimeToInstant(date, time, timezone)
    : localDateTimeToInstant(date, '23:59', timezone);
}

/** True while a next meeting set by hand has not passed: it wins over the calendar. */
export function handDateStands(meetings: ChannelMeetings, now: Date, timezone: string): boolean {
  if (!meetings.nextByHand || !meetings.next) return false;
  return meetingInstant(meetings.next, timezone).getTime() > now.getTime();
}

/** What following the calendar did to the channel's next meeting. */
export interface Followed {
  /** The next meeting now (null when there is none). */
  next: string | null;
  /** True when the calendar's date replaced another. */
  changed: boolean;
  /** True when a date set by hand stands instead of the calendar's. */
  byHand: boolean;
  /** How many actions due "by next meeting" moved. */
  moved: number;
}

/**
 * Stores `calendar` and makes its next meeting the channel's, unless a date set by hand stands or the feed
 * has nothing ahead (the old date is kept, and passes by itself).
 */
export async function followCalendar(
  deps: ServiceDeps,
  channel: ChannelRef,
  meetings: ChannelMeetings,
  calendar: CalendarFeed,
  timezone: string,
): Promise<Followed> {
  const now = deps.clock.now();
  const byHand = handDateStands(meetings, now, timezone);
  const next = byHand || calendar.next === null ? meetings.next : calendar.next;
  const changed = next !== meetings.next;
  // Once a date set by hand has passed, the calendar leads again.
  await deps.store.saveMeetings(channel, { ...meetings, calendar, next, nextByHand: byHand });
  if (!changed || next === null) return { next, changed, byHand, moved: 0 };
  const moved = await moveNextMeetingDues(deps, { channel, userId: calendar.setBy }, next);
  try {
    await deps.scheduler.channelChanged(channel);
  } catch (error) {
    deps.onBackgroundError?.('rescheduling the channel', error, { channel });
  }
  return { next, changed, byHand, moved };
}

/** What one refresh of one channel did, for the job's log and the bench. */
export type RefreshOutcome =
  | { kind: 'no-calendar' }
  | { kind: 'read'; followed: Followed }
  | { kind: 'failed'; error: string; told: boolean };

/** Reads the channel's feed again and follows it; a failing feed keeps the last good next meeting. */
export async function refreshCalendar(
  deps: CalendarServiceDeps,
  channel: ChannelRef,
): Promise<RefreshOutcome> {
  const ctx = await loadChannelContext(deps, channel);
  const calendar = ctx.meetings.calendar;
  if (!calendar) return { kind: 'no-calendar' };
  const now = deps.clock.now();
  let found: FeedOccurrence | null;
  try {
    found = await readNextMeeting(deps.calendars.feeds, calendar.url, now, ctx.timezone);
  } catch (error) {
    if (!(error instanceof FeedProblem) && !(error instanceof NotICalendar)) throw error;
    return recordFailure(deps, channel, calendar.url, now, ctx.timezone, error.message);
  }
  // Read again after the fetch: a chair may have changed the meetings (or the feed) meanwhile.
  const meetings = await deps.store.getMeetings(channel);
  if (meetings.calendar?.url !== calendar.url) return { kind: 'no-calendar' };
  const read: CalendarFeed = {
    ...meetings.calendar,
    readAt: now.toISOString(),
    next: found?.date ?? null,
    failingSince: null,
    lastError: null,
    failureToldAt: null,
  };
  return { kind: 'read', followed: await followCalendar(deps, channel, meetings, read, ctx.timezone) };
}

async function recordFailure(
  deps: ServiceDeps,
  channel: ChannelRef,
  url: string,
  now: Date,
  timezone: string,
  error: string,
): Promise<RefreshOutcome> {
  const meetings = await deps.store.getMeetings(channel);
  const calendar = meetings.calendar;
  if (!calendar || calendar.url !== url) return { kind: 'no-calendar' };
  const failingSince = calendar.failingSince ?? now.toISOString();
  const due = now.getTime() - Date.parse(failingSince) >= FAILING_TOLD_AFTER_MS;
  const tell = due && calendar.failureToldAt === null;
  const failureToldAt = tell ? now.toISOString() : calendar.failureToldAt;
  await deps.store.saveMeetings(channel, {
    ...meetings,
    calendar: { ...calendar, failingSince, lastError: error, failureToldAt },
  });
  if (tell) {
    const text = failingNotice(calendar, meetings.next, error, timezone);
    await deps.messenger.post({ kind: 'channel', channel }, notice(text));
  }
  return { kind: 'failed', error, told: tell };
}

/** The local `YYYY-MM-DDTHH:mm` of an instant, as formatLocalDate reads it. */
export function localStamp(iso: string, timezone: string): string {
  const at = new Date(iso);
  return `${localDateOf(at, timezone)}T${localTimeOf(at, timezone)}`;
}

function failingNotice(calendar: CalendarFeed, next: string | null, error: string, timezone: string): string {
  const stays = next ? `The next meeting stays ${formatLocalDate(next)}.` : 'No next meeting is set.';
  return (
    `The meeting calendar ${calendar.url} has not been read since ${formatLocalDate(localStamp(calendar.readAt, timezone))}: ${error}. ` +
    `${stays} \`meeting calendar ${calendar.url}\` tries it again now; \`meeting calendar off\` stops using it.`
  );
}
