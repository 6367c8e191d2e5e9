/**
 * Reads a reply in an action's thread (or to a reminder or check-in DM): `done` in its usual spellings
 * closes the action; `new date 20 Jan` or `by 20 Jan` moves its due date; anything else is a progress note.
 */
import { looksLikeDate } from './dates/due-words';

const DONE = /^(done|completed?|finished|closed)$/i;

/** True for `done`, `done.`, `Done ✅`, `completed`, `complete!` and the like. */
export function isDoneReply(reply: string): boolean {
  const words = reply
    .normalize('NFKC')
    .replace(/\p{P}|\p{S}|\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .trim();
  return DONE.test(words);
}

/** A new due date in a reply: `new date 20 Jan`, `new due date: Friday`, `by 20 Jan`. */
const NEW_DATE = /^new\s+(?:due\s+)?date\s*[:-]?\s+(.+)$/i;
const BY_DATE = /^by\s+(.+)$/i;

/**
 * The date words of a reply that moves the action, or null. `new date …` always means a date (a wrong one
 * is an error worth telling); `by …` only when the words look like a date, and the caller keeps it as a
 * note should they still not read as one ("by the time we meet …").
 */
export function newDateReply(reply: string): { dueText: string; certain: boolean } | null {
  const words = reply
    .normalize('NFKC')
    .trim()
    .replace(/[.!]+$/, '');
  const stated = NEW_DATE.exec(words);
  if (stated?.[1]) return { dueText: stated[1].trim(), certain: true };
  const by = BY_DATE.exec(words);
  if (by?.[1] && looksLikeDate(by[1])) return { dueText: by[1].trim(), certain: false };
  return null;
}
