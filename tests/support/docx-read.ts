/**
 * A Word document read back the way a test can check what a clerk would see: its parts unzipped (jszip),
 * the body's paragraphs and tables as text in document order, and mammoth's plain text (mammoth reads
 * .docx as Word would, so a document it cannot read is one Word may refuse).
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';

export interface DocxBlock {
  /** `Title`, `Heading1`, … for a styled paragraph; null for a plain one; `table` for a table. */
  style: string | null;
  /** A paragraph's text; a table's rows of cells' texts (lines of a cell joined with `\n`). */
  text: string;
  rows?: string[][];
  /** For a table: whether its first row is marked as a header row that repeats on every page. */
  headerRow?: boolean;
}

export interface ReadDocx {
  parts: Record<string, string>;
  blocks: DocxBlock[];
  /** What mammoth reads as the document's text. */
  rawText: string;
}

function decode(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

function paragraphText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join('');
}

/** Whether an on/off property is set in `xml`: present, and not `w:val="false"`, `"0"` or `"off"`. */
function isOn(xml: string, tag: string): boolean {
  const m = new RegExp(`<${tag}(?:\\s+w:val="([^"]*)")?\\s*/>`).exec(xml);
  return m !== null && !['false', '0', 'off'].includes(m[1] ?? 'true');
}

function tableBlock(xml: string): DocxBlock {
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) =>
      [...tc[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => paragraphText(p[0])).join('\n'),
    ),
  );
  const firstRow = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(xml)?.[0] ?? '';
  return { style: 'table', text: '', rows, headerRow: isOn(firstRow, 'w:tblHeader') };
}

/** The body's paragraphs and tables in order (a table's own paragraphs are inside its block). */
function blocksOf(documentXml: string): DocxBlock[] {
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(documentXml)?.[1] ?? '';
  const blocks: DocxBlock[] = [];
  for (const m of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const xml = m[0];
    if (xml.startsWith('<w:tbl>')) blocks.push(tableBlock(xml));
    else blocks.push({ style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? null, text: paragraphText(xml) });
  }
  return blocks;
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.file(name);
    if (file) parts[name] = await file.async('string');
  }
  const documentXml = parts['word/document.xml'];
  if (!documentXml) throw new Error('no word/document.xml: not a Word document');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return { parts, blocks: blocksOf(documentXml), rawText: value };
}

/** The headings (Title and Heading n paragraphs), in order. */
export function headings(doc: ReadDocx): string[] {
  return doc.blocks.filter((b) => b.style && /^(Title|Heading\d)$/.test(b.style)).map((b) => b.text);
}

/** The tables' rows, each table's header row first. */
export function tables(doc: ReadDocx): string[][][] {
  return doc.blocks.filter((b) => b.style === 'table').map((b) => b.rows ?? []);
}
