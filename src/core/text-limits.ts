/**
 * What the core does to any text a user sends before reading it: strip characters that only cause harm
 * downstream (NUL breaks Redis tooling and logs; other control characters render as garbage;
 * bidirectional controls hide what a text says), enforce the size limit, and quote the user's words back
 * to them in error messages.
 */
import { UserError } from './errors';

/** The longest command text Arising takes, in characters (CONTRACT: "text over 3,000 characters"). */
export const MAX_COMMAND_LENGTH = 3000;

/** How much of the user's words an error message quotes before cutting them with an ellipsis. */
const MAX_QUOTE_LENGTH = 80;

/**
 * Control characters (Unicode category Cc) other than tab and newline. Carriage returns go too, so CRLF
 * text from Teams or a pasted document reads as plain newlines. Other format characters (zero-width
 * joiners inside emoji) are not Cc and are kept.
 */
const CONTROL_CHARACTER = /\p{Cc}/gu;

/**
 * The bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the
 * left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C). They are invisible and
 * reorder the text around them, so a task could read one way on a card and say another ("Trojan Source").
 * Hebrew and Arabic letters carry their own direction and read correctly without them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text without control characters except newline and tab, and without bidirectional controls. */
export function stripControlCharacters(text: string): string {
  return withoutBidiControls(text.replace(CONTROL_CHARACTER, (c) => (c === '\n' || c === '\t' ? c : '')));
}

/** The text without bidirectional controls (BIDI_CONTROL); everything else is kept verbatim. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROL, '');
}

/** Length as a person counts it: code points, so an emoji is one character, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Throws `too_long` when the text is over the limit, saying how long it was, so the user knows how much
 * to cut.
 */
export function assertWithinLimit(text: string, limit = MAX_COMMAND_LENGTH): void {
  const length = characterCount(text);
  if (length > limit) {
    throw new UserError(
      'too_long',
      `That message is ${formatCount(length)} characters long; Arising takes at most ${formatCount(limit)}. ` +
        'Shorten it, or add the detail afterwards as notes (`note 4 …`).',
    );
  }
}

/** `3,412`: thousands separated the way the messages are written, whatever the server's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The user's words in backticks for an error message: whitespace collapsed, backticks (which would end
 * the code span early) replaced, and long text cut with an ellipsis.
 */
export function quote(words: string): string {
  let text = words.replace(/\s+/g, ' ').trim().replace(/`/g, "'");
  if (characterCount(text) > MAX_QUOTE_LENGTH) {
    text = `${Array.from(text)
      .slice(0, MAX_QUOTE_LENGTH - 1)
      .join('')
      .trimEnd()}…`;
  }
  return `\`${text}\``;
}

/** The first word of the text and the rest, trimmed; the rest keeps its inner newlines. */
export function splitFirstWord(text: string): { word: string; rest: string } {
  const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
  return { word: match?.[1] ?? '', rest: (match?.[2] ?? '').trimEnd() };
}

/**
 * The text with every bracketed piece of platform markup (`<@U1|to>`, `<https://…|by>`) blanked out,
 * same length, so a search for keywords such as ` to ` or ` by ` never lands inside a mention or link.
 * NUL is the blank because stripControlCharacters has removed every real one.
 */
export function maskMarkup(text: string): string {
  return text.replace(/<[^<>]*>/g, (markup) => '\u0000'.repeat(markup.length));
}

/** Where a standalone word (whole, between whitespace or the ends) occurs, case-insensitively. */
export function findWord(
  text: string,
  word: string,
  which: 'first' | 'last',
): { start: number; end: number } | null {
  const pattern = new RegExp(`(?<=^|\\s)${word}(?=\\s|$)`, 'gi');
  const matches = [...maskMarkup(text).matchAll(pattern)];
  const match = which === 'first' ? matches[0] : matches[matches.length - 1];
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
