/**
 * `arising matters-arising --channel slack:T123:C456 [--format md|json] [--json]`: the summary of the
 * previous meeting's actions for the chair, as in chat: Markdown to paste into the next meeting's papers,
 * or JSON (src/core/matters/matters-json.ts) for other tools. Reads only; posts nothing.
 */
import { mattersArisingFor } from '../core/matters/matters-commands';
import { mattersArisingJson } from '../core/matters/matters-json';
import { mattersArisingMarkdown } from '../core/matters/matters-markdown';
import { parseChannelArg } from './channel-arg';
import { type CliIo, UsageError } from './cli-io';
import { withStore } from './cli-store';
import { outputFormat } from './output-format';
import { parseCommandArgs, type Subcommand } from './subcommand';

const USAGE = [
  'arising matters-arising --channel slack:T123:C456 [--format md|json] [--json]',
  "    the status of the previous meeting's actions, by agenda item, then what is still open from earlier",
  '    meetings: Markdown (the default) or JSON',
].join('\n');

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
  const format = outputFormat(values, ['md', 'json'] as const, 'md');
  const summary = await withStore(io, ({ store, clock, config }) =>
    mattersArisingFor({ store, clock, defaultTimezone: config.defaultTimezone }, channel),
  );
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(mattersArisingJson(summary), null, 2)}\n`
      : mattersArisingMarkdown(summary),
  );
  return 0;
}

export const mattersArisingCommand: Subcommand = {
  name: 'matters-arising',
  summary: "the previous meeting's actions and their status, for the chair (Markdown or --json)",
  usage: USAGE,
  run,
};
