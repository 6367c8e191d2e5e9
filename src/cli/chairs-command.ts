/**
 * `arising chairs --channel slack:T123:C456 [USER_ID …]`: the operator's way to see or set a channel's
 * chairs. In chat, once a channel has chairs only they change them, and in a channel without chairs the
 * first to set it up takes the chair; when that was the wrong person (or every chair has left), whoever
 * runs the service puts it right here. Without user ids it only shows the chairs.
 */
import { parseChannelArg } from './channel-arg';
import { type CliIo, UsageError } from './cli-io';
import { loadCliStore } from './load-cli-store';
import { parseCommandArgs, type Subcommand } from './subcommand';

const USAGE = [
  'arising chairs --channel slack:T123:C456 [USER_ID …]',
  "    shows the channel's chairs; with user ids (U0123ABC, or a Teams id such as 29:1abc…), makes",
  '    them its chairs instead. The channel is not told: tell the committee yourself.',
].join('\n');

const OPTIONS = { channel: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** A platform user id: no spaces, no mention markup (`<@U1>`, `@priya`). */
const USER_ID = /^[^\s<>@|,]+$/;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const channel = parseChannelArg(values.channel);
  const bad = positionals.find((id) => !USER_ID.test(id));
  if (bad !== undefined) {
    throw new UsageError(`'${bad}' is not a user id: give ids as the platform has them, like U0123ABC`);
  }
  const chairs = await loadCliStore().withStore(io, async ({ store }) => {
    if (positionals.length === 0) return (await store.getSettings(channel)).chairs;
    const unique = [...new Set(positionals)];
    // Only the chairs change: a setting saved meanwhile by a command in the channel is kept.
    await store.updateSettings(channel, (settings) => ({ ...settings, chairs: unique }));
    return unique;
  });
  const verb = positionals.length === 0 ? 'are' : 'are now';
  io.stdout(
    chairs.length === 0
      ? 'The channel has no chairs: whoever first changes its aliases, settings or meetings becomes its chair.\n'
      : `The channel's chairs ${verb}: ${chairs.join(' ')}\n`,
  );
  return 0;
}

export const chairsCommand: Subcommand = {
  name: 'chairs',
  usage: USAGE,
  run,
};
