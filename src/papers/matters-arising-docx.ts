/**
 * Matters arising as a Word document for the meeting papers (`arising matters-arising --format docx`,
 * `matters-arising docx` in Slack), written with the `docx` package from the plain layout of
 * src/core/matters/matters-paper.ts.
 *
 * Accessible as Word checks it: the title and the agenda items are real Title and Heading 1 paragraphs
 * (the navigation pane and screen readers list them), each table has a header row that repeats on every
 * page, and the document has a title and the language en-GB. Deterministic: the same paper gives the
 * same parts, and the created and modified dates are the paper's `madeAt` (the service's clock), not
 * the moment of writing; only the zip entries' own timestamps differ from one run to the next.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type MattersPaper, PAPER_LANGUAGE, type PaperRow } from '../core/matters/matters-paper';

/** The word-processing document's media type, for uploads and downloads. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const CREATOR = 'Arising';

interface Column {
  header: string;
  /** Share of the table's width, in per cent. */
  width: number;
  cell: (row: PaperRow) => string;
}

const COLUMNS: Column[] = [
  { header: 'No.', width: 6, cell: (r) => r.number },
  { header: 'Owners', width: 16, cell: (r) => r.owners },
  { header: 'Action', width: 30, cell: (r) => r.task },
  { header: 'Due', width: 12, cell: (r) => r.due },
  { header: 'State', width: 12, cell: (r) => r.state },
  { header: 'Latest note', width: 24, cell: (r) => r.note },
];

const CHECK_IN: Column = { header: 'Check-in', width: 18, cell: (r) => r.checkIn ?? '' };

/** The columns of a section: a Check-in column only when some row has an answer to show. */
function columnsFor(rows: PaperRow[]): Column[] {
  if (!rows.some((r) => r.checkIn !== undefined)) return COLUMNS;
  // Room for the check-in comes out of the task's and the note's shares.
  return [
    ...COLUMNS.map((c) =>
      c.header === 'Action' || c.header === 'Latest note' ? { ...c, width: c.width - 9 } : c,
    ),
    CHECK_IN,
  ];
}

/**
 * Characters XML 1.0 cannot hold (control characters, lone surrogates): one of them in a task imported
 * long ago would make Word refuse the whole file, so they are left out.
 */
const NOT_XML = /(?![\n\t\r])\p{Cc}|\p{Cs}|[\uFFFE\uFFFF]/gu;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** A cell's text, a paragraph a line so a note's line breaks survive. */
function cell(text: string, width: number, bold = false): TableCell {
  const lines = text === '' ? [''] : xmlSafe(text).replace(/\r\n?/g, '\n').split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });
}

function table(rows: PaperRow[]): Table {
  const columns = columnsFor(rows);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) => cell(c.header, c.width, true)),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      header,
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: columns.map((c) => cell(c.cell(r), c.width)) }),
      ),
    ],
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The core properties part, written here rather than by `docx`, which stamps the moment of writing as
 * the created and modified dates and sets no language.
 */
function coreProperties(paper: MattersPaper): string {
  const at = escapeXml(paper.madeAt);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(xmlSafe(paper.title))}</dc:title>`,
    '<dc:subject>Matters arising</dc:subject>',
    `<dc:creator>${CREATOR}</dc:creator>`,
    `<dc:language>${PAPER_LANGUAGE}</dc:language>`,
    `<cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy>`,
    '<cp:revision>1</cp:revision>',
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

function body(paper: MattersPaper): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(paper.title))] }),
    ...paper.details.map((line) => new Paragraph({ children: [new TextRun(xmlSafe(line))] })),
  ];
  if (paper.empty) out.push(new Paragraph({ children: [new TextRun(paper.empty)] }));
  for (const section of paper.sections) {
    out.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(xmlSafe(section.heading))] }),
      table(section.rows),
      // Word needs a paragraph between two tables, or it joins them into one.
      new Paragraph({ children: [] }),
    );
  }
  return out;
}

/** The paper as the bytes of a .docx file. */
export async function mattersArisingDocx(paper: MattersPaper): Promise<Uint8Array> {
  const document = new Document({
    title: xmlSafe(paper.title),
    subject: 'Matters arising',
    creator: CREATOR,
    lastModifiedBy: CREATOR,
    styles: { default: { document: { run: { language: { value: PAPER_LANGUAGE } } } } },
    sections: [{ children: body(paper) }],
  });
  const bytes = await Packer.pack(document, 'uint8array', false, [
    { path: 'docProps/core.xml', data: coreProperties(paper) },
  ]);
  return bytes;
}
