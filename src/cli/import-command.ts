/**
 * `arising import FILE --dry-run [--json]`: reads a minutes document and shows the meeting and actions
 * Arising would import, as the JSON of CONTRACT.md or as a readable summary. A dry run stores nothing and
 * never connects to Redis. `arising import FILE --channel …` stores them in that channel (stored-import.ts).
 */
import { UserError } from '../core/errors';
import { extractMinutes } from '../core/minutes/minutes-extractor';
import { readDocument } from '../documents/read-document';
import { type CliIo, DocumentError, UsageError } from './cli-io';
import { formatMinutesSummary } from './minutes-summary';
import { parseCommandArgs, type Subcommand } from './subcommand';

const USAGE = [
  'arising import FILE --dry-run [--json] [--timezone ZONE]',
  '    show the meeting and actions found in a minutes document (.txt, .md, .docx); stores nothing',
  'arising import FILE --channel slack:T123:C456 [--as USER]',
  '    store them in that channel, raised by USER (default: cli), with their reminders',
].join('\n');

function checkTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`unknown time zone '${zone}' (use an IANA name such as Europe/London)`);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    channel: { type: 'string' },
    timezone: { type: 'string' },
    as: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('which file? Usage: arising import FILE --dry-run');
  if (positionals.length > 1) throw new UsageError(`one file at a time (got ${positionals.length})`);
  if (!values['dry-run']) {
    if (values.channel === undefined) {
      throw new UsageError(
        'say --dry-run to preview the actions, or --channel slack:T123:C456 to store them',
      );
    }
    // Loaded only for a stored import, as below: a dry run needs neither the channel nor the store.
    const { parseChannelArg } = require('./channel-arg') as typeof import('./channel-arg');
    const channel = parseChannelArg(values.channel);
    if (values.json) {
      throw new UsageError(
        '--json goes with --dry-run; for the stored actions as JSON, run arising export --channel … --format json',
      );
    }
    if (values.timezone !== undefined) {
      throw new UsageError("--timezone goes with --dry-run; a stored import uses the channel's time zone");
    }
    const file = positionals[0] ?? '';
    // It brings Redis and BullMQ, which a dry run never needs.
    const { parseAsUser, storedImport } = require('./stored-import') as typeof import('./stored-import');
    return storedImport({ file, channel, userId: parseAsUser(values.as) }, io);
  }
  if (values.as !== undefined) throw new UsageError('--as goes with --channel: a dry run stores nothing');
  const timezone = typeof values.timezone === 'string' ? checkTimezone(values.timezone) : undefined;
  const text = await readDocument(positionals[0] ?? '');
  let minutes: ReturnType<typeof extractMinutes>;
  try {
    minutes = extractMinutes(text, timezone ? { timezone } : {});
  } catch (err) {
    if (err instanceof UserError) throw new DocumentError(`${positionals[0]}: ${err.message}`);
    throw err;
  }
  io.stdout(values.json ? `${JSON.stringify(minutes, null, 2)}\n` : formatMinutesSummary(minutes));
  return 0;
}

export const importCommand: Subcommand = {
  name: 'import',
  usage: USAGE,
  run,
};
