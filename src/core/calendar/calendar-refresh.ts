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
import { NO_CHANGE } from '../ports';
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

/** The calendar to store, from the meetings as they are now; null to store nothing (it was taken off). */
export type CalendarOf = (meetings: ChannelMeetings) => CalendarFeed | null;

/**
 * Stores the calendar and makes its next meeting the channel's, unless a date set by hand stands or the feed
 * has nothing ahead (the old date is kept, and passes by itself). One atomic update of the meetings as they
 * are when stored (a `meeting next` or `meeting X on` run meanwhile is kept); what follows the new date is
 * done once, after it. Null when `calendarOf` stored nothing; else what it did and the meetings before it.
 */
export async function followCalendar(
  deps: ServiceDeps,
  channel: ChannelRef,
  calendarOf: CalendarOf,
  timezone: string,
): Promise<{ followed: Followed; before: ChannelMeetings } | null> {
  const now = deps.clock.now();
  const update = await deps.store.updateMeetings(channel, (meetings) => {
    const calendar = calendarOf(meetings);
    if (!calendar) return NO_CHANGE;
    const byHand = handDateStands(meetings, now, timezone);
    const next = byHand || calendar.next === null ? meetings.next : calendar.next;
    // Once a date set by hand has passed, the calendar leads again.
    return { ...meetings, calendar, next, nextByHand: byHand };
  });
  if (!update.changed) return null;
  const { before, after } = update;
  const next = after.next;
  const changed = next !== before.next;
  const followed: Followed = { next, changed, byHand: after.nextByHand === true, moved: 0 };
  if (!changed || next === null) return { followed, before };
  // The change stored a calendar, so `after` has one; its setter is who moves the dues.
  const setBy = after.calendar?.setBy ?? '';
  followed.moved = await moveNextMeetingDues(deps, { channel, userId: setBy }, next);
  try {
    await deps.scheduler.channelChanged(channel);
  } catch (error) {
    deps.onBackgroundError?.('rescheduling the channel', error, { channel });
  }
  return { followed, before };
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
  // Changed on the meetings as they are after the fetch: a chair may have changed them (or the feed) meanwhile.
  const reread: CalendarOf = (meetings) =>
    meetings.calendar?.url === calendar.url
      ? {
          ...meetings.calendar,
          readAt: now.toISOString(),
          next: found?.date ?? null,
          failingSince: null,
          lastError: null,
          failureToldAt: null,
        }
      : null;
  const result = await followCalendar(deps, channel, reread, ctx.timezone);
  return result ? { kind: 'read', followed: result.followed } : { kind: 'no-calendar' };
}

async function recordFailure(
  deps: ServiceDeps,
  channel: ChannelRef,
  url: string,
  now: Date,
  timezone: string,
  error: string,
): Promise<RefreshOutcome> {
  const update = await deps.store.updateMeetings(channel, (meetings) => {
    const calendar = meetings.calendar;
    if (!calendar || calendar.url !== url) return NO_CHANGE;
    const { failingSince, failureToldAt } = failureOf(calendar, now);
    return { ...meetings, calendar: { ...calendar, failingSince, lastError: error, failureToldAt } };
  });
  const { before } = update;
  if (!update.changed || !before.calendar) return { kind: 'no-calendar' };
  const { tell } = failureOf(before.calendar, now);
  if (tell) {
    const text = failingNotice(before.calendar, before.next, error, timezone);
    await deps.messenger.post({ kind: 'channel', channel }, notice(text));
  }
  return { kind: 'failed', error, told: tell };
}

/** A failed read of the feed: since when it has failed, and whether the channel is to be told now. */
function failureOf(calendar: CalendarFeed, now: Date) {
  const failingSince = calendar.failingSince ?? now.toISOString();
  const due = now.getTime() - Date.parse(failingSince) >= FAILING_TOLD_AFTER_MS;
  const tell = due && calendar.failureToldAt === null;
  const failureToldAt = tell ? now.toISOString() : calendar.failureToldAt;
  return { failingSince, failureToldAt, tell };
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
