/**
 * `meeting calendar <url>` and `meeting calendar off`: a channel's next meeting from an iCalendar feed.
 * Chairs only, like every change of a channel's meetings. The feed is fetched and read when the command
 * is given, so a wrong address is refused at once with what was wrong (no answer, an error status, not
 * iCalendar, too large, an address that is not public, nothing ahead) and the previous setting stays;
 * only then is anything stored. The daily refresh is calendar-refresh.ts.
 */
import { takeChannelChange } from '../channel-chairs';
import type { Reply } from '../chat-service';
import type { Actor, CalendarFeed, ChannelMeetings } from '../domain';
import { UserError } from '../errors';
import { formatLocalDate } from '../format-date';
import { assertMayRunChannel } from '../permissions';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { notice } from '../views/notice';
import { FeedProblem } from './calendar-ports';
import {
  type CalendarServiceDeps,
  type Followed,
  followCalendar,
  localStamp,
  readNextMeeting,
} from './calendar-refresh';
import { CALENDAR_USAGE, calendarUrl } from './calendar-url';
import { NotICalendar } from './next-occurrence';

const UNCHANGED = 'The calendar setting is unchanged.';

/** The service's calendar deps, or an answer that says this install cannot read calendars. */
function withCalendars(deps: ServiceDeps): CalendarServiceDeps {
  if (deps.calendars) return { ...deps, calendars: deps.calendars };
  throw new UserError(
    'bad_command',
    'This Arising cannot read calendar feeds; set the next meeting with `meeting next`.',
  );
}

export async function setCalendar(deps: ServiceDeps, actor: Actor, words: string): Promise<Reply> {
  const full = withCalendars(deps);
  const ctx = await loadChannelContext(deps, actor.channel);
  assertMayRunChannel(actor.userId, ctx.settings, 'change its meetings');
  const url = calendarUrl(words).href;
  const now = deps.clock.now();
  const found = await readNextMeeting(full.calendars.feeds, url, now, ctx.timezone).catch(
    (error: unknown) => {
      throw refusal(url, error, full.calendars.feeds.maxBytes);
    },
  );
  if (!found) {
    throw new UserError(
      'bad_setting',
      `The calendar ${url} has no event after now, so it cannot give the next meeting. ${UNCHANGED}`,
    );
  }
  await takeChannelChange(deps, actor, 'change its meetings');
  // The index first: a channel in it without a calendar costs one read; one missing from it would never refresh.
  await full.calendars.index.add(actor.channel);
  const calendar: CalendarFeed = {
    url,
    setBy: actor.userId,
    readAt: now.toISOString(),
    next: found.date,
    failingSince: null,
    lastError: null,
    failureToldAt: null,
  };
  const result = await followCalendar(deps, actor.channel, () => calendar, ctx.timezone);
  const title = found.title ? ` (${found.title})` : '';
  const head = `The next meeting now comes from the calendar ${url}, read again every day. Its next event: ${formatLocalDate(found.date)}${title}.`;
  const tail = result ? followedTail(result.followed, result.before) : '';
  return { kind: 'channel', view: notice(`${head}${tail}`) };
}

function followedTail(followed: Followed, before: ChannelMeetings): string {
  if (followed.byHand && before.next) {
    return ` The date set with \`meeting next\`, ${formatLocalDate(before.next)}, stays the next meeting until it has passed.`;
  }
  if (followed.moved === 0) return '';
  return ` ${followed.moved} action${followed.moved === 1 ? '' : 's'} due by the next meeting moved with it.`;
}

export async function calendarOff(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const full = withCalendars(deps);
  const ctx = await loadChannelContext(deps, actor.channel);
  assertMayRunChannel(actor.userId, ctx.settings, 'change its meetings');
  const calendar = ctx.meetings.calendar;
  if (!calendar) {
    return {
      kind: 'ephemeral',
      view: notice(`This channel has no meeting calendar. Write ${CALENDAR_USAGE}.`),
    };
  }
  await takeChannelChange(deps, actor, 'change its meetings');
  const { after } = await deps.store.updateMeetings(actor.channel, (meetings) => ({
    ...meetings,
    calendar: null,
  }));
  await full.calendars.index.remove(actor.channel);
  const next = after.next;
  const stays = next ? ` The next meeting stays ${formatLocalDate(next)}; \`meeting next\` changes it.` : '';
  return {
    kind: 'channel',
    view: notice(`The next meeting no longer comes from the calendar ${calendar.url}.${stays}`),
  };
}

/** The `meeting` line about the calendar: its address, when it was last read, and any failure since. */
export function describeCalendar(meetings: ChannelMeetings, timezone: string): string | null {
  const calendar = meetings.calendar;
  if (!calendar) return null;
  const read = `Calendar: ${calendar.url}, last read ${formatLocalDate(localStamp(calendar.readAt, timezone))}.`;
  if (!calendar.failingSince || !calendar.lastError) return read;
  return `${read} Reading it has failed since ${formatLocalDate(localStamp(calendar.failingSince, timezone))}: ${calendar.lastError}.`;
}

/** A feed that could not be used, as an answer that says why and that nothing changed. */
function refusal(url: string, error: unknown, maxBytes: number): unknown {
  if (error instanceof NotICalendar) {
    return new UserError(
      'bad_setting',
      `${url} is not an iCalendar feed (${error.message}). Give the calendar's iCal (.ics) address: in Google Calendar "Secret address in iCal format", in Outlook a published calendar's ICS link. ${UNCHANGED}`,
    );
  }
  if (!(error instanceof FeedProblem)) return error;
  const why: Record<FeedProblem['kind'], string> = {
    timeout: `did not answer in time`,
    status: `answered with an error (${error.message})`,
    'too-large': `is larger than ${Math.round(maxBytes / 1_000_000)} MB, more than a meeting calendar needs`,
    refused: `cannot be read from here: ${error.message} (calendars are read only from public addresses)`,
    connection: `could not be reached (${error.message})`,
  };
  return new UserError('bad_setting', `The calendar ${url} ${why[error.kind]}. ${UNCHANGED}`);
}
