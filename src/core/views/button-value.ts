/**
 * What an action's buttons carry: which channel and which number. The payload comes back from the
 * platform and could be forged, so the service re-checks it against who pressed and where.
 */
import { z } from 'zod';
import { type ChannelRef, ChannelRefSchema } from '../domain';
import { UserError } from '../errors';

/**
 * A button whose value no longer reads (an old card, a forged press). Its words name the command that
 * finds the way again, written as the platform writes commands (see failure-words.ts); the message
 * itself is Slack's wording, for callers that do not know the platform.
 */
export class StaleButtonError extends UserError {
  constructor(
    readonly problem: string,
    readonly remedy: (command: string) => string,
    readonly command: 'list' | 'import',
  ) {
    super('bad_command', `${problem} ${remedy(`/action ${command}`)}`);
  }
}

const ActionButtonValueSchema = z.object({ c: ChannelRefSchema, n: z.number().int().positive() });

export function actionButtonValue(channel: ChannelRef, number: number): string {
  return JSON.stringify({ c: channel, n: number });
}

export function readActionButtonValue(value: string): { channel: ChannelRef; number: number } {
  try {
    const parsed = ActionButtonValueSchema.parse(JSON.parse(value));
    return { channel: parsed.c, number: parsed.n };
  } catch {
    throw new StaleButtonError(
      'That button no longer works.',
      (command) => `Use \`${command}\` to find the action.`,
      'list',
    );
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
    throw new StaleButtonError(
      'That import button no longer works.',
      (command) => `Start again with \`${command}\`.`,
      'import',
    );
  }
}
