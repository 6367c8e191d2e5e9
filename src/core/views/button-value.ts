/**
 * What an action's buttons carry: which channel and which number. The payload comes back from the
 * platform and could be forged, so the service re-checks it against who pressed and where.
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema } from '../domain';
import { UserError } from '../errors';

const ActionButtonValueSchema = z.object({ c: ChannelRefSchema, n: z.number().int().positive() });

export function actionButtonValue(channel: ChannelRef, number: number): string {
  return JSON.stringify({ c: channel, n: number });
}

export function readActionButtonValue(value: string): { channel: ChannelRef; number: number } {
  try {
    const parsed = ActionButtonValueSchema.parse(JSON.parse(value));
    return { channel: parsed.c, number: parsed.n };
  } catch {
    throw new UserError('bad_command', 'That button no longer works. Use `/action list` to find the action.');
  }
}
