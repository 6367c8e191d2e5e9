/**
 * What the user who added an action is told when not every step of the add went through. The one rule:
 * say truthfully whether the action was stored. "Try again" only when it was not; when it was, say what
 * is still missing and that Arising finishes it by itself (the repair pass), so nobody adds it twice.
 */
import type { Reply } from './chat-service';
import { notice } from './views/notice';

/** The steps after storing that can be left undone. */
export type Unfinished = 'reminders' | 'card' | 'thread';

/** The answer when the database could not be reached to store the action. */
export const NOT_STORED =
  'Arising cannot reach its database just now, so this action was NOT stored. Please add it again shortly.';

/**
 * The answer when the connection to the database was lost while the action was being stored: it may have
 * been stored or not, and nobody can tell until the database is back. If it was, the repair pass posts its
 * card and plans its reminders; so the user is told to look before adding it again.
 */
export const MAYBE_STORED =
  'Arising lost touch with its database while storing this action, so it cannot tell whether it was stored. If it was, its card will appear in this channel within a few minutes; check with `list` before adding it again.';

const WHAT: Record<Unfinished, string> = {
  reminders: 'its reminders',
  card: 'its card in this channel',
  thread: 'replies in its card’s thread',
};

/**
 * The answer to an add whose action is stored: nothing when its card is in the channel and every step
 * went through; otherwise what is missing. `delivered` is false when the platform said the bot cannot
 * post in the channel (not invited), which only inviting it mends.
 */
export function newActionAnswer(number: number, delivered: boolean, unfinished: Unfinished[]): Reply {
  const lines: string[] = [];
  if (unfinished.length > 0) {
    const missing = unfinished.map((u) => WHAT[u]).join(' and ');
    lines.push(
      `Recorded #${number}, but ${missing} could not be set up just now. Arising will finish that by itself shortly: there is no need to add it again.`,
    );
  }
  if (!delivered) {
    lines.push(
      `Recorded #${number}, but I couldn't post it in this channel. Invite me to the channel so everyone sees its actions.`,
    );
  }
  if (lines.length === 0) return { kind: 'none' };
  return { kind: 'ephemeral', view: notice(lines.join('\n')) };
}
