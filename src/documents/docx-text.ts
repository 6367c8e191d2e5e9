/**
 * The text of a Word document with the structure minutes depend on. mammoth's raw text loses it: the
 * numbers of Word's numbered lists (often the agenda numbering), headings, table rows (the action log
 * with its owner column) and strike-through (a done action). So the document is converted to mammoth's
 * simple HTML and that HTML written out as plain text: `# ` headings, `1. ` and `- ` list items, one
 * line per table row with tab-separated cells, `~~` around struck-through text.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: ' ',
};

const decode = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '');

interface ListState {
  ordered: boolean;
  counter: number;
}

interface Writer {
  lines: string[];
  /** Text of the paragraph, heading or list item being written. */
  current: string;
  prefix: string;
  lists: ListState[];
  /** Cells of the table row being written, and the cell being written; null outside tables. */
  row: string[] | null;
  cell: string | null;
  /** The last number of the previous top-level numbered list. */
  lastTopNumber: number;
}

function flush(w: Writer): void {
  const text = w.current.replace(/\s+/g, ' ').trim();
  if (text) w.lines.push(`${w.prefix}${text}`);
  w.current = '';
  w.prefix = '';
}

function write(w: Writer, text: string): void {
  if (w.cell !== null) w.cell += text;
  else w.current += text;
}

function openTag(w: Writer, tag: string): void {
  if (/^h[1-6]$/.test(tag)) {
    flush(w);
    w.lines.push('');
    w.prefix = `${'#'.repeat(Number(tag[1]))} `;
  } else if (tag === 'p' && w.cell === null) {
    flush(w);
  } else if (tag === 'ul' || tag === 'ol') {
    flush(w);
    // Word numbers an agenda on across the paragraphs between its items; mammoth starts a new list
    // after each of them, so a top-level numbered list carries on from the one before.
    const carry = tag === 'ol' && w.lists.length === 0 ? w.lastTopNumber : 0;
    w.lists.push({ ordered: tag === 'ol', counter: carry });
  } else if (tag === 'li') {
    flush(w);
    const list = w.lists[w.lists.length - 1];
    if (list) list.counter++;
    const indent = '  '.repeat(Math.max(0, w.lists.length - 1));
    w.prefix = `${indent}${list?.ordered ? `${list.counter}. ` : '- '}`;
  } else if (tag === 'table') {
    flush(w);
    w.lines.push('');
  } else if (tag === 'tr') {
    w.row = [];
  } else if (tag === 'td' || tag === 'th') {
    w.cell = '';
  } else if (tag === 's' || tag === 'del') {
    write(w, '~~');
  } else if (tag === 'br') {
    write(w, w.cell !== null ? ' ' : '\n');
  }
}

function closeTag(w: Writer, tag: string): void {
  if (/^h[1-6]$/.test(tag) || tag === 'li' || (tag === 'p' && w.cell === null)) {
    flush(w);
    if (tag !== 'li') w.lines.push('');
  } else if (tag === 'p' && w.cell !== null) {
    w.cell += ' ';
  } else if (tag === 'ul' || tag === 'ol') {
    flush(w);
    const list = w.lists.pop();
    if (list?.ordered && w.lists.length === 0) w.lastTopNumber = list.counter;
    if (w.lists.length === 0) w.lines.push('');
  } else if (tag === 'td' || tag === 'th') {
    w.row?.push((w.cell ?? '').replace(/[\s\t]+/g, ' ').trim());
    w.cell = null;
  } else if (tag === 'tr') {
    if (w.row?.some(Boolean)) w.lines.push(w.row.join('\t'));
    w.row = null;
  } else if (tag === 'table') {
    w.lines.push('');
  } else if (tag === 's' || tag === 'del') {
    write(w, '~~');
  }
}

/** Plain text with structure, from the HTML mammoth makes of a Word document. */
export function htmlToMinutesText(html: string): string {
  const w: Writer = {
    lines: [],
    current: '',
    prefix: '',
    lists: [],
    row: null,
    cell: null,
    lastTopNumber: 0,
  };
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)/g)) {
    if (m[3] !== undefined) write(w, decode(m[3]));
    else if (m[1]) closeTag(w, (m[2] ?? '').toLowerCase());
    else openTag(w, (m[2] ?? '').toLowerCase());
  }
  flush(w);
  return `${w.lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
