/**
 * `arising export --channel slack:T123:C456 --format csv|json|md`: every action of the channel with its
 * history, for the minutes secretary: CSV for a spreadsheet, JSON for other tools, Markdown to read.
 * Written to stdout (redirect it to a file). Reads only.
 */
import { exportJson } from '../core/export/export-json';
import { exportMarkdown } from '../core/export/export-markdown';
import { loadChannelExport } from '../core/export/export-records';
import { exportRows } from '../core/export/export-rows';
import { parseChannelArg } from './channel-arg';
import { type CliIo, UsageError } from './cli-io';
import { withStore } from './cli-store';
import { exportCsv } from './export-csv';
import { outputFormat } from './output-format';
import { parseCommandArgs, type Subcommand } from './subcommand';

const USAGE = [
  'arising export --channel slack:T123:C456 --format csv|json|md [> FILE]',
  '    every action of the channel with its history: CSV (UTF-8, for spreadsheets), JSON or Markdown',
].join('\n');

const FORMATS = ['csv', 'json', 'md'] as const;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    channel: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'. Usage: ${USAGE}`);
  const channel = parseChannelArg(values.channel);
  if (values.format === undefined && values.json !== true) {
    throw new UsageError('which format? Add --format csv, --format json or --format md');
  }
  const format = outputFormat(values, FORMATS, 'csv');
  const data = await withStore(io, ({ store, config }) =>
    loadChannelExport({ store, defaultTimezone: config.defaultTimezone }, channel),
  );
  if (format === 'csv') io.stdout(exportCsv(exportRows(data)));
  else if (format === 'json') io.stdout(`${JSON.stringify(exportJson(data), null, 2)}\n`);
  else io.stdout(exportMarkdown(data));
  return 0;
}

export const exportCommand: Subcommand = {
  name: 'export',
  summary: 'every action of a channel with its history (--format csv, json or md)',
  usage: USAGE,
  run,
};
