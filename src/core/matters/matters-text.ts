/**
 * Words shared by every rendering of matters arising, so the chat view, the Markdown and the digest say
 * the same thing the same way.
 */
import { formatLocalDate } from '../format-date';
import type { MattersArising, MattersGroup, MattersItem } from './matters-arising';

export function statusPhrase(item: MattersItem): string {
  return `${statusLead(item)}${item.note ? `${noteJoin(item)}${item.note}` : ''}`;
}

/**
 * The status without its note ("Done on Tue 2 Aug 2022"), for a view that shows the note as spans and
 * for the papers, which give the note a column of its own.
 */
export function statusLead(item: MattersItem): string {
  switch (item.status) {
    case 'done':
      return `Done${item.closedOn ? ` on ${formatLocalDate(item.closedOn)}` : ''}`;
    case 'dropped':
      return 'Dropped';
    case 'overdue':
      return `Overdue by ${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'}`;
    case 'ongoing':
      return 'Ongoing';
  }
}

/** What stands between the status and its note: ". Latest: " after an overdue count, else ": ". */
export function noteJoin(item: MattersItem): string {
  return item.status === 'overdue' ? '. Latest: ' : ': ';
}

export function dueText(item: MattersItem): string {
  return item.due ? `due ${formatLocalDate(item.due)}` : 'no due date';
}

export function groupHeading(group: MattersGroup): string {
  if (group.agendaItem === null) return group.agendaTitle ?? 'Other actions';
  return `Item ${group.agendaItem}${group.agendaTitle ? ` — ${group.agendaTitle}` : ''}`;
}

export function summaryTitle(summary: MattersArising): string {
  if (!summary.meeting) return 'Matters arising';
  return `Matters arising from ${summary.meeting.title}, ${formatLocalDate(summary.meeting.date)}`;
}
