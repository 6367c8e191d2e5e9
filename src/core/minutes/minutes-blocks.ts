/**
 * Cuts normalised minutes text into blocks: explicit headings (Markdown `#`, underlined reStructuredText
 * and plain-text titles), list items, tables and paragraphs. Hard-wrapped lines are joined back into one
 * paragraph (IRC bots and e-mail wrap at 72 columns), but a line that starts a new item, an `Action:` line
 * or an "Owner to …" line always starts a new block, so one action never swallows the next.
 */
import { type ListMarker, readListMarker } from './list-markers';
import { readTableAt, type TextTable } from './text-tables';

export type RawBlock =
  | { type: 'heading'; text: string; level: number; line: number }
  | { type: 'paragraph'; text: string; indent: number; line: number }
  | { type: 'item'; text: string; marker: ListMarker; indent: number; line: number }
  | { type: 'table'; table: TextTable; line: number };

const UNDERLINE = /^\s*([=\-~^*+#`'"._:])\1{2,}\s*$/;
const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A line that opens with an action marker or with an owner followed by `to`/`will` and a verb. */
const ACTION_START =
  /^\s*(?:(?:(?:Last|Previous|Prior|last|previous|prior)\s+(?:week|meeting|month|time)['’]s\s+)?\[?(?:ACTIONS?|Actions?|AI|AP|Action (?:points?|items?)|ACTION (?:POINTS?|ITEMS?))\]?(?:,\s*[a-z][a-z -]{0,20})?\s*(?:\([^)]*\))?\s*[:–-]|\[ACTION\]|@\w|~~)/;
/** "AGREED: …", "RESOLUTION: …", "Status: …": a labelled line is a block of its own. */
const LABEL_START = /^\s*(?:[A-Z]{2,}(?: [A-Z]{2,})?|[A-Z][a-z]+(?: [a-z]+)?):\s/;
const OWNER_START = /^\s*[A-Z@][\w.’'/&@ -]{0,40}?\s(?:to|will)\s+[a-z]/;

/** A line ending with the owner of what it says ("… to the Clerk. Action FE") ends its paragraph. */
const OWNER_MARKER_END =
  /(?:^|[.;)–—-]\s*|\()\s*(?:ACTIONS?|Action)(?:\s+by)?\s*[:–-]?\s*[A-Z@][\w.&/@ ,]{0,30}\)?\.?\s*$/;

const indentOf = (line: string): number => line.search(/\S/);
const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

interface Cursor {
  lines: string[];
  rstLevels: string[];
}

function headingAt(c: Cursor, i: number): { text: string; level: number; next: number } | null {
  const line = c.lines[i] ?? '';
  const md = MD_HEADING.exec(line);
  if (md) return { text: md[2] ?? '', level: (md[1] ?? '#').length, next: i + 1 };
  const under = c.lines[i + 1];
  if (!isBlank(line) && !UNDERLINE.test(line) && under !== undefined && UNDERLINE.test(under)) {
    const over = i > 0 && UNDERLINE.test(c.lines[i - 1] ?? '');
    const key = `${over ? 'o' : ''}${under.trim()[0]}`;
    if (!c.rstLevels.includes(key)) c.rstLevels.push(key);
    return { text: line.trim(), level: c.rstLevels.indexOf(key) + 1, next: i + 2 };
  }
  return null;
}

function startsBlock(c: Cursor, j: number): boolean {
  const line = c.lines[j] ?? '';
  if (isBlank(line) || UNDERLINE.test(line)) return true;
  if (MD_HEADING.test(line) || UNDERLINE.test(c.lines[j + 1] ?? '')) return true;
  if (readListMarker(line.trim())) return true;
  if (ACTION_START.test(line) || LABEL_START.test(line)) return true;
  return readTableAt(c.lines, j) !== null;
}

/** Whether line `j` continues the block whose last line is `prev` (first line indented `indent`). */
function continues(c: Cursor, prev: string, j: number, indent: number, isItem: boolean): boolean {
  const next = c.lines[j] ?? '';
  const nextText = next.trim();
  if (isBlank(next) || UNDERLINE.test(next) || UNDERLINE.test(c.lines[j + 1] ?? '')) return false;
  // An item's own indented lines ("Status: done" under "* Ross: review …") belong to it.
  if (isItem && indentOf(next) > indent && !readListMarker(nextText) && !ACTION_START.test(next)) return true;
  if (startsBlock(c, j) || OWNER_MARKER_END.test(prev)) return false;
  if (/^[a-z(,;&)\d]/.test(nextText)) return true;
  if (isItem && indentOf(next) > indent) return true;
  if (/([,\-–&]|\b(and|or|the|of|to|a|an|for|with|by|in|on|at|from))$/i.test(prev.trim())) return true;
  const ended = /[.!?:]["'”’)\]]*$/.test(prev.trim());
  return !ended && prev.trim().length >= 40 && !OWNER_START.test(next);
}

/** The blocks of a normalised minutes text, in document order. */
export function readBlocks(text: string): RawBlock[] {
  const c: Cursor = { lines: text.split('\n'), rstLevels: [] };
  const out: RawBlock[] = [];
  let i = 0;
  while (i < c.lines.length) {
    const line = c.lines[i] ?? '';
    if (isBlank(line) || UNDERLINE.test(line)) {
      i++;
      continue;
    }
    const heading = headingAt(c, i);
    if (heading) {
      out.push({ type: 'heading', text: heading.text, level: heading.level, line: i });
      i = heading.next;
      continue;
    }
    const table = readTableAt(c.lines, i);
    if (table) {
      out.push({ type: 'table', table, line: i });
      i = table.end;
      continue;
    }
    const indent = indentOf(line);
    const marker = readListMarker(line.trim());
    const parts = [marker ? marker.rest : line.trim()];
    let j = i + 1;
    while (j < c.lines.length && continues(c, c.lines[j - 1] ?? '', j, indent, marker !== null)) {
      parts.push((c.lines[j] ?? '').trim());
      j++;
    }
    const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
    out.push(
      marker
        ? { type: 'item', text: joined, marker, indent, line: i }
        : { type: 'paragraph', text: joined, indent, line: i },
    );
    i = j;
  }
  return out;
}
