/**
 * How an export writes the pieces of an action as text: local date-times, due dates, owners, the
 * meeting and agenda item, and each history entry in one compact line. Shared by the CSV rows and the
 * Markdown, so both say the same thing.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Action, ChannelMeetings, Due, HistoryEntry, Owner } from '../domain';
import { ownerPlain } from '../matters/matters-markdown';

/** `2022-12-07 10:30` in the zone: a form spreadsheets read as a date and time. */
export function localDateTime(iso: string, timezone: string): string {
  return format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(timezone) });
}

/** `2022-12-27`, or `2022-12-27 14:00` when a time was set; empty for none. */
export function dueText(due: Due | null): string {
  if (!due) return '';
  return due.time ? `${due.date} ${due.time}` : due.date;
}

export function ownersText(owners: readonly Owner[]): string {
  return owners.map(ownerPlain).join(', ');
}

/** `Board Meeting (2022-12-07)`, or empty when the action belongs to no meeting. */
export function meetingText(action: Action, meetings: ChannelMeetings): string {
  if (!action.meetingId) return '';
  const all = [...meetings.past, ...(meetings.current ? [meetings.current] : [])];
  const meeting = all.find((m) => m.id === action.meetingId);
  return meeting ? `${meeting.title} (${meeting.date.replace('T', ' ')})` : '';
}

/** `3 — Finance report`, `3`, `Finance report`, or empty. */
export function agendaText(action: Action): string {
  if (action.agendaItem && action.agendaTitle) return `${action.agendaItem} — ${action.agendaTitle}`;
  return action.agendaItem ?? action.agendaTitle ?? '';
}

/** One line of text, for places where a new line would break the layout. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function changeValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (field === 'due') return dueText(value as Due) || 'none';
  if (field === 'owners' && Array.isArray(value)) return ownersText(value as Owner[]) || 'no owner';
  return oneLine(String(value));
}

/** The changes worth reading in a line: a new due date or new owners (a close says itself by its kind). */
function changesText(entry: HistoryEntry): string {
  return Object.entries(entry.changes)
    .filter(([field]) => field === 'due' || field === 'owners')
    .map(([field, { from, to }]) => `${field} ${changeValue(field, from)} → ${changeValue(field, to)}`)
    .join('; ');
}

/** `2022-12-07 10:30 imported by cli`, `2023-01-02 09:15 done by U1: sent on 2 Aug`. */
export function historyLine(entry: HistoryEntry, timezone: string): string {
  const details = [changesText(entry), entry.text ? oneLine(entry.text) : ''].filter((d) => d !== '');
  const tail = details.length > 0 ? `: ${details.join('; ')}` : '';
  return `${localDateTime(entry.at, timezone)} ${entry.kind} by ${entry.by}${tail}`;
}
