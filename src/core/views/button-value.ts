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

const DraftButtonValueSchema = z.object({ c: ChannelRefSchema, d: z.string().min(1).max(64) });

/** An import's buttons carry the channel and the id of the draft awaiting Import or Cancel. */
export function draftButtonValue(channel: ChannelRef, draftId: string): string {
  return JSON.stringify({ c: channel, d: draftId });
}

export function readDraftButtonValue(value: string): { channel: ChannelRef; draftId: string } {
  try {
    const parsed = DraftButtonValueSchema.parse(JSON.parse(value));
    return { channel: parsed.c, draftId: parsed.d };
  } catch {
    throw new UserError(
      'bad_command',
      'That import button no longer works. Start again with `/action import`.',
    );
  }
}
