/**
 * The one rule that decides what a typed message means, the same on every platform (CONTRACT.md,
 * release 0.2): text addressed to the bot is a command; in a DM, text that starts with a known subcommand
 * is a command and anything else answers the latest reminder; a reply in a thread answers the message the
 * thread is on. `done` on its own is always an answer, though `done 4` is a command.
 */
import { SUBCOMMANDS } from '../command-parser';
import { isDoneReply } from '../reply-intent';
import type { Where } from './inbound';

/**
 * - `command`: parse and run it;
 * - `reply`: it answers a message (a note, or `done`); a reply about no action is said to be so in a DM
 *   and ignored in a thread (people talk in threads too);
 * - `reply-or-command`: a mention in a thread that reads like no command: an answer if the thread is about
 *   an action, else a command (whose error says what went wrong);
 * - `ignore`: none of the bot's business (channel chatter without a mention).
 */
export type Intent = 'command' | 'reply' | 'reply-or-command' | 'ignore';

const EXPLICIT_PREFIX = /^\s*\/?action(?=\s|$)/i;
const SUBCOMMAND_WORDS = new Set<string>(SUBCOMMANDS);

/** True when the text starts like a command (`list mine`, `action list`), not like a reply (`done`, `sent it`). */
export function looksLikeCommand(text: string): boolean {
  if (EXPLICIT_PREFIX.test(text)) return true;
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return SUBCOMMAND_WORDS.has(first) && !isDoneReply(text);
}

export function intentOf(where: Where, mentioned: boolean, text: string): Intent {
  switch (where.kind) {
    case 'dm':
      return mentioned || looksLikeCommand(text) ? 'command' : 'reply';
    case 'thread':
      if (!mentioned) return 'reply';
      return looksLikeCommand(text) ? 'command' : 'reply-or-command';
    case 'channel':
      return mentioned ? 'command' : 'ignore';
  }
}
