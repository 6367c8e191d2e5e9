/**
 * Matters arising: what became of the reviewed meeting's actions, grouped by agenda item in meeting
 * order, then what is still open from earlier meetings. A plain description that the chat views, the
 * Markdown of the CLI and its JSON are all written from.
 */
import { localDateOf } from '../dates/local-date';
import type { Action, ChannelMeetings, Meeting } from '../domain';
import { overdueDays } from '../format-date';
import { sortByDue } from '../list-filter';
import { reviewedMeeting } from '../meeting-commands';

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
}

function itemOf(action: Action, now: Date, timezone: string, meetingTitle: string | null): MattersItem {
  const late = action.state === 'open' && action.due ? overdueDays(action.due, now, timezone) : 0;
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
    closedOn: action.closedAt ? localDateOf(new Date(action.closedAt), timezone) : null,
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

export function composeMattersArising(
  actions: Action[],
  meetings: ChannelMeetings,
  ctx: { now: Date; timezone: string },
): MattersArising {
  const meeting = reviewedMeeting(meetings, ctx.now, ctx.timezone);
  const titles = new Map(
    [...meetings.past, ...(meetings.current ? [meetings.current] : [])].map((m) => [m.id, m.title]),
  );
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
    group.items.push(itemOf(action, ctx.now, ctx.timezone, meeting?.title ?? null));
    groups.set(key, group);
  }
  const earlier = sortByDue(
    actions.filter(
      (a) => a.state === 'open' && (!meeting || a.meetingId !== meeting.id) && !isLater(a, meeting, meetings),
    ),
  ).map((a) => itemOf(a, ctx.now, ctx.timezone, a.meetingId ? (titles.get(a.meetingId) ?? null) : null));
  return {
    meeting: meeting ? { title: meeting.title, date: meeting.date } : null,
    nextMeeting: meetings.next,
    groups: [...groups.values()].sort((a, b) => compareAgendaItems(a.agendaItem, b.agendaItem)),
    earlier,
  };
}

/** An action of a meeting held after the reviewed one belongs to a later review, not this one. */
function isLater(action: Action, reviewed: Meeting | null, meetings: ChannelMeetings): boolean {
  if (!reviewed || !action.meetingId) return false;
  const own = [...meetings.past, ...(meetings.current ? [meetings.current] : [])].find(
    (m) => m.id === action.meetingId,
  );
  return own !== undefined && own.date > reviewed.date;
}
