/**
 * Agenda item numbers and titles. Minutes number their items in many ways ("5.", "7.1", "Item 5:",
 * "Minute 23/117") and often run the title into the first sentence of the item ("1. PUBLIC FORUM
 * Reference to a requested update …"), so the title is cut where the capitals end or a sentence begins.
 */

export interface HeadingNumber {
  /** The parts of the number for the continuity check, e.g. [7, 1]; null when there is none. */
  number: number[] | null;
  /** As it should be shown: `7.1`, `23/117`. */
  label: string;
  /** `true` when the form alone marks a heading (`Item 5`, `Minute 23/117`). */
  strong: boolean;
  rest: string;
}

const ITEM_PREFIX = /^(?:agenda\s+)?(?:item|minute)\s+(\d{1,4}(?:[./]\d{1,4}){0,3})\s*[.:)–-]?\s+(.*)$/i;
const MINUTE_REF = /^(\d{1,4}\/\d{2,4})[.:)]?\s+(.*)$/;
const PLAIN = /^(\d{1,3}(?:\.\d{1,2}){0,3})[.)]?\s+(.*)$/;

/** The number at the start of a heading or paragraph, if any. */
export function parseHeadingNumber(text: string): HeadingNumber | null {
  const trimmed = text.trim();
  const item = ITEM_PREFIX.exec(trimmed);
  if (item) {
    const label = item[1] ?? '';
    return { number: label.split(/[./]/).map(Number).slice(0, 1), label, strong: true, rest: item[2] ?? '' };
  }
  const ref = MINUTE_REF.exec(trimmed);
  if (ref) {
    const label = ref[1] ?? '';
    return { number: [Number(label.split('/')[0])], label, strong: true, rest: ref[2] ?? '' };
  }
  const plain = PLAIN.exec(trimmed);
  if (plain && !/^\d{4}$/.test(plain[1] ?? '')) {
    const label = plain[1] ?? '';
    return { number: label.split('.').map(Number), label, strong: false, rest: plain[2] ?? '' };
  }
  return null;
}

const samePrefix = (a: number[], b: number[], n: number): boolean =>
  a.slice(0, n).every((x, k) => x === b[k]);

/**
 * Whether `n` can be the agenda item after `current`: the next (or next but one, as minutes skip
 * withdrawn items) at any depth, or the first child. The first item may be any of 0–3.
 */
export function isSuccessor(n: number[], current: number[] | null): boolean {
  if (!current) return (n[0] ?? 99) <= 3 && (n.length === 1 || n.slice(1).every((x) => x <= 1));
  if (
    n.length === current.length + 1 &&
    samePrefix(n, current, current.length) &&
    (n[n.length - 1] ?? 9) <= 2
  ) {
    return true;
  }
  for (let k = current.length; k >= 1; k--) {
    if (n.length !== k || !samePrefix(n, current, k - 1)) continue;
    const step = (n[k - 1] ?? 0) - (current[k - 1] ?? 0);
    if (step >= 1 && step <= 2) return true;
  }
  return false;
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
const STRONG_STARTERS = new Set([
  'The',
  'It',
  'This',
  'There',
  'These',
  'Following',
  'Apologies',
  'All',
  'No',
  'He',
  'She',
  'They',
  'We',
]);

const isCapsToken = (w: string): boolean => /[A-Z]/.test(w) && !/[a-z]/.test(w);
const isNumberToken = (w: string): boolean => /^[\d.,/()-]+$/.test(w);
const isJoiner = (w: string): boolean => /^[&–—\-/:]+$/.test(w);

/** "PUBLIC FORUM" → "Public Forum"; short consonant-only words (CGM, WYP) stay in capitals. */
function titleCase(caps: string): string {
  return caps
    .split(/\s+/)
    .map((w, k) => {
      const lower = w.toLowerCase();
      if (k > 0 && SMALL_WORDS.has(lower)) return lower;
      if (w.length <= 4 && !/[AEIOUY]/.test(w.replace(/[^A-Z]/g, '').slice(1))) return w;
      return lower.replace(/^([^a-z]*)([a-z])/, (_m, pre: string, c: string) => pre + c.toUpperCase());
    })
    .join(' ');
}

const cleanTitle = (t: string): string =>
  t
    .replace(
      /\s*[-–—]?\s*(to (access|view|read|see|download) the (full )?(report|papers?|documents?)|click here|see (the )?(attached|appendix)).*$/i,
      '',
    )
    .replace(/[\s:.,;–—-]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

function capsTitle(words: string[]): { title: string; body: string } | null {
  let k = 0;
  while (
    k < words.length &&
    (isCapsToken(words[k] ?? '') || isNumberToken(words[k] ?? '') || isJoiner(words[k] ?? ''))
  )
    k++;
  while (k > 0 && isNumberToken(words[k - 1] ?? '')) k--;
  const caps = words.slice(0, k);
  const letters = caps.join('').replace(/[^A-Z]/g, '').length;
  if (letters < 4 || (caps.length < 2 && letters < 5)) return null;
  let end = k;
  if (/[–—-]$/.test(caps[caps.length - 1] ?? '')) {
    while (end < words.length && !STRONG_STARTERS.has(words[end] ?? '') && end - k < 10) end++;
  }
  const title = `${titleCase(caps.join(' '))} ${words.slice(k, end).join(' ')}`;
  return { title: cleanTitle(title), body: words.slice(end).join(' ') };
}

/** Splits "Title Body…" into the agenda title and the body text that followed it on the same line. */
export function agendaTitleOf(rest: string): { title: string; body: string } {
  const text = rest.trim();
  if (!text) return { title: '', body: '' };
  const words = text.split(/\s+/);
  const caps = capsTitle(words);
  if (caps) return caps;
  for (let k = 2; k < Math.min(words.length, 16); k++) {
    if (STRONG_STARTERS.has(words[k] ?? '')) {
      return { title: cleanTitle(words.slice(0, k).join(' ')), body: words.slice(k).join(' ') };
    }
  }
  const firstStop = text.search(/[.!?](\s|$)/);
  if (text.length <= 100 && (firstStop === -1 || firstStop >= text.length - 2)) {
    return { title: cleanTitle(text), body: '' };
  }
  const sentence = firstStop > 0 ? text.slice(0, firstStop) : text;
  if (sentence.split(/\s+/).length <= 12) {
    return { title: cleanTitle(sentence), body: text.slice(sentence.length + 1).trim() };
  }
  return { title: `${cleanTitle(words.slice(0, 8).join(' '))}…`, body: text };
}
