/**
 * Matters arising: what became of the reviewed meeting's actions, grouped by agenda item in meeting
 * order, then what is still open from earlier meetings. A plain description that the chat views, the
 * Markdown of the CLI and its JSON are all written from.
 */
import type { CheckinAnswer } from '../checkin/checkin-store';
import type { MattersCheckin } from '../checkin/checkin-summary';
import { localDateOf } from '../dates/local-date';
import type { Action, ChannelMeetings, Due, Meeting } from '../domain';
import { overdueCounter } from '../format-date';
import { sortByDue } from '../list-filter';
import { allMeetings, reviewedMeeting } from '../meeting-commands';

export type ItemStatus = 'done' | 'dropped' | 'overdue' | 'ongoing';

export interface MattersItem {
  number: number;
  owners: Action['owners'];
  text: string;
  /** Local due date (and time), or null. */
  due: string | null;
  status: ItemStatus;
  /** Done: the local date closed; overdue: days late. */
  closedOn: string | null;
  daysOverdue: number;
  /** The closing note, the drop reason, or the latest progress note. */
  note: string | null;
  /** Where an earlier action came from, for the second part. */
  meetingTitle: string | null;
  /** What its owners answered when asked before the next meeting (`settings checkin`), oldest first. */
  checkin?: CheckinAnswer[];
}

export interface MattersGroup {
  agendaItem: string | null;
  agendaTitle: string | null;
  items: MattersItem[];
}

export interface MattersArising {
  meeting: Pick<Meeting, 'title' | 'date'> | null;
  nextMeeting: string | null;
  groups: MattersGroup[];
  earlier: MattersItem[];
  /** The check-in round before the next meeting, when anyone was asked (checkin-summary.ts). */
  checkin?: MattersCheckin;
}

/** What itemOf needs besides the action: the zone, and the days late of a due date at the moment asked. */
interface ItemContext {
  timezone: string;
  daysLate: (due: Due) => number;
}

function itemOf(action: Action, ctx: ItemContext, meetingTitle: string | null): MattersItem {
  const late = action.state === 'open' && action.due ? ctx.daysLate(action.due) : 0;
  const status: ItemStatus =
    action.state === 'done'
      ? 'done'
      : action.state === 'dropped'
        ? 'dropped'
        : late > 0
          ? 'overdue'
          : 'ongoing';
  const note = action.state === 'open' ? (action.notes.at(-1)?.text ?? null) : action.closeNote;
  return {
    number: action.number,
    owners: action.owners,
    text: action.text,
    due: action.due ? (action.due.time ? `${action.due.date}T${action.due.time}` : action.due.date) : null,
    status,
    closedOn: action.closedAt ? localDateOf(new Date(action.closedAt), ctx.timezone) : null,
    daysOverdue: late,
    note,
    meetingTitle,
  };
}

/** Natural order of agenda items: 2 before 10, 5 before 5a, none last. */
export function compareAgendaItems(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * Composes matters arising from the channel's actions. Linear in the actions apart from one sort of the
 * earlier ones: meetings are looked up by id in maps built once, and days late go through one
 * overdueCounter, as a large channel has thousands of open actions and a hundred meetings.
 */
export function composeMattersArising(
  actions: Action[],
  meetings: ChannelMeetings,
  ctx: { now: Date; timezone: string },
): MattersArising {
  const meeting = reviewedMeeting(meetings, ctx.now, ctx.timezone);
  const known = allMeetings(meetings);
  const titles = new Map(known.map((m) => [m.id, m.title]));
  // Should an id repeat, the date is the first one's (oldest first) and the title the last one's.
  const dates = new Map<string, string>();
  for (const m of known) if (!dates.has(m.id)) dates.set(m.id, m.date);
  const items: ItemContext = { timezone: ctx.timezone, daysLate: overdueCounter(ctx.now, ctx.timezone) };
  const ofMeeting = meeting ? actions.filter((a) => a.meetingId === meeting.id) : [];
  const groups = new Map<string, MattersGroup>();
  for (const action of [...ofMeeting].sort((a, b) => a.number - b.number)) {
    const key = action.agendaItem ?? '';
    const group = groups.get(key) ?? {
      agendaItem: action.agendaItem,
      agendaTitle: action.agendaTitle,
      items: [],
    };
    group.agendaTitle ??= action.agendaTitle;
    group.items.push(itemOf(action, items, meeting?.title ?? null));
    groups.set(key, group);
  }
  const earlier = sortByDue(
    actions.filter(
      (a) => a.state === 'open' && (!meeting || a.meetingId !== meeting.id) && !isLater(a, meeting, dates),
    ),
  ).map((a) => itemOf(a, items, a.meetingId ? (titles.get(a.meetingId) ?? null) : null));
  return {
    meeting: meeting ? { title: meeting.title, date: meeting.date } : null,
    nextMeeting: meetings.next,
    groups: [...groups.values()].sort((a, b) => compareAgendaItems(a.agendaItem, b.agendaItem)),
    earlier,
  };
}

/** An action of a meeting held after the reviewed one belongs to a later review, not this one. */
function isLater(action: Action, reviewed: Meeting | null, dates: ReadonlyMap<string, string>): boolean {
  if (!reviewed || !action.meetingId) return false;
  const own = dates.get(action.meetingId);
  return own !== undefined && own > reviewed.date;
}
