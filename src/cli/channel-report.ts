/**
 * What the read-only reports of one channel (`digest`, `matters-arising`, `export`) share, so that they
 * take the same flags (`--channel`, `--format`, `--json`, `--help`), check them in the same order (help,
 * stray words, the channel, the format) before Redis is touched, and open the store only for as long as
 * loading takes. A report is then only its words, its formats, what it loads and how it writes it.
 */
import type { ChannelRef } from '../core/domain';
import { parseChannelArg } from './channel-arg';
import { type CliIo, UsageError } from './cli-io';
import type { StoreSession } from './cli-store';
import { loadCliStore } from './load-cli-store';
import { outputFormat } from './output-format';
import { type ParsedArgs, parseCommandArgs, type Subcommand } from './subcommand';

export interface ChannelReport<F extends string, T> {
  name: string;
  usage: string;
  formats: readonly F[];
  /** The format when neither `--format` nor `--json` names one. */
  defaultFormat: F;
  /** Whether one must be named: a report with no format that goes without saying (an export). */
  formatRequired?: boolean;
  /** Reads what the report shows, with the store open; it is closed after, whatever happens. */
  load(session: StoreSession, channel: ChannelRef): Promise<T>;
  /** The report as written to stdout, in the chosen format. */
  render(data: T, format: F): string;
}

const OPTIONS = {
  channel: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--format csv, --format json or --format md`, for the error that asks for one. */
function formatChoices(formats: readonly string[]): string {
  const flags = formats.map((f) => `--format ${f}`);
  const last = flags.pop();
  return flags.length > 0 ? `${flags.join(', ')} or ${last}` : (last ?? '');
}

function chosenFormat<F extends string>(values: ParsedArgs['values'], report: ChannelReport<F, unknown>): F {
  if (report.formatRequired && values.format === undefined && values.json !== true) {
    throw new UsageError(`which format? Add ${formatChoices(report.formats)}`);
  }
  return outputFormat(values, report.formats, report.defaultFormat);
}

/** The report as a subcommand: flags checked, data loaded from the channel's store, written to stdout. */
export function channelReportCommand<F extends string, T>(report: ChannelReport<F, T>): Subcommand {
  const { name, usage } = report;
  const run = async (argv: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout(`${usage}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'. Usage: ${usage}`);
    const channel = parseChannelArg(values.channel);
    const format = chosenFormat(values, report);
    const data = await loadCliStore().withStore(io, (session) => report.load(session, channel));
    io.stdout(report.render(data, format));
    return 0;
  };
  return { name, usage, run };
}
