/**
 * Table rows out of a PDF page's lines. A PDF table is only text drawn in columns: a cell that wraps puts
 * its second line below the first, beside the next row's cells in the same column, and a short cell is
 * drawn halfway down a tall row. Read line by line, an action's task, owner and due date fall apart.
 * Here the lines of a table are grouped into rows by the extra space a row's padding and border leave
 * (rows sit further apart than the lines of one cell), each row's text is put into the column it lies
 * in, and the row is written as one line of tab-separated cells, as text-tables.ts reads tables.
 */

export interface Cell {
  x: number;
  end: number;
  text: string;
}

/** One line of a page: its baseline, text height and cells (runs more than a gap apart). */
export interface Line {
  y: number;
  h: number;
  cells: Cell[];
  /** On a page in columns, the right edge of the line's column (where a full line ends). */
  right?: number;
  /** A heading's level (1 the largest), when the line is set larger than the body (pdf-headings.ts). */
  heading?: number;
}

/** One line of output: its text, and the first and last page lines it was made of. */
export interface Row {
  text: string;
  line: Line;
  last: Line;
}

/** A line that ends in a word broken by a hyphen: "-", the soft hyphen or U+2010, as PDF writers draw it. */
export const endsHyphenated = (text: string): boolean => /\p{Ll}[-\u00ad\u2010]$/u.test(text);

/** Appends `next` to a wrapped line or cell, joining a word hyphenated at the line end ("recom-" "mend"). */
export function joinWrapped(text: string, next: string): string {
  if (text === '') return next;
  if (endsHyphenated(text) && /^\p{Ll}/u.test(next)) return `${text.slice(0, -1)}${next}`;
  return `${text} ${next}`;
}

/** The page's lines as output rows: lines with one cell as they are, tables a row to a line. */
export function tableRows(lines: Line[], pitch: number): Row[] {
  const rows: Row[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (line.cells.length < 2) {
      rows.push({ text: line.cells.map((c) => c.text).join(' '), line, last: line });
      i++;
      continue;
    }
    const end = tableEnd(lines, i, pitch);
    rows.push(...blockRows(lines.slice(i, end)));
    i = end;
  }
  return rows;
}

const near = (a: number, b: number, h: number): boolean => Math.abs(a - b) <= Math.max(3, h / 2);

/**
 * Where the table starting at line `start` ends: it goes on over lines close below (within 1.6 lines)
 * that have two or more cells, or whose one cell starts at a column of the table or right of its first,
 * or lies just above a line of cells (the first line of a wrapped cell, beside a short cell drawn lower).
 */
function tableEnd(lines: Line[], start: number, pitch: number): number {
  const starts = (lines[start] as Line).cells.map((c) => c.x);
  let j = start + 1;
  while (j < lines.length) {
    const line = lines[j] as Line;
    const above = lines[j - 1] as Line;
    // Far below, or back up the page (the next column of a page in columns): the table has ended.
    if (above.y - line.y > 1.6 * pitch || line.y > above.y) break;
    const x = line.cells[0]?.x ?? 0;
    const inColumn = starts.some((s) => near(s, x, line.h)) || x > Math.min(...starts) + line.h;
    const below = lines[j + 1];
    const sandwiched = below !== undefined && below.cells.length >= 2 && line.y - below.y <= 1.6 * pitch;
    if (line.cells.length < 2 && !inColumn && !sandwiched) break;
    starts.push(...line.cells.map((c) => c.x));
    j++;
  }
  return j;
}

/** The rows of one table: its lines grouped by the wider gaps between rows, each row a tabbed line. */
function blockRows(block: Line[]): Row[] {
  const pitch = blockPitch(block);
  const bands: Line[][] = [];
  block.forEach((line, k) => {
    const above = block[k - 1];
    const band = bands[bands.length - 1];
    if (!band || !above || above.y - line.y > 1.06 * pitch + 0.5) bands.push([line]);
    else band.push(line);
  });
  const body = bands.length > 1 ? bands.slice(1) : bands;
  const starts = columnStarts(body.flat());
  return bands.map((band) => ({
    text: bandText(band, starts),
    line: band[0] as Line,
    last: band[band.length - 1] as Line,
  }));
}

/**
 * The distance between the lines of one cell: the smallest gap of at least a text height between a line
 * and the nearest line above with a cell starting in the same place. (Lines next to each other can be
 * closer: a short cell is drawn halfway down its row, between the lines of a taller one.)
 */
function blockPitch(block: Line[]): number {
  const h = Math.max(...block.map((l) => l.h));
  const gaps: number[] = [];
  block.forEach((line, m) => {
    const above = block
      .slice(0, m)
      .reverse()
      .find((l) => l.cells.some((a) => line.cells.some((c) => near(a.x, c.x, h))));
    if (above && above.y - line.y >= 0.9 * h) gaps.push(above.y - line.y);
  });
  // Lines of one cell are at most one and a half text heights apart (one-and-a-half line spacing): where
  // no cell wraps, the smallest gap is between rows, and each row is a band of its own.
  return Math.min(gaps.length > 0 ? Math.min(...gaps) : 1.2 * h, 1.5 * h);
}

/** Where the columns start: the left edges of the body's cells, those within half a line merged. */
function columnStarts(lines: Line[]): number[] {
  const h = Math.max(...lines.map((l) => l.h));
  const xs = lines.flatMap((l) => l.cells.map((c) => c.x)).sort((a, b) => a - b);
  const starts: number[] = [];
  for (const x of xs) {
    const last = starts[starts.length - 1];
    if (last === undefined || !near(last, x, h)) starts.push(x);
  }
  return starts;
}

/**
 * A cell split where it runs over the start of a column: where two columns nearly touch, the PDF reader
 * runs their texts together into one run ("Repair the pontoon Sam Okafor"), so the split is put at the
 * word space nearest the column's start, each letter taken as an equal share of the run's width. A
 * column start within a text height of the cell's own start or end does not split it.
 */
export function splitAtColumns(cell: Cell, starts: number[], h: number): Cell[] {
  // Two columns are as often a list's marker and its text (a wrapped item runs under its marker's
  // column): only a table of three or more columns is split.
  const inside = starts.length >= 3 ? starts.filter((s) => s > cell.x + h && s < cell.end - h) : [];
  if (inside.length === 0) return [cell];
  const perLetter = (cell.end - cell.x) / Math.max(1, cell.text.length);
  const cuts: number[] = [];
  for (const start of inside) {
    let best = -1;
    for (let k = cell.text.indexOf(' '); k >= 0; k = cell.text.indexOf(' ', k + 1)) {
      const off = Math.abs(cell.x + (k + 1) * perLetter - start);
      if (off <= 1.5 * h && (best < 0 || off < Math.abs(cell.x + (best + 1) * perLetter - start))) best = k;
    }
    if (best >= 0 && !cuts.includes(best)) cuts.push(best);
  }
  cuts.sort((a, b) => a - b);
  const parts: Cell[] = [];
  let from = 0;
  for (const cut of [...cuts, cell.text.length]) {
    const text = cell.text.slice(from, cut).trim();
    if (text !== '') parts.push({ x: cell.x + from * perLetter, end: cell.x + cut * perLetter, text });
    from = cut + 1;
  }
  return parts;
}

/** One row's text: each cell in the column its middle lies in, the columns joined by tabs. */
function bandText(band: Line[], starts: number[]): string {
  const columns = starts.map(() => '');
  for (const line of band) {
    for (const cell of line.cells.flatMap((c) => splitAtColumns(c, starts, line.h))) {
      const middle = (cell.x + cell.end) / 2;
      let k = 0;
      while (k + 1 < starts.length && (starts[k + 1] as number) <= middle) k++;
      columns[k] = joinWrapped(columns[k] ?? '', cell.text);
    }
  }
  return columns.join('\t');
}
