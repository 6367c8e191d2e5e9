/**
 * Storing what the minutes extractor found: the meeting, its next date, and each new action as if added by
 * hand in that meeting. Owners written as initials or names are matched to the channel's aliases
 * (`owner FE = @fiona`), so the right people are reminded. Lines about actions the channel already has
 * (import-plan.ts) update them instead (a reported "done" closes, "ongoing" notes) or change nothing, so
 * importing the same minutes twice adds nothing.
 */
import { postNewAction } from '../action-commands';
import { localDateOf } from '../dates/local-date';
import type { Action, ChannelMeetings, ChannelRef, Meeting, NewAction, Owner } from '../domain';
import { allMeetings, withCurrentMeeting } from '../meeting-commands';
import type { ExtractedAction, ExtractedMinutes } from '../minutes/extracted-minutes';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { localDue } from '../snooze';
import {
  importOngoingNote,
  type LineOutcome,
  meetingLabel,
  type PlanContext,
  planImport,
} from './import-plan';
import { type AppliedUpdate, applyUpdate } from './import-updates';
import { aliasFor, bareOwner, type DefinedInitials } from './owner-names';

/**
 * Most cards one import posts. A channel takes about one message a second (Slack's pace; Teams throttles
 * alike), each card waits its turn in the channel's queue, and the answer to Import waits for them all:
 * 300 cards kept the user waiting five minutes and held up every other post to that channel meanwhile.
 * Above this, no cards: the caller posts one summary instead (`cardsPosted` false).
 */
export const MAX_IMPORT_CARDS = 20;

export interface ImportOptions {
  /**
   * Post each open action's card in the channel, as `add` does (chat), when there are at most
   * MAX_IMPORT_CARDS of them; the CLI only stores.
   */
  post: boolean;
  /** Told after each batch is stored, for a progress bar. */
  onProgress?: (stored: number, total: number) => void;
}

export interface ImportResult {
  meeting: Meeting | null;
  /** The new actions stored. */
  actions: Action[];
  /** What became of each line about an existing action, in document order. */
  updates: AppliedUpdate[];
  /** Each open action got its card in the channel. */
  cardsPosted: boolean;
}

const BATCH = 50;

const MENTION = /^<@([^\s|<>]+)(?:\|[^<>]*)?>$/;

/**
 * A user the platform mentioned, else the alias as the channel already spells it (or the full-name alias
 * the minutes' initials stand for: owner-names.ts), else as written.
 */
function ownerOf(written: string, aliases: Record<string, string[]>, initials: DefinedInitials): Owner {
  const user = MENTION.exec(written.trim())?.[1];
  if (user) return { kind: 'user', id: user };
  const name = bareOwner(written) || written;
  return { kind: 'alias', name: aliasFor(written, aliases, initials) ?? name };
}

/** Finds the same meeting if it was imported before, else records it in its place among the others. */
function placeMeeting(
  meetings: ChannelMeetings,
  found: ExtractedMinutes['meeting'],
  now: Date,
): {
  meetings: ChannelMeetings;
  meeting: Meeting | null;
} {
  if (!found.date) return { meetings, meeting: meetings.current };
  const title = found.title ?? 'Meeting';
  const same = allMeetings(meetings).find(
    (m) => m.date.slice(0, 10) === found.date?.slice(0, 10) && m.title === title,
  );
  if (same) return { meetings, meeting: same };
  const meeting: Meeting = {
    id: `m${allMeetings(meetings).length + 1}-${found.date.slice(0, 10)}`,
    title,
    date: found.date,
    createdAt: now.toISOString(),
  };
  const latest = !meetings.current || meeting.date >= meetings.current.date;
  const placed = latest
    ? withCurrentMeeting(meetings, meeting)
    : { ...meetings, past: [...meetings.past, meeting].sort((a, b) => a.date.localeCompare(b.date)) };
  return { meetings: placed, meeting };
}

function draftOf(
  found: ExtractedAction,
  ctx: {
    channel: ChannelRef;
    userId: string;
    now: Date;
    timezone: string;
    meetingId: string | null;
    aliases: Record<string, string[]>;
    initials: DefinedInitials;
    meeting: string;
  },
): NewAction {
  const at = ctx.now.toISOString();
  const [date = '', time = null] = found.due ? found.due.split('T') : [];
  const done = found.status === 'done';
  return {
    channel: ctx.channel,
    owners: found.owners.map((o) => ownerOf(o, ctx.aliases, ctx.initials)),
    text: found.text,
    due: found.due ? localDue(date, time, ctx.timezone) : null,
    state: done ? 'done' : 'open',
    raisedBy: ctx.userId,
    createdAt: at,
    updatedAt: at,
    closedBy: done ? ctx.userId : null,
    closedAt: done ? at : null,
    closeNote: done ? 'Reported done in the minutes' : null,
    notes: found.status === 'ongoing' ? [{ by: ctx.userId, at, text: importOngoingNote(ctx.meeting) }] : [],
    meetingId: ctx.meetingId,
    agendaItem: found.agendaItem,
    agendaTitle: found.agendaTitle,
    message: null,
  };
}

export async function importMinutes(
  deps: ServiceDeps,
  channel: ChannelRef,
  userId: string,
  minutes: ExtractedMinutes,
  opts: ImportOptions,
): Promise<ImportResult> {
  const now = deps.clock.now();
  const ctx = await loadChannelContext(deps, channel);
  const next = minutes.meeting.nextMeeting;
  const nextIsAhead = next !== null && next.slice(0, 10) >= localDateOf(now, ctx.timezone);
  // Placed in the meetings as they are when stored, so a meeting command run meanwhile is kept.
  const update = await deps.store.updateMeetings(channel, (current) => {
    const placed = placeMeeting(current, minutes.meeting, now);
    return nextIsAhead && placed.meeting === placed.meetings.current
      ? { ...placed.meetings, next }
      : placed.meetings;
  });
  const meetings = update.after;
  // The same placing as the one stored (placeMeeting is a function of the meetings it was given).
  const placed = placeMeeting(update.before, minutes.meeting, now);
  const meeting = meetingLabel(minutes.meeting);
  const initials = minutes.initials ?? {};
  const planCtx: PlanContext = { userId, aliases: ctx.aliases, settings: ctx.settings, meeting, initials };
  // Planned against a fresh read, not the preview's: the channel may have changed since.
  const plan = planImport(minutes.actions, await deps.store.list(channel, 'all'), planCtx);
  const base = {
    channel,
    userId,
    now,
    timezone: ctx.timezone,
    meetingId: placed.meeting?.id ?? null,
    aliases: ctx.aliases,
    initials,
    meeting,
  };
  const drafts = minutes.actions.filter((_, i) => plan[i]?.kind === 'new').map((a) => draftOf(a, base));
  const stored: Action[] = [];
  for (let i = 0; i < drafts.length; i += BATCH) {
    const created = await deps.store.createMany(drafts.slice(i, i + BATCH), () => ({
      at: now.toISOString(),
      by: userId,
      kind: 'imported',
      changes: {},
      text: null,
    }));
    stored.push(...created);
    opts.onProgress?.(stored.length, drafts.length);
  }
  const updates = await applyUpdates(deps, channel, minutes, plan, planCtx);
  const fresh = { ...ctx, meetings };
  const open = stored.filter((a) => a.state === 'open');
  const cards = opts.post && open.length <= MAX_IMPORT_CARDS;
  for (const action of open) {
    if (cards) await postNewAction(deps, action, fresh);
    else await deps.scheduler.actionChanged(action);
  }
  // postNewAction announces each carded action; without cards they are announced here, together, so a
  // platform refreshing each owner's view once per burst (the Slack Home) is not made to wait per action.
  if (!cards) {
    const by = userId;
    await Promise.all(
      open.map((after) => deps.watchers?.changed({ before: null, after, by, aliases: ctx.aliases })),
    );
  }
  // The meeting and the next one may be new: plan the channel's matters-arising post and digest too.
  await deps.scheduler.channelChanged(channel);
  return { meeting: placed.meeting, actions: stored, updates, cardsPosted: cards && open.length > 0 };
}

/** Applies the lines about existing actions, one at a time, each with its own versioned write. */
async function applyUpdates(
  deps: ServiceDeps,
  channel: ChannelRef,
  minutes: ExtractedMinutes,
  plan: LineOutcome[],
  ctx: PlanContext,
): Promise<AppliedUpdate[]> {
  const applied: AppliedUpdate[] = [];
  for (const [i, outcome] of plan.entries()) {
    const line = minutes.actions[i];
    if (!line || outcome.kind === 'new') continue;
    applied.push(
      outcome.kind === 'close' || outcome.kind === 'note'
        ? await applyUpdate(deps, channel, line, outcome, ctx)
        : { kind: outcome.kind, number: outcome.number },
    );
  }
  return applied;
}
