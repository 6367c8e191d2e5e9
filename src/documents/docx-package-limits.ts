/**
 * Checks a `.docx` (a zip) before mammoth unpacks it. A 600 KB file can inflate to hundreds of MB of
 * XML (a zip bomb), and mammoth holds all of it, and the DOM it builds from it, in memory: one upload
 * grew the process to 4.5 GB and killed it. So the zip's central directory is read here, each part is
 * inflated with a hard cap on its output (the sizes a zip declares can lie), and the XML parts are
 * scanned for nesting deeper than any real document has, which would otherwise overflow mammoth's
 * recursive readers. A document over a limit is refused with a message that names the limit.
 */
import { inflateRawSync } from 'node:zlib';
import { DocumentError } from './document-error';
import { xmlDepthExceeds } from './xml-depth';

/** Most bytes a `.docx` may unpack to, all parts together. Real minutes unpack to well under 2 MB. */
export const MAX_DOCX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Most parts (files) in the zip; Word writes a dozen or two. */
export const MAX_DOCX_PARTS = 1000;
/** Deepest XML nesting accepted; Word's deepest (tables in tables) stays far below. */
export const MAX_DOCX_XML_DEPTH = 200;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  name: string;
  method: number;
  compressedSize: number;
  /** What the zip says the part unpacks to: believed only when it is too much. */
  declaredSize: number;
  localOffset: number;
}

const MB = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;

const tooBig = (name: string): DocumentError =>
  new DocumentError(
    `${name} unpacks to more than ${MB(MAX_DOCX_UNPACKED_BYTES)}; a Word document is refused above that (is it a zip bomb?)`,
  );

/** The end-of-central-directory record: searched from the end, past a comment of up to 64 KB. */
function findEndRecord(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** The parts the central directory lists, or a one-line reason it cannot be read. */
function readDirectory(zip: Buffer, name: string): Part[] {
  const broken = (why: string) => new DocumentError(`${name} could not be read as a Word document: ${why}`);
  const end = findEndRecord(zip);
  if (end < 0) throw broken('the zip has no central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count > MAX_DOCX_PARTS) {
    throw new DocumentError(
      `${name} has ${count} parts inside; a Word document is refused above ${MAX_DOCX_PARTS}`,
    );
  }
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw broken('its zip directory is damaged');
    }
    const nameLength = zip.readUInt16LE(at + 28);
    parts.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

/** The part's bytes as stored in the zip, found through its local header. */
function compressedBytes(zip: Buffer, part: Part, name: string): Buffer {
  const at = part.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw new DocumentError(`${name} could not be read as a Word document: its zip directory is damaged`);
  }
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  return zip.subarray(start, Math.min(zip.length, start + part.compressedSize));
}

/** Inflates one part, never past `budget` bytes: past it, zlib stops and this refuses the document. */
function unpack(zip: Buffer, part: Part, budget: number, name: string): Buffer {
  const stored = compressedBytes(zip, part, name);
  if (part.method === STORED) {
    if (stored.length > budget) throw tooBig(name);
    return stored;
  }
  if (part.method !== DEFLATED) {
    throw new DocumentError(
      `${name} could not be read as a Word document: ${part.name} uses a compression Word does not write`,
    );
  }
  try {
    return inflateRawSync(stored, { maxOutputLength: Math.max(1, budget) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(name);
    throw new DocumentError(`${name} could not be read as a Word document: ${part.name} is damaged`);
  }
}

/**
 * Refuses a `.docx` whose parts unpack to more than MAX_DOCX_UNPACKED_BYTES, that has more than
 * MAX_DOCX_PARTS parts, or whose XML nests deeper than MAX_DOCX_XML_DEPTH. Memory stays bounded by the
 * cap whatever the zip declares.
 */
export function assertDocxWithinLimits(zip: Buffer, name: string): void {
  const parts = readDirectory(zip, name);
  const declared = parts.reduce((sum, p) => sum + p.declaredSize, 0);
  if (declared > MAX_DOCX_UNPACKED_BYTES) throw tooBig(name);
  let left = MAX_DOCX_UNPACKED_BYTES;
  for (const part of parts) {
    if (part.name.endsWith('/')) continue;
    const bytes = unpack(zip, part, left, name);
    left -= bytes.length;
    if (/\.(xml|rels)$/i.test(part.name) && xmlDepthExceeds(bytes, MAX_DOCX_XML_DEPTH)) {
      throw new DocumentError(
        `${name} nests its XML more than ${MAX_DOCX_XML_DEPTH} levels deep (in ${part.name}); a Word document is refused above that`,
      );
    }
  }
}
