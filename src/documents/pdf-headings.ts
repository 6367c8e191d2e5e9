/**
 * Headings of a PDF's minutes, found by their size. A word processor sets a heading in a larger font
 * than the body and draws no mark around it, so read as text it is a short line like any other: the
 * "Actions" heading no longer opens the action list, and the next section's heading no longer closes
 * it. A line of one cell, set larger than the document's body text and short enough to be a title, is
 * marked with its level here (the largest size is level 1), and written as a Markdown heading.
 */
import type { Line } from './pdf-table-rows';

/** How much larger than the body a heading's font is, at least (Word's smallest: 12pt on 11pt body). */
const LARGER = 1.06;
const MAX_HEADING_CHARS = 100;

/** The text height most of the document's characters are set in. */
function bodyHeight(linesOf: Line[][]): number {
  const weight = new Map<number, number>();
  for (const lines of linesOf) {
    for (const line of lines) {
      const chars = line.cells.reduce((n, c) => n + c.text.length, 0);
      const h = Math.round(line.h * 10) / 10;
      weight.set(h, (weight.get(h) ?? 0) + chars);
    }
  }
  let best = 0;
  let most = -1;
  for (const [h, n] of weight) {
    if (n > most) [best, most] = [h, n];
  }
  return best;
}

/**
 * A label and what follows it ("ACTION: Mike to …", "Action - LG to …", "Mark: we …"): a line that says
 * something, set large for emphasis, which stays a paragraph so its words are read as they would be.
 */
const LABELLED = /\S\s*[:–—]\s+\S|\s-\s+\S/u;

const headingShaped = (line: Line): boolean => {
  const text = line.cells[0]?.text ?? '';
  return (
    line.cells.length === 1 && text.length <= MAX_HEADING_CHARS && /\p{L}/u.test(text) && !LABELLED.test(text)
  );
};

/** The pages' lines with each heading's level set, by the size it is set in. */
export function withHeadings(linesOf: Line[][]): Line[][] {
  const body = bodyHeight(linesOf);
  if (body <= 0) return linesOf;
  const isHeading = (l: Line): boolean => l.h >= LARGER * body && headingShaped(l);
  const sizes = [
    ...new Set(linesOf.flatMap((lines) => lines.filter(isHeading).map((l) => Math.round(l.h * 2) / 2))),
  ].sort((a, b) => b - a);
  return linesOf.map((lines) =>
    lines.map((l) =>
      isHeading(l) ? { ...l, heading: Math.min(6, sizes.indexOf(Math.round(l.h * 2) / 2) + 1) } : l,
    ),
  );
}
