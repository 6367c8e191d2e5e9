/**
 * Every action of a channel as JSON (`arising export --format json`): an array, in number order, of
 *
 *   { "number": 4, "owners": ["WYP", "@U123"], "text": "…",
 *     "due": "2022-12-27" | "2022-12-27T14:00" | null, "dueAt": "2022-12-27T17:00:00.000Z" | null,
 *     "state": "open" | "done" | "dropped", "raisedBy": "U123", "createdAt": "<ISO instant>",
 *     "closedBy": "U1" | null, "closedAt": "<ISO instant>" | null, "closeNote": "…" | null,
 *     "notes": [ { "by": "U1", "at": "<ISO instant>", "text": "…" } ],
 *     "meeting": { "title": "Board Meeting", "date": "2022-12-07" } | null,
 *     "agendaItem": "3" | null, "agendaTitle": "Finance report" | null,
 *     "history": [ { "at": "<ISO instant>", "by": "cli", "kind": "imported", "text": null,
 *                    "changes": { "due": { "from": …, "to": … } } } ] }
 *
 * Instants are UTC; `due` and the meeting's date are local to the channel, as the chat shows them.
 */
import type { Action, HistoryEntry } from '../domain';
import { ownerPlain } from '../matters/matters-markdown';
import type { ChannelExport, ExportRecord } from './export-records';

export interface ExportedAction {
  number: number;
  owners: string[];
  text: string;
  due: string | null;
  dueAt: string | null;
  state: Action['state'];
  raisedBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
  closeNote: string | null;
  notes: Action['notes'];
  meeting: { title: string; date: string } | null;
  agendaItem: string | null;
  agendaTitle: string | null;
  history: HistoryEntry[];
}

function exportedAction(record: ExportRecord, data: ChannelExport): ExportedAction {
  const { action, history } = record;
  const meetings = [...data.meetings.past, ...(data.meetings.current ? [data.meetings.current] : [])];
  const meeting = action.meetingId ? meetings.find((m) => m.id === action.meetingId) : undefined;
  return {
    number: action.number,
    owners: action.owners.map(ownerPlain),
    text: action.text,
    due: action.due ? (action.due.time ? `${action.due.date}T${action.due.time}` : action.due.date) : null,
    dueAt: action.due?.at ?? null,
    state: action.state,
    raisedBy: action.raisedBy,
    createdAt: action.createdAt,
    closedBy: action.closedBy,
    closedAt: action.closedAt,
    closeNote: action.closeNote,
    notes: action.notes,
    meeting: meeting ? { title: meeting.title, date: meeting.date } : null,
    agendaItem: action.agendaItem,
    agendaTitle: action.agendaTitle,
    history,
  };
}

export function exportJson(data: ChannelExport): ExportedAction[] {
  return data.records.map((record) => exportedAction(record, data));
}
