/**
 * The markers that start a list item in minutes: bullets, `a)`, `(ii)`, `1.`, `7.1`, checkboxes. An
 * item's marker style matters: a lettered list under "Actions:" is a list of actions, and a number that
 * continues the agenda's numbering is the next agenda item, not a list item.
 */

export type MarkerStyle = 'bullet' | 'letter' | 'roman' | 'number' | 'checkbox';

export interface ListMarker {
  /** The marker as written, e.g. `-`, `a)`, `7.1`, `[x]`. */
  marker: string;
  style: MarkerStyle;
  /** For `number`: the parts of `7.1` as [7, 1]. */
  number: number[] | null;
  /** For checkboxes: ticked. */
  checked: boolean;
  /** The text after the marker(s). */
  rest: string;
}

const BULLET = /^([-*•+▪◦‣·●○■□➢►→])\s+(.*)$/s;
const CHECKBOX = /^\[([ xX✓✔])\]\s+(.*)$/s;
/** Checkbox characters of word processors and shared documents: ☐ open, ☑ ☒ ✅ ticked. */
const BOX_CHAR = /^([☐☑☒✅])\s*(.*)$/s;
const ROMAN = /^\(?((?:i{1,3}|iv|v|vi{1,3}|ix|x))[.)]\s+(.*)$/s;
const LETTER = /^(\(?[a-z][.)]|\([a-z]\)|[A-Z]\))\s+(.*)$/s;
const NUMBER = /^\(?(\d{1,3}(?:\.\d{1,2}){0,3})(?:[.)]|(?<=\d\.\d{1,2}))\s+(.*)$/s;

/**
 * Reads the list marker(s) at the start of a trimmed line. Nested markers (`- a) WYP to …`, `- [ ] @sam
 * …`) are read through: the innermost significant one gives the style.
 */
export function readListMarker(text: string): ListMarker | null {
  let found = null as ListMarker | null;
  let rest = text;
  for (let guard = 0; guard < 3; guard++) {
    const next = readOne(rest);
    if (!next) break;
    const checked: boolean = next.checked || found?.checked === true;
    found = !found || next.style !== 'bullet' ? { ...next, checked } : { ...found, rest: next.rest };
    rest = next.rest;
  }
  return found;
}

function readOne(text: string): ListMarker | null {
  const checkbox = CHECKBOX.exec(text);
  if (checkbox) {
    return {
      marker: `[${checkbox[1]}]`,
      style: 'checkbox',
      number: null,
      checked: checkbox[1] !== ' ',
      rest: checkbox[2] ?? '',
    };
  }
  const box = BOX_CHAR.exec(text);
  if (box) {
    return {
      marker: box[1] ?? '',
      style: 'checkbox',
      number: null,
      checked: box[1] !== '☐',
      rest: box[2] ?? '',
    };
  }
  const bullet = BULLET.exec(text);
  if (bullet)
    return { marker: bullet[1] ?? '-', style: 'bullet', number: null, checked: false, rest: bullet[2] ?? '' };
  const roman = ROMAN.exec(text);
  if (roman)
    return { marker: roman[1] ?? '', style: 'roman', number: null, checked: false, rest: roman[2] ?? '' };
  const letter = LETTER.exec(text);
  if (letter)
    return { marker: letter[1] ?? '', style: 'letter', number: null, checked: false, rest: letter[2] ?? '' };
  const number = NUMBER.exec(text);
  if (number && !/^\d{4}$/.test(number[1] ?? '')) {
    const parts = (number[1] ?? '').split('.').map(Number);
    return { marker: number[1] ?? '', style: 'number', number: parts, checked: false, rest: number[2] ?? '' };
  }
  return null;
}
