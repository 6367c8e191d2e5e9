/**
 * PDF minutes speed: the generated 100-page minutes of minutes-import.ts printed to a 100-page PDF by
 * Chromium (running header, footer and page numbers, one agenda item a page), then read as the CLI and
 * the chat imports read it (pdfText: a worker thread, pdf.js, reading order, headers and footers out),
 * and the text extracted. Beside it, in the same run: pdf.js alone reading every page's text content in
 * this process, the least any reader of the PDF must do; the target is under 2 seconds.
 */
import { pathToFileURL } from 'node:url';
import { extractMinutes } from '../src/core/minutes/minutes-extractor';
import { pdfText } from '../src/documents/pdf-text';
import { printPdf } from '../tests/support/print-pdf';
import { type Benchmark, quantile } from './bench-support';
import { generatedMinutes } from './minutes-import';

const PAGES = 100;
const RUNS = 5;
const TARGET_MS = 2000;

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The generated minutes as HTML: a page break before each agenda item, each line a paragraph. */
function minutesHtml(): string {
  const pages = generatedMinutes(PAGES).split('\f');
  const body = pages
    .map((page, i) => {
      const paragraphs = page
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => `<p>${escapeHtml(line)}</p>`)
        .join('');
      return `<div style="${i > 0 ? 'break-before:page' : ''}">${paragraphs}</div>`;
    })
    .join('');
  return `<html><body style="font-family:serif;font-size:10pt">${body}</body></html>`;
}

/** pdf.js alone: every page's text content, in this process. */
async function barePdfJs(data: Buffer): Promise<number> {
  const url = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const pdfjs = (await import(url)) as typeof import('pdfjs-dist');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    items += (await (await doc.getPage(n)).getTextContent()).items.length;
  }
  await doc.destroy();
  return items;
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

export const pdfImport: Benchmark = {
  name: 'pdf',
  description: `pdfText and extractMinutes over a ${PAGES}-page PDF printed by Chromium from the minutes benchmark's document`,
  async run() {
    const pdf = await printPdf(minutesHtml(), { header: 'Finance Committee', footer: 'Unconfirmed' });
    let found = 0;
    const readMs = await medianMs(async () => {
      const text = await pdfText(pdf, 'minutes.pdf');
      found = extractMinutes(text, { timezone: 'Europe/London' }).actions.length;
    });
    const bareMs = await medianMs(() => barePdfJs(pdf));
    return [
      {
        what: `PDF minutes import, ${PAGES} pages, ${Math.round(pdf.length / 1024)} KB (median of ${RUNS})`,
        Arising: `${readMs.toFixed(0)} ms (${found} actions; target < ${TARGET_MS} ms)`,
        limit: `pdf.js text content alone, in process: ${bareMs.toFixed(0)} ms`,
        ratio: (readMs / bareMs).toFixed(1),
      },
    ];
  },
};
