/**
 * Hostile `.docx` files for tests, written straight as zip bytes so that a 200 MB part costs the test
 * a few hundred KB and no 200 MB string: one block of text is deflated once with a full flush (which
 * makes the compressed block independent of what came before), and the block is repeated. The zip's
 * declared sizes can be made to lie.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface ZipPart {
  name: string;
  /** The part's bytes, as `repeat` copies of `chunk` (after `head`, before `tail`). */
  head: string;
  chunk: string;
  repeat: number;
  tail: string;
  /** What the directory claims it unpacks to; the truth when left out. */
  declaredSize?: number;
}

/** One part deflated: the bytes, their real size and CRC. */
function deflatePart(part: ZipPart): { data: Buffer; size: number; crc: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const chunk = Buffer.from(part.chunk, 'utf8');
  const block = deflateRawSync(chunk, flush);
  const pieces = [deflateRawSync(Buffer.from(part.head, 'utf8'), flush)];
  let crc = crc32(part.head);
  for (let i = 0; i < part.repeat; i++) {
    pieces.push(block);
    crc = crc32(chunk, crc);
  }
  pieces.push(deflateRawSync(Buffer.from(part.tail, 'utf8')));
  crc = crc32(part.tail, crc);
  const size = Buffer.byteLength(part.head) + chunk.length * part.repeat + Buffer.byteLength(part.tail);
  return { data: Buffer.concat(pieces), size, crc };
}

/** A zip of `parts`, deflated, with a central directory that says what each part declares. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = deflatePart(part);
    const name = Buffer.from(part.name, 'utf8');
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_HEAD =
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_TAIL = '</w:body></w:document>';

const small = (name: string, text: string): ZipPart => ({
  name,
  head: text,
  chunk: '',
  repeat: 0,
  tail: '',
});

/** A Word document whose body is `repeat` copies of `chunk` (WordprocessingML), claiming `declaredSize`. */
export function docxOf(chunk: string, repeat: number, declaredSize?: number): Buffer {
  return zipOf([
    small('[Content_Types].xml', CONTENT_TYPES),
    small('_rels/.rels', RELS),
    { name: 'word/document.xml', head: DOCUMENT_HEAD, chunk, repeat, tail: DOCUMENT_TAIL, declaredSize },
  ]);
}

const PARAGRAPH = `<w:p><w:r><w:t>${'Action: Clerk to chase the Highways department about the pothole. '.repeat(15)}</w:t></w:r></w:p>`;

/** A megabyte of paragraphs: one compressed block of the bomb (deflate shrinks it about 1000 times). */
const MEGABYTE = PARAGRAPH.repeat(Math.ceil((1024 * 1024) / PARAGRAPH.length));

/** About 200 MB of minutes' XML in a zip of well under 1 MB. */
export const zipBomb = (): Buffer => docxOf(MEGABYTE, 200);

/** The same bomb, its directory claiming the document unpacks to 4 KB. */
export const lyingZipBomb = (): Buffer => docxOf(MEGABYTE, 200, 4096);

/** A small, sound Word document with one action in it, written the same way. */
export const soundDocx = (): Buffer =>
  docxOf('<w:p><w:r><w:t>Action: Clerk to book the hall by 31 July 2026.</w:t></w:r></w:p>', 1);

/** A document whose paragraphs nest 100,000 deep: a few KB. */
export function deepDocx(): Buffer {
  const depth = 100_000;
  return zipOf([
    small('[Content_Types].xml', CONTENT_TYPES),
    small('_rels/.rels', RELS),
    small(
      'word/document.xml',
      `${DOCUMENT_HEAD}${'<w:p>'.repeat(depth)}${'</w:p>'.repeat(depth)}${DOCUMENT_TAIL}`,
    ),
  ]);
}
