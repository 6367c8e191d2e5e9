/**
 * `meeting`: the channel's current meeting (new actions belong to it) and the date of the next one.
 * Moving the next meeting moves every open action due "by next meeting" with it, so once a channel has
 * chairs only they change its meetings (channel-chairs.ts); anyone may see them.
 */
import { setDue } from './action-changes';
import { afterChange } from './action-updates';
import { describeCalendar } from './calendar/calendar-commands';
import { takeChannelChange } from './channel-chairs';
import type { Reply } from './chat-service';
import type { Command } from './command';
import { localDateOf } from './dates/local-date';
import type { Actor, ChannelMeetings, Meeting } from './domain';
import { formatLocalDate } from './format-date';
import { type MeetingDateMode, parseMeetingDate } from './meeting-date';
import { assertMayRunChannel } from './permissions';
import { loadChannelContext, type ServiceDeps } from './service-deps';
import { localDue } from './snooze';
import { notice } from './views/notice';

type Of<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** Every meeting the channel has recorded, oldest first. */
export function allMeetings(meetings: ChannelMeetings): Meeting[] {
  return meetings.current ? [...meetings.past, meetings.current] : [...meetings.past];
}

export function describeMeetings(meetings: ChannelMeetings): string {
  const current = meetings.current
    ? `Current meeting: ${meetings.current.title}, ${formatLocalDate(meetings.current.date)}.`
    : 'No meeting has been started here: `meeting Board meeting on 14 June 2027` starts one.';
  const next = meetings.next
    ? `Next meeting: ${formatLocalDate(meetings.next)}.`
    : 'No next meeting is set: `meeting next 13 Sep 2027 14:00` sets it.';
  return `${current}\n${next}`;
}

export async function showMeetings(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const ctx = await loadChannelContext(deps, actor.channel);
  const calendar = describeCalendar(ctx.meetings, ctx.timezone);
  const text = describeMeetings(ctx.meetings);
  return { kind: 'ephemeral', view: notice(calendar ? `${text}\n${calendar}` : text) };
}

/** Makes `meeting` the current one, keeping the one before it in the past list. */
export function withCurrentMeeting(meetings: ChannelMeetings, meeting: Meeting): ChannelMeetings {
  const past = meetings.current ? [...meetings.past, meetings.current] : meetings.past;
  const next =
    meetings.next && meetings.next.slice(0, 10) === meeting.date.slice(0, 10) ? null : meetings.next;
  // The calendar and whether `next` was set by hand stay as they were (the spread), `next` aside.
  const nextByHand = next === null ? false : meetings.nextByHand;
  return { ...meetings, current: meeting, past, next, nextByHand };
}

/**
 * What every change to a channel's meetings starts with, in this order: refuse anyone but its chairs, read
 * the date the command names in the channel's time zone, and only then (the change known to be valid, so
 * a mistyped date claims nothing) make the actor the first chair of a channel that has none.
 */
async function meetingChange(deps: ServiceDeps, actor: Actor, dateText: string, mode: MeetingDateMode) {
  const now = deps.clock.now();
  const ctx = await loadChannelContext(deps, actor.channel);
  assertMayRunChannel(actor.userId, ctx.settings, 'change its meetings');
  const date = parseMeetingDate(dateText, { now, timezone: ctx.timezone }, mode);
  await takeChannelChange(deps, actor, 'change its meetings');
  return { now, ctx, date };
}

export async function startMeeting(
  deps: ServiceDeps,
  actor: Actor,
  cmd: Of<'meeting-start'>,
): Promise<Reply> {
  const { now, date } = await meetingChange(deps, actor, cmd.dateText, 'nearest');
  // Numbered from the meetings as they are when stored, so a meeting started meanwhile keeps its own id.
  const meetingOf = (meetings: ChannelMeetings): Meeting => ({
    id: `m${allMeetings(meetings).length + 1}-${date.slice(0, 10)}`,
    title: cmd.title,
    date,
    createdAt: now.toISOString(),
  });
  await deps.store.updateMeetings(actor.channel, (meetings) =>
    withCurrentMeeting(meetings, meetingOf(meetings)),
  );
  const message = `Meeting started: ${cmd.title}, ${formatLocalDate(date)}. Actions added from now on belong to it.`;
  return { kind: 'channel', view: notice(message) };
}

export async function setNextMeeting(
  deps: ServiceDeps,
  actor: Actor,
  cmd: Of<'meeting-next'>,
): Promise<Reply> {
  const { date: next } = await meetingChange(deps, actor, cmd.dateText, 'future');
  // Set by hand, it wins over a calendar until it has passed (calendar-refresh.ts).
  await deps.store.updateMeetings(actor.channel, (meetings) => ({ ...meetings, next, nextByHand: true }));
  const moved = await moveNextMeetingDues(deps, actor, next);
  try {
    await deps.scheduler.channelChanged(actor.channel);
  } catch (error) {
    deps.onBackgroundError?.('rescheduling the channel', error, { channel: actor.channel });
  }
  const tail =
    moved > 0 ? ` ${moved} action${moved === 1 ? '' : 's'} due by the next meeting moved with it.` : '';
  return { kind: 'channel', view: notice(`Next meeting: ${formatLocalDate(next)}.${tail}`) };
}

/**
 * Moves the open actions due "by next meeting" to the new date, in the name of `actor.userId` (who set the
 * date, or the calendar); returns how many moved.
 */
export async function moveNextMeetingDues(
  deps: ServiceDeps,
  actor: Pick<Actor, 'channel' | 'userId'>,
  next: string,
): Promise<number> {
  const ctx = await loadChannelContext(deps, actor.channel);
  const [date = '', time = null] = next.split('T');
  const due = localDue(date, time, ctx.timezone, true);
  const open = await deps.store.list(actor.channel, 'open');
  let moved = 0;
  for (const action of open) {
    if (!action.due?.nextMeeting || action.due.at === due.at) continue;
    const changed = setDue(action, actor.userId, deps.clock.now(), due, 'due');
    const saved = await deps.store.update(changed.action, changed.entry);
    await afterChange(deps, saved, ctx);
    moved += 1;
  }
  return moved;
}

/** The meeting whose actions matters arising reviews: the latest one held before today, else the current one. */
export function reviewedMeeting(meetings: ChannelMeetings, now: Date, timezone: string): Meeting | null {
  const today = localDateOf(now, timezone);
  const held = allMeetings(meetings)
    .filter((m) => m.date.slice(0, 10) < today)
    .sort((a, b) => a.date.localeCompare(b.date));
  return held.at(-1) ?? meetings.current;
}
