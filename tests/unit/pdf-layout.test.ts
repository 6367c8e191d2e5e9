/**
 * The PDF layout rules on pages written here as positioned text runs (what pdf.js gives): reading order
 * whatever order the runs are drawn in, running headers and page numbers out but a numbered minute at
 * the top of each page kept, a hyphenated word at a line end joined, and a table whose cells wrap kept
 * as one tab-separated line per row.
 */
import { type PdfPage, type PdfRun, pdfPagesToText } from '../../src/documents/pdf-layout';

const H = 800;
const run = (text: string, x: number, y: number, w = text.length * 5): PdfRun => ({ text, x, y, w, h: 10 });

/** A page of body lines 12 points apart from y = 700 down, with a header and a "Page n of m" footer. */
function page(n: number, of: number, body: string[], full = true): PdfPage {
  const runs = body.map((line, i) => run(line, 50, 700 - 12 * i, full ? 480 : line.length * 5));
  runs.push(run('Parish Council minutes, 2 June 2026', 50, 770), run(`Page ${n} of ${of}`, 250, 30));
  return { height: H, runs: runs.reverse() };
}

it('puts runs drawn in any order into reading order: top to bottom, left to right', () => {
  const runs = [run('world', 80, 700), run('and a second, longer line', 50, 688), run('hello', 50, 700, 25)];
  expect(pdfPagesToText([{ height: H, runs }])).toBe('hello world\nand a second, longer line\n');
});

it('drops a running header and page numbers, but keeps the numbered minute that opens each page', () => {
  const pages = [1, 2, 3].map((n) =>
    page(n, 3, [`${n * 7}. The council noted the report on item ${n * 7}.`], false),
  );
  expect(pdfPagesToText(pages)).toBe(
    [
      '7. The council noted the report on item 7.',
      '14. The council noted the report on item 14.',
      '21. The council noted the report on item 21.',
      '',
    ].join('\n'),
  );
});

it('joins the lines of a wrapped paragraph, and a word hyphenated at the line end, across a page', () => {
  const pages = [
    page(1, 2, ['Action: Priya to recom-'], true),
    page(2, 2, ['mend a new supplier to the committee.'], false),
  ];
  expect(pdfPagesToText(pages)).toBe('Action: Priya to recommend a new supplier to the committee.\n');
});

it('writes a table row whose cells wrap, and a short cell drawn halfway down, as one tabbed line', () => {
  const runs = [
    run('Action', 50, 700),
    run('Owner', 300, 700),
    run('Due', 400, 700),
    run('Check the hall', 50, 684, 200),
    run('Sam', 300, 684),
    run('3 July', 400, 678),
    run('insurance', 50, 672),
    run('Jones', 300, 672),
    run('Book the coach', 50, 654),
    run('Clerk', 300, 654),
    run('1 July', 400, 654),
  ];
  expect(pdfPagesToText([{ height: H, runs }])).toBe(
    'Action\tOwner\tDue\nCheck the hall insurance\tSam Jones\t3 July\nBook the coach\tClerk\t1 July\n',
  );
});

it('keeps apart the cells of a table whose columns nearly touch, run together into one run', () => {
  // Columns at 50, 180 and 215 (5 points a letter here), rows of one line each: the last row's cells
  // are drawn so close that the PDF reader gives them as one run of text, "Clerk" at 180, "1 July" at 210.
  const runs = [
    run('Action', 50, 700),
    run('Owner', 180, 700),
    run('Due', 215, 700),
    run('Check the hall insurance', 50, 682),
    run('Sam', 180, 682),
    run('3 July', 215, 682),
    run('Book the coach for a trip Clerk 1 July', 50, 664),
  ];
  expect(pdfPagesToText([{ height: H, runs }])).toBe(
    'Action\tOwner\tDue\nCheck the hall insurance\tSam\t3 July\nBook the coach for a trip\tClerk\t1 July\n',
  );
});

it('reads a bullet or number set apart from its item by a tab as the start of the item, not a table row', () => {
  const runs = [
    run('\uf0b7', 50, 700, 4),
    run('Clerk to book the hall for the annual meeting.', 68, 700),
    run('2.', 50, 686, 8),
    run('Treasurer to pay the insurance.', 68, 686),
  ];
  expect(pdfPagesToText([{ height: H, runs }])).toBe(
    '• Clerk to book the hall for the annual meeting.\n2. Treasurer to pay the insurance.\n',
  );
});
