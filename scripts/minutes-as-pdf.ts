/**
 * Prints minutes written as text to PDF through Chromium, the way they are published, so the PDF reader
 * can be scored on the same labels as the text: `npx tsx scripts/minutes-as-pdf.ts OUT_DIR [MINUTES_DIR]`
 * writes OUT_DIR/<rendering>/NAME.pdf with NAME.expected.json beside it, for each NAME.txt or NAME.md
 * that has labels. Then `node ../shared/tools/score-minutes.mjs --verbose OUT_DIR/<rendering>`.
 * Renderings: `pre` (the text as it is, monospace, long lines wrapped), `word` (what a word processor
 * prints: paragraphs, headings, bullet lists, bordered tables, justified text with hyphenation, running
 * header and footer with page numbers) and `two-column` (the same on two columns a page). Bullets are
 * drawn as the text "•", as a word processor's are (Chromium's own disc bullets are shapes, not text).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printPdfs } from '../tests/support/print-pdf';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Soft hyphens in long words, as a word processor's hyphenation would break them at a line end. */
const hyphenated = (html: string): string =>
  html.replace(/\b([a-z]{4,})([a-z]{4,})\b/g, (_, head: string, tail: string) => `${head}&shy;${tail}`);

const TABLE_LINE = /^\s*\|.*\|\s*$/;
const RULE_CELLS = /^\s*\|?[\s:|-]+\|?\s*$/;
const BULLET = /^\s*[-*+•]\s+(.*)$/;
const HASH_HEADING = /^#{1,6}\s+(.*)$/;
const UNDERLINE = /^\s*([-=~^])\1{3,}\s*$/;

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

function tableHtml(lines: string[]): string {
  const rows = lines.filter((l) => !RULE_CELLS.test(l)).map(cellsOf);
  const body = rows
    .map((cells, i) => {
      const tag = i === 0 ? 'th' : 'td';
      return `<tr>${cells.map((c) => `<${tag}>${hyphenated(escapeHtml(c))}</${tag}>`).join('')}</tr>`;
    })
    .join('');
  return `<table>${body}</table>`;
}

/** A block's short lone line with no closing stop: a heading in a word processor's styles. */
const looksLikeHeading = (block: string[]): boolean =>
  block.length === 1 && (block[0] ?? '').trim().length < 70 && !/[.,;:]$/.test((block[0] ?? '').trim());

/** The blank-line separated blocks of the text as word-processor HTML. */
function blockHtml(block: string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < block.length) {
    const line = block[i] as string;
    if (TABLE_LINE.test(line)) {
      const table: string[] = [];
      while (i < block.length && TABLE_LINE.test(block[i] as string)) table.push(block[i++] as string);
      out.push(tableHtml(table));
      continue;
    }
    if (BULLET.test(line)) {
      const items: string[] = [];
      while (i < block.length && BULLET.test(block[i] as string)) {
        items.push(`<li>${hyphenated(escapeHtml((block[i++] as string).replace(BULLET, '$1')))}</li>`);
      }
      out.push(`<ul>${items.join('')}</ul>`);
      continue;
    }
    const next = block[i + 1];
    const heading = HASH_HEADING.exec(line);
    if (heading || (next !== undefined && UNDERLINE.test(next))) {
      out.push(`<h3>${escapeHtml(heading ? (heading[1] as string) : line.trim())}</h3>`);
      i += heading ? 1 : 2;
      continue;
    }
    out.push(`<p>${hyphenated(escapeHtml(line.trim()))}</p>`);
    i++;
  }
  return out.join('');
}

const STYLE = `
body { font-family: 'Liberation Serif', serif; font-size: 11pt; line-height: 1.2; }
p { margin: 0; text-align: justify; }
.block { margin: 0 0 8pt; }
h2 { font-size: 14pt; margin: 0 0 8pt; }
h3 { font-size: 12pt; margin: 10pt 0 6pt; }
ul { margin: 0 0 0 18pt; padding: 0; list-style-type: '•  '; }
table { border-collapse: collapse; margin: 4pt 0; font-size: 10pt; }
td, th { border: 1px solid #444; padding: 3pt 5pt; vertical-align: top; text-align: left; }
`;

/** The minutes as a word processor prints them; `columns` 2 sets the body in two columns. */
export function wordHtml(text: string, columns = 1): string {
  const blocks = text
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== ''))
    .filter((b) => b.length > 0);
  const body = blocks
    .map((b, k) =>
      k === 0 && looksLikeHeading(b)
        ? `<h2>${escapeHtml((b[0] as string).trim())}</h2>`
        : looksLikeHeading(b) && !BULLET.test(b[0] as string) && !TABLE_LINE.test(b[0] as string)
          ? `<h3>${escapeHtml((b[0] as string).replace(HASH_HEADING, '$1').trim())}</h3>`
          : `<div class="block">${blockHtml(b)}</div>`,
    )
    .join('\n');
  const flow = columns > 1 ? `column-count:${columns};column-gap:8mm` : '';
  return `<html lang="en"><head><style>${STYLE}</style></head><body><div style="${flow}">${body}</div></body></html>`;
}

/** The text as it is, in a monospace font, long lines wrapped at the page's edge. */
export const preHtml = (text: string): string =>
  `<html><body><pre style="white-space:pre-wrap;font-size:9pt;font-family:'Liberation Mono',monospace">${escapeHtml(text)}</pre></body></html>`;

async function main(): Promise<void> {
  const [out, source = '/work/shared/fixtures/minutes'] = process.argv.slice(2);
  if (!out) throw new Error('usage: npx tsx scripts/minutes-as-pdf.ts OUT_DIR [MINUTES_DIR]');
  const names = readdirSync(source)
    .filter((f) => /\.(txt|md)$/.test(f) && !f.endsWith('.source.txt'))
    .map((f) => f.replace(/\.(txt|md)$/, ''))
    .filter((n) => existsSync(join(source, `${n}.expected.json`)));
  const files = names.map((n) => join(source, existsSync(join(source, `${n}.txt`)) ? `${n}.txt` : `${n}.md`));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const renderings: [string, (t: string) => string, boolean][] = [
    ['pre', preHtml, false],
    ['word', (t) => wordHtml(t), true],
    ['two-column', (t) => wordHtml(t, 2), true],
  ];
  for (const [name, html, banded] of renderings) {
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    const title = (t: string) => (t.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 60);
    // One print run per document: each has its own running header, the minutes' first line.
    for (const [k, n] of names.entries()) {
      const text = texts[k] as string;
      const options = banded
        ? { header: `${title(text)} – minutes`, footer: 'Draft, subject to approval' }
        : {};
      const [pdf] = await printPdfs([html(text)], options);
      writeFileSync(join(dir, `${n}.pdf`), pdf as Buffer);
      copyFileSync(join(source, `${n}.expected.json`), join(dir, `${n}.expected.json`));
    }
    console.log(`${dir}: ${names.length} PDFs`);
  }
}

void main();
