/**
 * Splits minutes prose into sentences. Minutes are dense with abbreviations and initials ("Cllr. A.
 * Jenkinson", "K. Kaiser", "Ch. Supt. Chesters", "ref. 16/11"), and a naive split on ". " would cut an
 * owner off from their task, so a full stop only ends a sentence when the word before it is not one.
 */

const ABBREVIATIONS = new Set(
  [
    'cllr',
    'cllrs',
    'mr',
    'mrs',
    'ms',
    'mx',
    'dr',
    'st',
    'ch',
    'supt',
    'insp',
    'sgt',
    'rev',
    'revd',
    'prof',
    'no',
    'nos',
    'ref',
    'e.g',
    'i.e',
    'eg',
    'ie',
    'etc',
    'approx',
    'vs',
    'cf',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'fig',
    'p',
    'pp',
    'para',
    'capt',
    'col',
    'lt',
    'gen',
    'cpt',
    'det',
    'hon',
    'rt',
    'inc',
    'co',
    'dept',
    'tel',
    'min',
    'mins',
    'max',
    'est',
    'attn',
  ].map((w) => w.toLowerCase()),
);

/**
 * "etc." closes a list, and with it often the sentence: before a pronoun that opens a clause ("… into
 * the registry etc. I will volunteer to write that text") it ends the sentence. A title before a name
 * ("Mr. Smith") never does.
 */
const ENDS_BEFORE_PRONOUN = new Set(['etc']);
const PRONOUN_OPENER = /^(?:I|We|He|She|They|It)\b/;

/** True when the word ending at a full stop is an initial or an abbreviation, not a sentence end. */
function isAbbreviation(wordBeforeDot: string, after = ''): boolean {
  const word = wordBeforeDot.replace(/^[("'“‘[]+/, '');
  if (ENDS_BEFORE_PRONOUN.has(word.toLowerCase()) && PRONOUN_OPENER.test(after)) return false;
  if (/^[A-Z]$/.test(word)) return true;
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The sentences of a paragraph, trimmed, in order. Terminal punctuation stays with its sentence. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /(?<![.!?])([.!?]+["'”’)~]*)\s+(?=[A-Z0-9@("'“‘[~*•])/g;
  for (let m = re.exec(paragraph); m !== null; m = re.exec(paragraph)) {
    const end = m.index + (m[1] ?? '').length;
    if ((m[1] ?? '').startsWith('.')) {
      const before = paragraph.slice(Math.max(start, m.index - 40), m.index);
      const word = before.split(/\s+/).pop() ?? '';
      if (isAbbreviation(word, paragraph.slice(re.lastIndex, re.lastIndex + 6))) continue;
    }
    const sentence = paragraph.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = re.lastIndex;
  }
  const last = paragraph.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/**
 * Sentences further cut at `: ` where a label precedes the clause ("Originally from June 2006, Section 6,
 * PSF Records: D. Goodger will …"), so an owner at the start of a clause is found.
 */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(/:\s+(?=[A-Z@])/)
    .map((c) => c.trim())
    .filter(Boolean);
}
