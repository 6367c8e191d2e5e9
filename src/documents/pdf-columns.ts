/**
 * Pages set in two columns (a newsletter-style layout some clerks use for minutes). Read across, line by
 * line, each line would join the left column's sentence to the right column's, and the pair would even
 * look like a table row. Here a page's columns are found by the gap in x that runs down the page between
 * them, and the left column is read before the right one; a line drawn across the gap (a title over
 * both columns) ends the columns above it and is read in its place.
 *
 * The gap must look like a gutter, not like the space beside an indented block or between a table's
 * columns: it lies in the middle of the text, the columns either side are of about the same width, many
 * lines have text on both sides, and most lines on each side reach their column's right edge (the text
 * wraps there). An indented block has no text on its left, and a table's cells end where their words do.
 */
import type { Cell, Line } from './pdf-table-rows';

interface Gutter {
  /** Where the left column's text ends and the right column's starts. */
  from: number;
  to: number;
  /** The right edge of the right column. */
  right: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** Whether a cell of `line` is drawn across the gutter. */
const spans = (line: Line, g: Gutter): boolean => line.cells.some((c) => c.x < g.to && c.end > g.from);

/** The longest stretch of x in the middle of the text that at most `allowed` lines draw across. */
function widestGap(lines: Line[], left: number, width: number, allowed: number): [number, number] | null {
  const cover = new Uint16Array(Math.ceil(width) + 2);
  for (const line of lines) {
    for (const c of line.cells) {
      for (let x = Math.max(0, Math.floor(c.x - left)); x <= Math.ceil(c.end - left); x++) {
        cover[x] = (cover[x] ?? 0) + 1;
      }
    }
  }
  let best: [number, number] | null = null;
  let start = -1;
  for (let x = Math.floor(0.3 * width); x <= Math.ceil(0.7 * width) + 1; x++) {
    const open = (cover[x] ?? 0) <= allowed && x <= Math.ceil(0.7 * width);
    if (open && start < 0) start = x;
    if (!open && start >= 0) {
      if (!best || x - start > best[1] - best[0]) best = [start, x];
      start = -1;
    }
  }
  return best && [left + best[0], left + best[1]];
}

/** The page's gutter between two columns, or null for a page in one column. */
export function findGutter(lines: Line[]): Gutter | null {
  if (lines.length < 8) return null;
  const h = median(lines.map((l) => l.h));
  const left = Math.min(...lines.map((l) => l.cells[0]?.x ?? 0));
  const right = Math.max(...lines.map((l) => l.cells[l.cells.length - 1]?.end ?? 0));
  const width = right - left;
  if (width < 20 * h) return null;
  const gap = widestGap(lines, left, width, Math.floor(0.15 * lines.length));
  if (!gap || gap[1] - gap[0] < Math.max(h, 6)) return null;
  // The columns' edges: where the text on each side of the gap actually ends and starts.
  const leftEnds = lines.flatMap((l) => l.cells.filter((c) => c.end <= gap[0] + 1).map((c) => c.end));
  const rightStarts = lines.flatMap((l) => l.cells.filter((c) => c.x >= gap[1] - 1).map((c) => c.x));
  if (leftEnds.length === 0 || rightStarts.length === 0) return null;
  const g: Gutter = { from: Math.max(...leftEnds), to: Math.min(...rightStarts), right };
  if (Math.abs(g.from - left - (right - g.to)) > 0.2 * width) return null;
  return columnsOnBothSides(lines, g, h) ? g : null;
}

/** Whether many lines have text on both sides of the gap, and most on each side wrap at its edge. */
function columnsOnBothSides(lines: Line[], g: Gutter, h: number): boolean {
  const body = lines.filter((l) => !spans(l, g));
  const lefts = body.map((l) => l.cells.filter((c) => c.end <= g.from)).filter((cs) => cs.length > 0);
  const rights = body.map((l) => l.cells.filter((c) => c.x >= g.to)).filter((cs) => cs.length > 0);
  // Beside each other: a line on the left with a line on the right within a line's height (the two
  // columns' baselines drift apart after a heading or a paragraph's spacing).
  const rightYs = body.filter((l) => l.cells.some((c) => c.x >= g.to)).map((l) => l.y);
  const both = body.filter(
    (l) => l.cells.some((c) => c.end <= g.from) && rightYs.some((y) => Math.abs(y - l.y) <= 1.5 * h),
  );
  const lastEnd = (cs: Cell[]) => cs[cs.length - 1]?.end ?? 0;
  const wraps = (sides: Cell[][], edge: number) =>
    sides.filter((cs) => lastEnd(cs) >= edge - 3 * h).length >= 0.5 * sides.length;
  return both.length >= Math.max(3, 0.25 * body.length) && wraps(lefts, g.from) && wraps(rights, g.right);
}

/**
 * The page's lines in reading order: on a two-column page, each stretch of columns left column first,
 * each column line marked with its column's right edge (where a full line, wrapped on, ends).
 */
export function inColumns(lines: Line[]): Line[] {
  const g = findGutter(lines);
  if (!g) return lines;
  const out: Line[] = [];
  let lefts: Line[] = [];
  let rights: Line[] = [];
  const flush = () => {
    out.push(...lefts, ...rights);
    lefts = [];
    rights = [];
  };
  for (const line of lines) {
    if (spans(line, g)) {
      flush();
      out.push(line);
      continue;
    }
    const l = line.cells.filter((c) => c.end <= g.from + 0.5);
    const r = line.cells.filter((c) => c.x >= g.to - 0.5);
    if (l.length > 0) lefts.push({ ...line, cells: l, right: g.from });
    if (r.length > 0) rights.push({ ...line, cells: r, right: g.right });
  }
  flush();
  return out;
}
