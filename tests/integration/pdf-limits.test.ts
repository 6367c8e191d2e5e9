/**
 * The limits on reading a PDF, which keep a hostile or huge one from stalling the service: the reading
 * happens in a worker thread (the event loop keeps running meanwhile), is ended at its time limit, and a
 * PDF over the page limit is refused. Limits are set low here so a small PDF printed by Chromium meets them.
 */
import { MAX_PDF_PAGES, PDF_TIME_LIMIT_MS, pdfText } from '../../src/documents/pdf-text';
import { printPdf } from '../support/print-pdf';

let twoPages: Buffer;

beforeAll(async () => {
  twoPages = await printPdf(
    '<html><body><p>1. Minutes</p><p>Action: Clerk to book the hall.</p>' +
      '<p style="break-before:page">2. More minutes</p></body></html>',
  );
}, 30_000);

it('reads the PDF in a worker: the event loop is never held up for long while it reads', async () => {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const text = await pdfText(twoPages, 'two.pdf');
  clearInterval(timer);
  expect(text).toContain('Action: Clerk to book the hall.');
  // Generous, for a loaded CI machine: the guarantee is that no read blocks this thread for long.
  expect(longest).toBeLessThan(300);
});

it('ends a read that passes the time limit, saying so', async () => {
  await expect(pdfText(twoPages, 'slow.pdf', { timeLimitMs: 1, maxPages: MAX_PDF_PAGES })).rejects.toThrow(
    'slow.pdf took too long to read (over 0.001 seconds); import it in parts',
  );
});

it('refuses a PDF with more pages than the limit, naming both', async () => {
  await expect(
    pdfText(twoPages, 'long.pdf', { timeLimitMs: PDF_TIME_LIMIT_MS, maxPages: 1 }),
  ).rejects.toThrow('long.pdf has 2 pages; PDF minutes are limited to 1 pages, so import it in parts');
});
