/**
 * Running headers, footers and page numbers of a PDF: the lines a word processor repeats at the top or
 * bottom of every page ("Finance Committee – minutes of 3 July", "Draft", "Page 3 of 10"). Left in,
 * they land in the middle of a minute that runs over a page break, and a header such as "Actions" would
 * even read as a heading. A line is running when a line of the same shape (its numbers aside) sits in
 * the top or bottom band of at least half the pages, two or more, and its numbers either stay the same
 * on every page (a date) or go up with the page (a page number): so the first line of each page's body,
 * a numbered minute such as "12. The committee…", is not mistaken for one. A line in those bands with a
 * page number standing apart ("3", "- 3 -", "Page 3 of 10") is a header or footer even on a single page.
 */
import type { Line } from './pdf-table-rows';

/** How far into the page from the top or bottom a running header or footer may sit. */
const BAND = 0.14;
const PAGE_NUMBER = /^(page|p\.|pg\.?)?\s*[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*((of|\/)\s*\d{1,4})?$/i;

const lineText = (line: Line): string =>
  line.cells
    .map((c) => c.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
const shape = (text: string): string => text.toLowerCase().replace(/\d+/g, '#');
const numbers = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);

/** Lines in the top or bottom band of a page, where running headers, footers and page numbers sit. */
const inBand = (line: Line, height: number): boolean =>
  line.y > height * (1 - BAND) || line.y < height * BAND;

interface Seen {
  page: number;
  numbers: number[];
}

/** Whether each number of a repeated line stays the same on every page or goes up with the page. */
function countsPages(seen: Seen[]): boolean {
  const [first] = seen;
  if (!first) return false;
  return first.numbers.every((n, k) => {
    const same = seen.every((s) => s.numbers[k] === n);
    const paged = seen.every((s) => s.numbers[k] === n + (s.page - first.page));
    return same || paged;
  });
}

/** The lines of each page without its running header, footer and page number. */
export function withoutRunningLines(heights: number[], linesOf: Line[][]): Line[][] {
  const seen = new Map<string, Seen[]>();
  linesOf.forEach((lines, page) => {
    for (const line of lines.filter((l) => inBand(l, heights[page] ?? 0))) {
      const text = lineText(line);
      const list = seen.get(shape(text)) ?? [];
      if (list[list.length - 1]?.page !== page) list.push({ page, numbers: numbers(text) });
      seen.set(shape(text), list);
    }
  });
  const running = new Set(
    [...seen]
      .filter(([, list]) => list.length >= 2 && list.length >= linesOf.length / 2 && countsPages(list))
      .map(([key]) => key),
  );
  return linesOf.map((lines, page) =>
    lines.filter((line) => {
      if (!inBand(line, heights[page] ?? 0)) return true;
      const text = lineText(line);
      const numbered = line.cells.some((c) => PAGE_NUMBER.test(c.text.replace(/\s+/g, ' ').trim()));
      return !running.has(shape(text)) && !numbered;
    }),
  );
}
