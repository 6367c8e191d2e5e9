/**
 * The daily reading of every channel's meeting calendar (src/core/calendar/calendar-refresh.ts), as a
 * BullMQ job on the channel-posts queue, in the shape of the repair pass:
 * - on a schedule: one job scheduler with a fixed id (`every` CALENDAR_REFRESH_EVERY_MS, four times a day,
 *   so a feed that is down at one reading is read again the same day), so any number of worker processes
 *   upserting it at start still make one schedule;
 * - at start: a job with a fixed id, removed once done, so workers starting together add one job.
 * A pass walks the index of channels with a calendar (src/store/redis-calendar-index.ts), CONCURRENCY feeds
 * at a time. Each channel's refresh is idempotent, so a pass run twice (a retry, a start beside a
 * scheduled run) changes nothing the second time. A channel whose feed fails keeps its last good next
 * meeting; the failure is logged here, and the channel is told once when it has lasted days.
 */
import type { Queue } from 'bullmq';
import type { CalendarServiceDeps, RefreshOutcome } from '../src/core/calendar/calendar-refresh';
import { refreshCalendar } from '../src/core/calendar/calendar-refresh';
import { type ChannelRef, channelId } from '../src/core/domain';
import type { ReminderLog } from '../src/core/reminders/reminder-deps';

/** The job's name on the channel-posts queue; it carries no data. */
export const CALENDAR_REFRESH_JOB = 'calendar-refresh';
/** The job scheduler's id: one calendar schedule per install. */
export const CALENDAR_REFRESH_SCHEDULER_ID = 'calendar-refresh';
/** The start-up pass's job id; gone once it is done, so the next start adds it again. */
export const CALENDAR_REFRESH_START_JOB_ID = 'calendar-refresh-start';

export const CALENDAR_REFRESH_EVERY_MS = 6 * 3600_000;
/** Feeds read at once: enough that a thousand channels take seconds, few enough to be polite to a host. */
export const CALENDAR_REFRESH_CONCURRENCY = 8;

/** Upserts the schedule and adds the start-up pass. */
export async function scheduleCalendarRefresh(
  queue: Queue,
  everyMs = CALENDAR_REFRESH_EVERY_MS,
): Promise<void> {
  await queue.upsertJobScheduler(
    CALENDAR_REFRESH_SCHEDULER_ID,
    { every: everyMs },
    { name: CALENDAR_REFRESH_JOB },
  );
  await queue.add(
    CALENDAR_REFRESH_JOB,
    {},
    { jobId: CALENDAR_REFRESH_START_JOB_ID, removeOnComplete: true, removeOnFail: true },
  );
}

export interface CalendarRefreshJobDeps {
  service: CalendarServiceDeps;
  log: ReminderLog;
  concurrency?: number;
}

/** What one pass did. */
export interface CalendarPass {
  channels: number;
  read: number;
  changed: number;
  failed: number;
  told: number;
}

/** Reads every channel's calendar, a few at a time; one channel's fault never stops the others. */
export async function runCalendarRefresh(deps: CalendarRefreshJobDeps): Promise<CalendarPass> {
  const channels = await deps.service.calendars.index.list();
  const pass: CalendarPass = { channels: channels.length, read: 0, changed: 0, failed: 0, told: 0 };
  let nextIndex = 0;
  const lane = async () => {
    for (let i = nextIndex++; i < channels.length; i = nextIndex++) {
      const channel = channels[i] as ChannelRef;
      count(pass, await refreshOne(deps, channel));
    }
  };
  const lanes = Math.max(1, deps.concurrency ?? CALENDAR_REFRESH_CONCURRENCY);
  await Promise.all(Array.from({ length: Math.min(lanes, channels.length) }, lane));
  const line = `Calendars: ${pass.channels} channels; read ${pass.read}, next meeting changed ${pass.changed}, failed ${pass.failed}, told of failing ${pass.told}`;
  if (pass.failed > 0) deps.log.warn(line);
  else if (pass.channels > 0) deps.log.info(line);
  return pass;
}

async function refreshOne(deps: CalendarRefreshJobDeps, channel: ChannelRef): Promise<RefreshOutcome | null> {
  try {
    const outcome = await refreshCalendar(deps.service, channel);
    if (outcome.kind === 'failed') {
      deps.log.warn(`Calendars: ${channelId(channel)}: the feed could not be read: ${outcome.error}`);
    }
    return outcome;
  } catch (error) {
    deps.log.warn(`Calendars: ${channelId(channel)}: refresh failed:`, error);
    return null;
  }
}

function count(pass: CalendarPass, outcome: RefreshOutcome | null): void {
  if (outcome === null || outcome.kind === 'failed') pass.failed += 1;
  if (outcome?.kind === 'failed' && outcome.told) pass.told += 1;
  if (outcome?.kind === 'read') {
    pass.read += 1;
    if (outcome.followed.changed) pass.changed += 1;
  }
}
