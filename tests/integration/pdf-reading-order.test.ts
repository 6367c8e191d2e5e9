/**
 * Reading order of PDF layouts that minutes are published in, printed here by Chromium and read as the
 * import reads them: a page set in two justified columns is read left column first, each paragraph
 * whole, and never line by line across the gutter; a one-column page with an indented block (a quoted
 * resolution), or with a list of short lines above such a block, is not taken for two columns; wide word spaces in justified text are not table cells.
 */
import { pdfText } from '../../src/documents/pdf-text';
import { printPdfs } from '../support/print-pdf';

const html = (body: string) =>
  `<html lang="en"><body style="font-family:'DejaVu Serif',serif;font-size:10.5pt;line-height:1.3">${body}</body></html>`;

/** Paragraphs of minutes, long enough to wrap several times in a column. */
const PARAGRAPHS = [
  '1. Apologies were received from Councillor Hale, who is abroad until the end of the month, and from the Treasurer.',
  '2. The minutes of the meeting held on 4 March were approved as a true record and signed by the Chair.',
  '3. Allotments. Members discussed the waiting list, which has grown to thirty names since the autumn, and the state of the water supply to the lower plots.',
  'Action: Clerk to obtain quotes for a second standpipe on the lower allotment plots before the May meeting.',
  '4. Footpaths. The overgrown stile on footpath 9 was reported again; the landowner has not answered two letters from the council.',
  'Action: Councillor Reed to walk footpath 9 with the rights of way officer and report back in writing.',
  '5. Finance. The Treasurer presented the accounts for the year to 31 March, which show a small surplus after the playground repairs.',
  '6. Correspondence. A letter from the county council about the consultation on winter gritting routes was noted by members.',
  'Action: Chair to reply to the gritting consultation, asking for the school lane to be added to the routes.',
  '7. The next meeting will be held on 6 May 2026 at 7.30pm in the village hall, when the annual report will be presented.',
];

const TITLE = 'Minutes of the Parish Council meeting held on 1 April 2026';

/** An attendance list of short lines: nothing on the page crosses its middle but the block below. */
const PRESENT = [
  'Councillor Ann Hale (Chair), Upper Fen ward',
  'Councillor Tom Reed (Vice-Chair), Mill ward',
  'Councillor Priya Shah, Church End ward',
  'Councillor Dana Kowalczyk, Upper Fen ward',
  'Councillor Lena Brandt, Mill ward',
  'Mrs J Okafor, Clerk to the Council',
  'Two members of the public',
];
const RESOLUTION =
  'RESOLVED that the council adopts the revised standing orders as circulated, with the amendment proposed by Councillor Reed, with immediate effect, and that the Clerk publishes them on the website.';

let twoColumns: string;
let indented: string;
let listAndBlock: string;
let tight: string;

/** An action table with cells padded by a single pixel: where a cell is full, the next nearly touches it. */
const ACTIONS = [
  ['Action', 'Owner', 'Due'],
  ['Write to the highways authority about the flooding at the ford', 'Clerk', '1 May'],
  ['Obtain quotes for resurfacing the car park behind the hall', 'Cllr Reed', '15 May'],
  ['Book the hall for the annual parish meeting', 'Cllr Hale', '20 May'],
];

beforeAll(async () => {
  const paragraphs = PARAGRAPHS.map((p) => `<p style="margin:0 0 6pt">${p}</p>`).join('');
  const [columns, quote, list, table] = await printPdfs([
    html(
      `<h1 style="font-size:14pt">${TITLE}</h1>` +
        `<div style="column-count:2;column-gap:9mm;text-align:justify">${paragraphs}${paragraphs.replace(/Action: /g, 'Noted: ')}</div>`,
    ),
    html(
      PARAGRAPHS.slice(0, 4)
        .map((p) => `<p>${p}</p>`)
        .join('') +
        '<p style="margin-left:55%">RESOLVED that the council adopts the revised standing orders as circulated, with the amendment proposed by Councillor Reed, with immediate effect.</p>' +
        PARAGRAPHS.slice(4)
          .map((p) => `<p>${p}</p>`)
          .join(''),
    ),
    html(
      `${PRESENT.map((p) => `<p style="margin:0">${p}</p>`).join('')}` +
        `<p style="margin:12pt 0 0 55%;text-align:justify">${RESOLUTION}</p>`,
    ),
    html(
      '<table style="border-collapse:collapse;width:95mm;font-size:9pt">' +
        ACTIONS.map(
          (cells) =>
            `<tr>${cells.map((c, k) => `<td style="padding:2pt 1px;width:${[68, 18, 14][k]}%">${c}</td>`).join('')}</tr>`,
        ).join('') +
        '</table>',
    ),
  ]);
  twoColumns = await pdfText(columns as Buffer, 'columns.pdf');
  indented = await pdfText(quote as Buffer, 'indented.pdf');
  listAndBlock = await pdfText(list as Buffer, 'list.pdf');
  tight = await pdfText(table as Buffer, 'table.pdf');
}, 60_000);

const linesOf = (text: string): string[] => text.split('\n').filter((l) => l !== '');

it('reads a page in two columns left column first, each paragraph whole and in order', () => {
  const lines = linesOf(twoColumns);
  // The title, set larger than the text, reads as a heading.
  expect(lines[0]).toBe(`# ${TITLE}`);
  // The first ten paragraphs fill the left column and run on into the right one: every paragraph
  // comes out as one line, in the order written, the one broken between the columns joined.
  expect(lines.slice(1, 11)).toEqual(PARAGRAPHS);
  expect(lines.slice(11, 21)).toEqual(PARAGRAPHS.map((p) => p.replace('Action: ', 'Noted: ')));
  expect(twoColumns).not.toContain('\t');
});

it('does not take a one-column page with an indented block for two columns', () => {
  const lines = linesOf(indented);
  expect(lines).toEqual([
    ...PARAGRAPHS.slice(0, 4),
    'RESOLVED that the council adopts the revised standing orders as circulated, with the amendment proposed by Councillor Reed, with immediate effect.',
    ...PARAGRAPHS.slice(4),
  ]);
});

it('does not take a list of short lines above an indented block for two columns', () => {
  // Nothing crosses the page's middle here, but no line of the list has the block beside it.
  expect(linesOf(listAndBlock)).toEqual([...PRESENT, RESOLUTION]);
});

it('keeps the cells of a table whose columns nearly touch apart, a row to a line', () => {
  expect(linesOf(tight)).toEqual(ACTIONS.map((cells) => cells.join('\t')));
});
