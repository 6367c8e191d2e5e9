/**
 * Every action of a channel as Markdown (`arising export --format md`): a short count, then one section
 * an action with its facts and its history as a list, readable as it stands or pasted into a document.
 */
import type { ChannelExport, ExportRecord } from './export-records';
import { exportRow } from './export-rows';
import { historyLine, oneLine } from './export-text';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function counts(data: ChannelExport): string {
  const by = (state: string) => data.records.filter((r) => r.action.state === state).length;
  return `${plural(data.records.length, 'action')}: ${by('open')} open, ${by('done')} done, ${by('dropped')} dropped.`;
}

function actionSection(record: ExportRecord, data: ChannelExport): string[] {
  const row = exportRow(record, data);
  const facts = [
    `- **State:** ${row.state}${row.due ? ` · **Due:** ${row.due}` : ' · no due date'}`,
    `- **Raised by:** ${row.raisedBy}, ${row.created}`,
  ];
  if (row.meeting || row.agendaItem) {
    const item = row.agendaItem ? `${row.meeting ? ', ' : ''}item ${row.agendaItem}` : '';
    facts.push(`- **Meeting:** ${row.meeting}${item}`);
  }
  if (row.closedAt) {
    const verb = record.action.state === 'dropped' ? 'Dropped' : 'Closed';
    const note = row.closeNote ? `: ${oneLine(row.closeNote)}` : '';
    facts.push(`- **${verb}:** by ${row.closedBy}, ${row.closedAt}${note}`);
  }
  if (row.latestNote) facts.push(`- **Latest note:** ${oneLine(row.latestNote)}`);
  if (record.history.length > 0) {
    facts.push('- **History:**', ...record.history.map((e) => `  - ${historyLine(e, data.timezone)}`));
  }
  const owners = row.owners || 'No owner';
  return [`## #${row.number} ${owners} to ${oneLine(row.task)}`, '', ...facts, ''];
}

export function exportMarkdown(data: ChannelExport): string {
  const out = [`# Actions in ${data.channel}`, ''];
  if (data.records.length === 0) {
    out.push('No actions have been recorded in this channel yet.');
  } else {
    out.push(`${counts(data)} Times are ${data.timezone}.`, '');
    for (const record of data.records) out.push(...actionSection(record, data));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
