/**
 * Reads a minutes document from disk into text: plain text and Markdown as they are (UTF-8, UTF-16 with
 * a byte-order mark, or Windows-1252 as older Word exports are), `.docx` through mammoth (its HTML,
 * written out as text that keeps headings, list numbers, table rows and strike-through), `.pdf` by its
 * text layer (pdf-text.ts). Everything that cannot be minutes is refused here with a one-line reason,
 * before the extractor runs: a missing file, more than 5 MB, an empty file, binary data, a `.docx` that
 * is not a zip, a `.docx` that unpacks to more than 20 MB or nests too deep (docx-package-limits.ts), a
 * PDF that is scanned (no text layer), password-protected, broken or over 500 pages.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DocumentError } from './document-error';
import { assertDocxWithinLimits } from './docx-package-limits';
import { htmlToMinutesText } from './docx-text';
import { pdfText } from './pdf-text';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const UNSUPPORTED: Record<string, string> = {
  '.doc': 'Word 97-2003 (.doc)',
  '.odt': 'OpenDocument (.odt)',
  '.rtf': 'RTF',
  '.pages': 'Pages',
  '.xlsx': 'Excel',
  '.xls': 'Excel',
  '.pptx': 'PowerPoint',
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (buffer: Buffer, bytes: number[]): boolean => bytes.every((b, i) => buffer[i] === b);

async function sizeOf(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new DocumentError(`${path} is a directory, not a minutes document`, 'not-found');
    }
    return info.size;
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new DocumentError(`no such file: ${path}`, 'not-found');
    throw new DocumentError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new DocumentError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Text of a plain-text or Markdown file, refusing what is not text. */
export function decodeText(buffer: Buffer, path: string): string {
  if (startsWith(buffer, [0xff, 0xfe])) return buffer.subarray(2).toString('utf16le');
  if (startsWith(buffer, [0xfe, 0xff])) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (startsWith(buffer, ZIP_MAGIC) || buffer.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new DocumentError(
      `${path} is not a text file (it is a zip or PDF file); use .txt, .md, .docx or .pdf`,
    );
  }
  if (buffer.includes(0)) {
    throw new DocumentError(
      `${path} is not a text file (it contains binary data); use .txt, .md, .docx or .pdf`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/**
 * mammoth, loaded when the first `.docx` arrives rather than at start: it and its XML and zip libraries
 * are most of what `arising --help` or a plain-text import would otherwise load before doing anything.
 */
const loadMammoth = (): typeof import('mammoth') => require('mammoth');

async function docxText(buffer: Buffer, path: string): Promise<string> {
  if (!startsWith(buffer, ZIP_MAGIC)) {
    throw new DocumentError(`${path} is not a Word document (a .docx is a zip file, and this is not one)`);
  }
  assertDocxWithinLimits(buffer, path);
  const mammoth = loadMammoth();
  try {
    const html = await mammoth.convertToHtml({ buffer });
    const text = htmlToMinutesText(html.value);
    return text.trim() ? text : (await mammoth.extractRawText({ buffer })).value;
  } catch (err) {
    const reason = ((err as Error).message ?? String(err)).split('\n')[0];
    throw new DocumentError(`${path} could not be read as a Word document: ${reason}`);
  }
}

/** The text of a document by its kind (its extension): Word, PDF, or plain text and Markdown. */
async function textOf(buffer: Buffer, name: string): Promise<string> {
  const ext = extname(name).toLowerCase();
  if (ext === '.docx') return docxText(buffer, name);
  if (ext === '.pdf') return pdfText(buffer, name);
  return decodeText(buffer, name);
}

/** The text of the minutes document at `path`. */
export async function readDocument(path: string): Promise<string> {
  const size = await sizeOf(path);
  if (size > MAX_DOCUMENT_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    throw new DocumentError(`${path} is ${mb} MB; minutes documents are limited to 5 MB`);
  }
  if (size === 0) throw new DocumentError(`${path} is empty`);
  assertSupported(path);
  return documentText(await readBytes(path), path);
}

function assertSupported(name: string): void {
  const unsupported = UNSUPPORTED[extname(name).toLowerCase()];
  if (unsupported) {
    throw new DocumentError(
      `${name}: ${unsupported} files are not supported; save the minutes as .docx, .pdf, .md or .txt`,
    );
  }
}

/**
 * The text of a minutes document already in memory (a file attached in chat), named `name` for its
 * extension and for the messages: the same checks and decoding as `readDocument`.
 */
export async function documentText(buffer: Buffer, name: string): Promise<string> {
  if (buffer.length > MAX_DOCUMENT_BYTES) {
    const mb = (buffer.length / 1024 / 1024).toFixed(1);
    throw new DocumentError(`${name} is ${mb} MB; minutes documents are limited to 5 MB`);
  }
  if (buffer.length === 0) throw new DocumentError(`${name} is empty`);
  assertSupported(name);
  const text = await textOf(buffer, name);
  if (text.trim() === '') throw new DocumentError(`${name} has no text in it`);
  return text;
}
