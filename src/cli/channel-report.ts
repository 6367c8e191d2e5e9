/**
 * What the read-only reports of one channel (`digest`, `matters-arising`, `export`) share, so that they
 * take the same flags (`--channel`, `--format`, `--json`, `--help`, and `--out` where a report has a
 * format for files), check them in the same order (help, stray words, the channel, the format, the file)
 * before Redis is touched, and open the store only for as long as loading takes. A report is then only
 * its words, its formats, what it loads and how it writes it.
 */
import { relative } from 'node:path';
import type { ChannelRef } from '../core/domain';
import { checkOutPath, writeFileAtomically } from './atomic-file';
import { parseChannelArg } from './channel-arg';
import { CliError, type CliIo, UsageError } from './cli-io';
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
  /**
   * Formats written only to a file (`--out FILE`, which the report then takes for every format): a Word
   * document is bytes, of no use on a terminal.
   */
  fileFormats?: readonly F[];
  /** Reads what the report shows, with the store open; it is closed after, whatever happens. */
  load(session: StoreSession, channel: ChannelRef, format: F): Promise<T>;
  /** The report in the chosen format: text for stdout or a file; bytes for a file format. */
  render(data: T, format: F): string | Promise<string | Uint8Array>;
}

const OPTIONS = {
  channel: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WITH_OUT = { ...OPTIONS, out: { type: 'string' } } as const;

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

/**
 * Where the report goes: stdout, or the checked `--out` path. A file format without `--out` is refused
 * with the whole command line it needs.
 */
async function destination<F extends string>(
  values: ParsedArgs['values'],
  report: ChannelReport<F, unknown>,
  format: F,
): Promise<string | null> {
  const out = values.out;
  if (typeof out === 'string' && out.trim() !== '') return checkOutPath(out);
  if (out !== undefined) throw new UsageError('--out needs a file name, like --out papers.docx');
  if (report.fileFormats?.includes(format)) {
    const channel = typeof values.channel === 'string' ? values.channel : 'slack:T123:C456';
    throw new UsageError(
      `--format ${format} writes a file, not text for the terminal: add --out FILE, like ` +
        `arising ${report.name} --channel ${channel} --format ${format} --out papers.${format}`,
    );
  }
  return null;
}

async function writeOut(target: string, content: string | Uint8Array, io: CliIo): Promise<void> {
  try {
    await writeFileAtomically(target, content);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(`cannot write ${target}: ${reason}; nothing was written`, 1);
  }
  io.stdout(`Wrote ${relative(process.cwd(), target) || target}\n`);
}

/** The report as a subcommand: flags checked, data loaded from the channel's store, written out. */
export function channelReportCommand<F extends string, T>(report: ChannelReport<F, T>): Subcommand {
  const { name, usage } = report;
  const run = async (argv: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, report.fileFormats ? WITH_OUT : OPTIONS);
    if (values.help) {
      io.stdout(`${usage}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'. Usage: ${usage}`);
    const channel = parseChannelArg(values.channel);
    const format = chosenFormat(values, report);
    const target = await destination(values, report, format);
    const data = await loadCliStore().withStore(io, (session) => report.load(session, channel, format));
    const content = await report.render(data, format);
    if (target !== null) await writeOut(target, content, io);
    else if (typeof content === 'string') io.stdout(content);
    else throw new UsageError(`--format ${format} needs --out FILE`);
    return 0;
  };
  return { name, usage, run };
}
