/**
 * One row an action, for a spreadsheet (`arising export --format csv`): the columns the minutes secretary
 * keeps in an action log, every date local to the channel, the history as one line an entry.
 */
import type { ChannelExport, ExportRecord } from './export-records';
import { agendaText, dueText, historyLine, localDateTime, meetingText, ownersText } from './export-text';

export interface ExportRow {
  number: number;
  owners: string;
  task: string;
  due: string;
  state: string;
  raisedBy: string;
  created: string;
  closedBy: string;
  closedAt: string;
  closeNote: string;
  meeting: string;
  agendaItem: string;
  latestNote: string;
  history: string;
}

/** The columns in order, with the heading each has in the spreadsheet. */
export const EXPORT_COLUMNS: readonly { key: keyof ExportRow; header: string }[] = [
  { key: 'number', header: 'Number' },
  { key: 'owners', header: 'Owners' },
  { key: 'task', header: 'Task' },
  { key: 'due', header: 'Due' },
  { key: 'state', header: 'State' },
  { key: 'raisedBy', header: 'Raised by' },
  { key: 'created', header: 'Created' },
  { key: 'closedBy', header: 'Closed by' },
  { key: 'closedAt', header: 'Closed at' },
  { key: 'closeNote', header: 'Note or reason' },
  { key: 'meeting', header: 'Meeting' },
  { key: 'agendaItem', header: 'Agenda item' },
  { key: 'latestNote', header: 'Latest note' },
  { key: 'history', header: 'History' },
];

export function exportRow(
  record: ExportRecord,
  data: Pick<ChannelExport, 'timezone' | 'meetings'>,
): ExportRow {
  const { action, history } = record;
  const { timezone } = data;
  return {
    number: action.number,
    owners: ownersText(action.owners),
    task: action.text,
    due: dueText(action.due),
    state: action.state,
    raisedBy: action.raisedBy,
    created: localDateTime(action.createdAt, timezone),
    closedBy: action.closedBy ?? '',
    closedAt: action.closedAt ? localDateTime(action.closedAt, timezone) : '',
    closeNote: action.closeNote ?? '',
    meeting: meetingText(action, data.meetings),
    agendaItem: agendaText(action),
    latestNote: action.notes.at(-1)?.text ?? '',
    history: history.map((entry) => historyLine(entry, timezone)).join('\n'),
  };
}

export function exportRows(data: ChannelExport): ExportRow[] {
  return data.records.map((record) => exportRow(record, data));
}
