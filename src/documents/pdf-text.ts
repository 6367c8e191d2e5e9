/**
 * The text layer of a PDF, read by Mozilla's pdf.js (`pdfjs-dist`, its Node build) in a worker thread.
 * pdf.js is large and ESM-only, so it is loaded only when a PDF arrives (the CLI's start stays fast),
 * and a hostile PDF (millions of tiny objects, a stream that inflates without end) must not hold the
 * event loop: the worker has a time limit and a capped heap, and is ended when either runs out. Pages
 * past MAX_PDF_PAGES are refused. A PDF that needs a password, one that is not a PDF or is broken past
 * repair, and a scanned one with no text on any page each get a message that says which.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DocumentError } from './document-error';
import { type PdfPage, pdfPagesToText } from './pdf-layout';

export const MAX_PDF_PAGES = 500;
/** How long one PDF may take to read: a 100-page PDF takes well under 2 seconds. */
export const PDF_TIME_LIMIT_MS = 15_000;
const WORKER_HEAP_MB = 512;

/**
 * The worker's code, plain JavaScript so it runs the same from source, under jest and when built. It
 * imports pdf.js from the file URL it is given, and answers with each page's height and text runs
 * [text, x, y, width, height], or with the kind of failure.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fail = (kind, error) =>
  parentPort.postMessage({ ok: false, kind, message: String((error && error.message) || error || '') });
(async () => {
  const pdfjs = await import(workerData.pdfjs);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: workerData.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
      useWorkerFetch: false, verbosity: 0,
    }).promise;
  } catch (error) {
    return fail(error && error.name === 'PasswordException' ? 'encrypted' : 'broken', error);
  }
  if (doc.numPages > workerData.maxPages) return fail('pages', String(doc.numPages));
  const readPage = async (n) => {
    const page = await doc.getPage(n);
    const height = page.view[3] - page.view[1];
    const content = await page.getTextContent();
    const runs = [];
    for (const item of content.items) {
      // Control characters (a glyph with no Unicode, such as an emoji) are dropped.
      const str = typeof item.str === 'string' ? item.str.replace(/[\\u0000-\\u0008\\u000b-\\u001f]/g, '') : '';
      if (str.trim() === '') continue;
      const t = item.transform;
      runs.push({ text: str, x: t[4] - page.view[0], y: t[5] - page.view[1], w: item.width,
        h: Math.hypot(t[2], t[3]) || item.height });
    }
    page.cleanup();
    return { height, runs };
  };
  // A batch of pages asked for at once keeps pdf.js busy while it waits on itself: about a quarter faster.
  const pages = [];
  for (let first = 1; first <= doc.numPages; first += 20) {
    const batch = [];
    for (let n = first; n < first + 20 && n <= doc.numPages; n++) batch.push(readPage(n));
    pages.push(...(await Promise.all(batch)));
  }
  await doc.destroy();
  parentPort.postMessage({ ok: true, pages });
})().catch((error) => fail('broken', error));
`;

type Answer = { ok: true; pages: PdfPage[] } | { ok: false; kind: string; message: string };

export interface PdfLimits {
  timeLimitMs: number;
  maxPages: number;
}

const DEFAULT_LIMITS: PdfLimits = { timeLimitMs: PDF_TIME_LIMIT_MS, maxPages: MAX_PDF_PAGES };

const AGAIN = 'export the minutes to PDF again, or save them as .docx, .md or .txt';

/**
 * Refuses what is not a whole PDF before pdf.js sees it: a file that does not start as a PDF, and one
 * with no end marker near its end, cut short in a download or copy. pdf.js would rebuild what it can of
 * the latter and the minutes would import without their last pages, so it is refused instead.
 */
function assertWholePdf(buffer: Buffer, name: string): void {
  if (!buffer.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new DocumentError(
      `${name} is not a readable PDF: it does not start as a PDF does (it may be another kind of file named .pdf); ${AGAIN}`,
    );
  }
  if (!buffer.subarray(-4096).toString('latin1').includes('%%EOF')) {
    throw new DocumentError(
      `${name} is not a readable PDF: it is incomplete (it stops before the PDF's end, as a download or copy cut short does); ${AGAIN}`,
    );
  }
}

/** The minutes text of the PDF in `buffer`, named `name` in the messages. */
export async function pdfText(buffer: Buffer, name: string, limits = DEFAULT_LIMITS): Promise<string> {
  assertWholePdf(buffer, name);
  const pages = await readPages(buffer, name, limits);
  if (!pages.some((p) => p.runs.some((r) => /\S/.test(r.text)))) {
    throw new DocumentError(
      `${name} has no text layer (it looks like a scanned image of the pages), so there is nothing to read; ` +
        'import the original document (.docx, .md or .txt), or run the PDF through text recognition (OCR) first',
    );
  }
  return pdfPagesToText(pages);
}

function failure(answer: Extract<Answer, { ok: false }>, name: string, limits: PdfLimits): DocumentError {
  if (answer.kind === 'encrypted') {
    return new DocumentError(
      `${name} is a password-protected (encrypted) PDF; save or print it again without a password, then import that`,
    );
  }
  if (answer.kind === 'pages') {
    return new DocumentError(
      `${name} has ${answer.message} pages; PDF minutes are limited to ${limits.maxPages} pages, so import it in parts`,
    );
  }
  const reason = answer.message.split('\n')[0] ?? '';
  return new DocumentError(
    `${name} is not a readable PDF: it is damaged${reason ? ` (${reason})` : ''}; ${AGAIN}`,
  );
}

/** Each page's text runs, read in a worker that is ended after the time limit. */
function readPages(buffer: Buffer, name: string, limits: PdfLimits): Promise<PdfPage[]> {
  const pdfjs = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const data = new Uint8Array(buffer);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfjs, data, maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    // pdf.js's own complaints about a damaged file are not for the user: the message below says what matters.
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => {
      const seconds = limits.timeLimitMs / 1000;
      reject(
        new DocumentError(`${name} took too long to read (over ${seconds} seconds); import it in parts`),
      );
      void worker.terminate();
    }, limits.timeLimitMs);
    const settle = (done: () => void) => {
      clearTimeout(timer);
      done();
      void worker.terminate();
    };
    worker.once('message', (answer: Answer) =>
      settle(() => (answer.ok ? resolve(answer.pages) : reject(failure(answer, name, limits)))),
    );
    worker.once('error', (error) =>
      settle(() =>
        reject(
          (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DocumentError(`${name} needs too much memory to read; import it in parts`)
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the PDF reader stopped (exit code ${code})`))),
    );
  });
}
