/**
 * Reads a reply in an action's thread (or to a reminder DM): `done` in its usual spellings closes the
 * action; anything else is a progress note.
 */
const DONE = /^(done|completed?|finished|closed)$/i;

/** True for `done`, `done.`, `Done ✅`, `completed`, `complete!` and the like. */
export function isDoneReply(reply: string): boolean {
  const words = reply
    .normalize('NFKC')
    .replace(/\p{P}|\p{S}|\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .trim();
  return DONE.test(words);
}
