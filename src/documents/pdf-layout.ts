/**
 * Turns the positioned text runs of a PDF's pages into minutes text the extractor can read. A PDF has no
 * lines or paragraphs, only runs of text drawn at points; read in the order they were drawn they can
 * come out of order, with each page's running header, footer and page number in the middle of the
 * minutes and words split by the hyphen at a line end. Here runs are put in reading order (top to
 * bottom, left to right), lines that repeat at the top or bottom of most pages and page numbers are
 * dropped, a hyphenated word at a line end is joined, and table rows come out as one line each with
 * their cells separated by tabs, the form text-tables.ts reads.
 */
import { inColumns } from './pdf-columns';
import { withHeadings } from './pdf-headings';
import { withoutRunningLines } from './pdf-running-lines';
import { endsHyphenated, joinWrapped, type Line, type Row, tableRows } from './pdf-table-rows';

/** One run of text as the PDF draws it: baseline at (x, y) from the bottom left, font height h. */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PdfPage {
  height: number;
  runs: PdfRun[];
}

/** The runs of one page as lines: runs whose baselines are within a third of their height are one line. */
export function pageLines(runs: PdfRun[]): Line[] {
  const sorted = runs.filter((r) => r.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: PdfRun[] = [];
  for (const run of sorted) {
    const head = current[0];
    if (head && Math.abs(head.y - run.y) > Math.max(1, Math.min(head.h, run.h) / 3)) {
      lines.push(toLine(current));
      current = [];
    }
    current.push(run);
  }
  if (current.length > 0) lines.push(toLine(current));
  return lines;
}

/**
 * Runs on one baseline joined left to right; a gap wider than 0.7 of the text height starts a cell,
 * unless the line is justified text (see `justified`). (pdf.js's own space runs are no guide: it puts
 * one in every wide gap, between two table cells as well as two words.)
 */
function toLine(runs: PdfRun[]): Line {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const h = Math.max(...sorted.map((r) => r.h));
  const cells: Line['cells'] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const run of sorted) {
    const gap = run.x - end;
    const last = cells[cells.length - 1];
    if (!last || gap > 0.7 * Math.max(h, 1)) {
      cells.push({ x: run.x, end: run.x + run.w, text: run.text.trim() });
    } else {
      const space = gap > 0.15 * h && !last.text.endsWith(' ') && !run.text.startsWith(' ');
      last.text = `${last.text}${space ? ' ' : ''}${run.text}`.replace(/\s+/g, ' ').trim();
      last.end = Math.max(last.end, run.x + run.w);
    }
    end = Math.max(end, run.x + run.w);
  }
  return {
    y: sorted[0]?.y ?? 0,
    h,
    cells: withMarker(
      cells.filter((c) => c.text !== ''),
      h,
    ),
  };
}

/** A list marker alone: a bullet (Word's Symbol-font bullets too), or an item number or letter. */
const MARKER = /^([-•●▪◦·*–\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|\(?\d{1,3}(\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)])$/u;

/**
 * The cells with a list marker joined to the item's text: a word processor puts a tab after the bullet
 * or number, so the two stand apart like table cells, and the item would read as a table row (a gap of
 * more than four text heights is a table's number column instead). Word's
 * Symbol-font bullets (private-use characters) are written as "•".
 */
function withMarker(cells: Line['cells'], h: number): Line['cells'] {
  const [marker, text, ...rest] = cells;
  if (!marker || !text || !MARKER.test(marker.text) || text.x - marker.end > 4 * h) {
    return cells;
  }
  const bullet = /^[\uf0b7\uf0a7\uf076\uf0d8\uf0fc]$/u.test(marker.text) ? '•' : marker.text;
  return [{ x: marker.x, end: text.end, text: `${bullet} ${text.text}` }, ...rest];
}

/**
 * Whether a line's cells are the words of one justified line, stretched apart to fill it: three or more
 * cells, the gaps between them all alike (within a fifth) and under three text heights. A table's gaps
 * follow the lengths of its cells' texts, so they are seldom all alike.
 */
function justified(cells: Line['cells'], h: number): boolean {
  if (cells.length < 3) return false;
  const gaps = cells.slice(1).map((c, i) => c.x - (cells[i] as Line['cells'][number]).end);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return mean < 3 * h && gaps.every((g) => Math.abs(g - mean) <= 0.2 * mean);
}

/**
 * The line with a justified line's words as one cell. Done once a page's columns are apart: across
 * the gutter the gaps differ.
 */
function unjustified(line: Line): Line {
  const { cells, h } = line;
  if (!justified(cells, h)) return line;
  const text = cells.map((c) => c.text).join(' ');
  return { ...line, cells: [{ x: cells[0]?.x ?? 0, end: cells[cells.length - 1]?.end ?? 0, text }] };
}

/**
 * A line that starts an item of its own: a list number or letter, a bullet, or a capitalised label such
 * as "Action:" or "Resolved:" (a wrapped sentence's next line, "the council: …", is not one).
 */
const ITEM_START =
  /^(\(?\d{1,3}(\.\d{1,3})*[.)]?\s|\(?[a-zA-Z][.)]\s|\(?[ivxIVX]{1,5}[.)]\s|[•●▪◦·*–-]\s|\p{Lu}[\p{L} ]{0,20}:)/u;

/**
 * The line last written: its last page line, whether it is one cell ending in a hyphenated word, the
 * room left between its end and the edge of its text, and whether it reached the very edge (as justified
 * text does).
 */
interface Open {
  last: Line;
  single: boolean;
  hyphen: boolean;
  room: number;
  tight: boolean;
}

/** The width of the first word of `row`, from its first cell's width shared out over its letters. */
function firstWordWidth(row: Row): number {
  const cell = row.line.cells[0];
  if (!cell || cell.text === '') return 0;
  const word = cell.text.split(' ')[0] ?? '';
  return ((cell.end - cell.x) * word.length) / cell.text.length;
}

/**
 * Whether the line above was full when `row` began: a word processor wraps only when the next word
 * does not fit, so the room left on the line above is less than the first word of this one (with a
 * text height to spare for the estimate), or the line above ends in a hyphenated word.
 */
function fullBefore(open: Open | undefined, row: Row): boolean {
  if (!open?.single) return false;
  return open.hyphen || open.tight || open.room < firstWordWidth(row) + open.last.h;
}

/**
 * Whether a line that looks like it starts an item (`65 West End`, `Fund: …`) is the middle of the
 * sentence above instead: that line was full and broke after a comma, or ran to the very edge and
 * broke after a word. A bullet always starts an item.
 */
function midSentence(open: Open, above: string, row: Row): boolean {
  if (/^[•●▪◦·*–-]\s/u.test(row.text)) return false;
  return /,$/.test(above) || (open.tight && /\p{Ll}$/u.test(above));
}

/**
 * Whether `row` carries on the paragraph above: a word processor wraps a line only when it is full, so
 * the line above reaches the right edge of the text, and this one is one line below (or on the next
 * page, or at the top of the next column), is not a table row and does not start an item of its own.
 */
function carriesOn(
  open: Open | undefined,
  above: string,
  row: Row,
  pitch: number,
  samePage: boolean,
): boolean {
  if (!open || !fullBefore(open, row) || row.text.includes('\t')) return false;
  if (ITEM_START.test(row.text) && !midSentence(open, above, row)) return false;
  return !samePage || open.last.y - row.line.y <= 1.3 * pitch;
}

/**
 * The text of the pages' lines: table rows as tab-separated cells, a paragraph's wrapped lines joined
 * into one (the extractor reads "Action: …" to the line end), paragraphs a blank line apart.
 */
export function linesToText(linesOf: Line[][]): string {
  const out: string[] = [];
  let open: Open | undefined;
  for (const lines of linesOf) {
    const pitch = typicalPitch(lines);
    const right = Math.max(0, ...lines.map((l) => l.cells[l.cells.length - 1]?.end ?? 0));
    let first = true;
    for (const row of tableRows(lines, pitch)) {
      const last = out[out.length - 1];
      if (row.line.heading) {
        open = headingRow(out, open, row, !first);
        first = false;
        continue;
      }
      if (last !== undefined && open?.last.heading) out.push('');
      if (last !== undefined && carriesOn(open, last, row, pitch, !first)) {
        out[out.length - 1] = joinWrapped(last, row.text);
      } else {
        const gap = open && !first && open.last.y - row.line.y > 1.3 * pitch;
        if (last !== undefined && last !== '' && (gap || (first && !fullBefore(open, row)))) out.push('');
        out.push(row.text);
      }
      const end = row.last.cells[row.last.cells.length - 1]?.end ?? 0;
      // On a page in columns, a line's text ends at its column's edge.
      const room = (row.last.right ?? right) - end;
      open = {
        last: row.last,
        single: row.last.cells.length === 1,
        hyphen: endsHyphenated(row.text),
        room,
        tight: room <= 1.5 * row.last.h,
      };
      first = false;
    }
  }
  return `${out.join('\n').trim()}\n`;
}

/**
 * Writes a heading row as a Markdown heading, a paragraph of its own; a heading too long for one line
 * goes on in the next line of the same size just below it, and is joined back.
 */
function headingRow(out: string[], open: Open | undefined, row: Row, samePage: boolean): Open {
  const level = row.line.heading ?? 1;
  const above = open?.last;
  const wrapped =
    samePage && above?.heading === level && above.y - row.line.y <= 1.6 * Math.max(row.line.h, 1);
  if (wrapped) {
    out[out.length - 1] = joinWrapped(out[out.length - 1] ?? '', row.text);
  } else {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(`${'#'.repeat(level)} ${row.text}`);
  }
  return { last: row.last, single: true, hyphen: false, room: Number.POSITIVE_INFINITY, tight: false };
}

/** The usual distance between one baseline and the next on a page: the shorter gaps of a text height. */
function typicalPitch(lines: Line[]): number {
  const heights = lines.map((l) => l.h).sort((a, b) => a - b);
  const h = Math.max(1, heights[Math.floor(heights.length / 2)] ?? 12);
  const gaps = lines
    .slice(1)
    .map((l, i) => (lines[i] as Line).y - l.y)
    .filter((g) => g >= 0.9 * h)
    .sort((a, b) => a - b);
  // Where every line is a paragraph of its own the gaps are all paragraph gaps: a line is at most 1.5
  // times its text height below the one above (one-and-a-half line spacing).
  return Math.min(gaps[Math.floor(gaps.length / 5)] ?? 1.2 * h, 1.5 * h);
}

/** The minutes text of a PDF's pages. */
export function pdfPagesToText(pages: PdfPage[]): string {
  const linesOf = pages.map((p) => pageLines(p.runs));
  return linesToText(
    withHeadings(
      withoutRunningLines(
        pages.map((p) => p.height),
        linesOf,
      ).map((lines) => inColumns(lines).map(unjustified)),
    ),
  );
}
