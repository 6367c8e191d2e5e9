/**
 * `arising export --channel slack:T123:C456 --format csv|json|md`: every action of the channel with its
 * history, for the minutes secretary: CSV for a spreadsheet, JSON for other tools, Markdown to read.
 * Written to stdout (redirect it to a file). Reads only.
 */
import { exportJson } from '../core/export/export-json';
import { exportMarkdown } from '../core/export/export-markdown';
import { loadChannelExport } from '../core/export/export-records';
import { exportRows } from '../core/export/export-rows';
import { channelReportCommand } from './channel-report';
import { exportCsv } from './export-csv';

const USAGE = [
  'arising export --channel slack:T123:C456 --format csv|json|md [> FILE]',
  '    every action of the channel with its history: CSV (UTF-8, for spreadsheets), JSON or Markdown',
].join('\n');

export const exportCommand = channelReportCommand({
  name: 'export',
  usage: USAGE,
  formats: ['csv', 'json', 'md'] as const,
  defaultFormat: 'csv',
  formatRequired: true,
  load: ({ store, config }, channel) =>
    loadChannelExport({ store, defaultTimezone: config.defaultTimezone }, channel),
  render(data, format) {
    if (format === 'csv') return exportCsv(exportRows(data));
    if (format === 'json') return `${JSON.stringify(exportJson(data), null, 2)}\n`;
    return exportMarkdown(data);
  },
});
