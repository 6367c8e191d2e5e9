/**
 * `--channel platform:team:channel`: which channel a store-backed command works on, written as
 * `channelId` in the core writes it (`slack:T123:C456`). Only the first two `:` separate the parts,
 * because a Teams conversation id has colons of its own (`teams:TENANT:19:abc@thread.tacv2`). Every
 * platform the store knows is taken, the demo console's (`console:demo:committee`) too.
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema, PlatformSchema } from '../core/domain';
import { UsageError } from './cli-io';

/** The form shown in every error about `--channel`. */
export const CHANNEL_FORM =
  'platform:team:channel, like slack:T123:C456 (Slack team and channel ids) or teams:TENANT:19:…@thread.tacv2';

const ChannelArgSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const first = value.indexOf(':');
    const second = first < 0 ? -1 : value.indexOf(':', first + 1);
    if (second < 0) {
      ctx.addIssue({ code: 'custom', message: 'it needs three parts separated by ":"' });
      return z.NEVER;
    }
    return {
      platform: value.slice(0, first).toLowerCase(),
      team: value.slice(first + 1, second),
      channel: value.slice(second + 1),
    };
  })
  .pipe(
    ChannelRefSchema.extend({
      platform: z.enum(PlatformSchema.options, {
        error: `the platform must be ${PlatformSchema.options.slice(0, -1).join(', ')} or ${PlatformSchema.options.at(-1)}`,
      }),
      team: z.string().min(1, 'the team part is empty'),
      channel: z.string().min(1, 'the channel part is empty'),
    }),
  );

/** Parses `--channel`; a missing or malformed value is a usage error (exit 2) that shows the right form. */
export function parseChannelArg(value: string | boolean | undefined): ChannelRef {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`which channel? Add --channel ${CHANNEL_FORM}`);
  }
  const parsed = ChannelArgSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues[0]?.message ?? 'it is not in the right form';
  throw new UsageError(`--channel '${value}' is not a channel (${why}): write ${CHANNEL_FORM}`);
}
