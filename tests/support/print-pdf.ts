/**
 * PDFs the tests make themselves: HTML printed to PDF by Debian's chromium through playwright-core (as the
 * console's browser test drives it), so each test's minutes are written in the test, in the layout a
 * secretary's word processor would give them: running header and footer, page numbers, tables.
 */
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'];

export interface PrintOptions {
  /** A running header, printed at the top of every page. */
  header?: string;
  /** A running footer, printed at the bottom of every page before "Page N of M". */
  footer?: string;
}

const band = (text: string, pageNumbers: boolean): string =>
  `<div style="font-size:9px;width:100%;margin:0 15mm;display:flex;justify-content:space-between">` +
  `<span>${text}</span>` +
  (pageNumbers
    ? '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    : '') +
  '</div>';

/** Each HTML document printed to an A4 PDF, in one browser. */
export async function printPdfs(documents: string[], options: PrintOptions = {}): Promise<Buffer[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    const pdfs: Buffer[] = [];
    for (const html of documents) {
      await page.setContent(html);
      const banded = options.header !== undefined || options.footer !== undefined;
      pdfs.push(
        await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: banded,
          headerTemplate: band(options.header ?? '', false),
          footerTemplate: band(options.footer ?? '', true),
          margin: { top: '25mm', bottom: '25mm', left: '15mm', right: '15mm' },
        }),
      );
    }
    return pdfs;
  } finally {
    await browser.close();
  }
}

/** One HTML document printed to PDF. */
export async function printPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const [pdf] = await printPdfs([html], options);
  if (!pdf) throw new Error('chromium printed nothing');
  return pdf;
}

/** The page's content stream: one line of text, never shown, as no one can open the file. */
const CONTENT = 'BT /F1 12 Tf 72 720 Td (encrypted) Tj ET';

/**
 * A one-page PDF locked with a password, written by hand: its trailer names a standard security handler
 * (RC4, revision 2) whose password check values fit no empty password, so a reader must ask for one.
 * (No tool on the machine encrypts PDFs; the check values are fixed bytes, so no password opens it.)
 */
export function passwordProtectedPdf(): Buffer {
  const hex = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((i * 53 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex(7)}> /U <${hex(91)}> /P -44 >>`,
    `<< /Length ${CONTENT.length} >>\nstream\n${CONTENT}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const id = hex(3).slice(0, 32);
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] >>\n`;
  body += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
