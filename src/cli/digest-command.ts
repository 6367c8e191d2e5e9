/**
 * `arising digest --channel slack:T123:C456 [--format md|json] [--json]`: the overdue digest as the
 * channel would get it, grouped by owner, most overdue first: Markdown (the default) or JSON
 * (src/core/digest/digest-json.ts). Reads only; posts nothing.
 */
import { overdueDigestJson } from '../core/digest/digest-json';
import { overdueDigestMarkdown } from '../core/digest/digest-markdown';
import { loadChannelContext } from '../core/service-deps';
import { parseChannelArg } from './channel-arg';
import { type CliIo, UsageError } from './cli-io';
import { withStore } from './cli-store';
import { outputFormat } from './output-format';
import { parseCommandArgs, type Subcommand } from './subcommand';

const USAGE = [
  'arising digest --channel slack:T123:C456 [--format md|json] [--json]',
  '    the overdue actions, grouped by owner, most overdue first: Markdown (the default) or JSON',
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
  const { actions, ctx } = await withStore(io, async ({ store, clock, config }) => {
    const [context, open] = await Promise.all([
      loadChannelContext({ store, defaultTimezone: config.defaultTimezone }, channel),
      store.list(channel, 'open'),
    ]);
    return { actions: open, ctx: { now: clock.now(), timezone: context.timezone } };
  });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(overdueDigestJson(actions, ctx), null, 2)}\n`
      : overdueDigestMarkdown(actions, ctx),
  );
  return 0;
}

export const digestCommand: Subcommand = {
  name: 'digest',
  summary: 'the overdue actions of a channel, grouped by owner (Markdown or --json)',
  usage: USAGE,
  run,
};
