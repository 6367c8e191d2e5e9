/**
 * How deep XML nests, found in one pass over its bytes without parsing it. mammoth reads a document's
 * XML with recursive functions, so 100,000 nested elements overflow its stack; counting first lets a
 * document like that be refused with a message that says why.
 */

const LT = 0x3c;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/** Index just past `end` searched from `from`, or the length when it never comes. */
function skipPast(xml: Uint8Array, from: number, end: string): number {
  const found = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).indexOf(end, from, 'latin1');
  return found < 0 ? xml.length : found + end.length;
}

/**
 * True when some element of `xml` sits more than `limit` elements deep. Comments, CDATA, declarations
 * and processing instructions are skipped; `<` cannot appear inside an attribute value in well-formed
 * XML, so each other `<` opens or closes an element.
 */
export function xmlDepthExceeds(xml: Uint8Array, limit: number): boolean {
  let depth = 0;
  let i = 0;
  while (i < xml.length) {
    if (xml[i] !== LT) {
      i++;
      continue;
    }
    const next = xml[i + 1];
    if (next === BANG) {
      const comment = xml[i + 2] === 0x2d && xml[i + 3] === 0x2d;
      const cdata = xml[i + 2] === 0x5b;
      i = skipPast(xml, i + 2, comment ? '-->' : cdata ? ']]>' : '>');
    } else if (next === QUESTION) {
      i = skipPast(xml, i + 2, '?>');
    } else if (next === SLASH) {
      depth--;
      i = skipPast(xml, i + 2, '>');
    } else {
      const close = skipPast(xml, i + 1, '>');
      if (xml[close - 2] !== SLASH) depth++;
      if (depth > limit) return true;
      i = close;
    }
  }
  return false;
}
