/**
 * Headings of PDF minutes, printed here by Chromium as a word processor sets them: in a larger font than
 * the body and nothing else. The import reads them as headings, so a section of past action items opens
 * an action list and the next section's heading closes it; a line set large that says something
 * ("ACTION: …") stays a line of text.
 */

import { extractMinutes } from '../../src/core/minutes/minutes-extractor';
import { pdfText } from '../../src/documents/pdf-text';
import { printPdf } from '../support/print-pdf';

const STYLE =
  "body{font-family:'Liberation Serif',serif;font-size:11pt;line-height:1.2} h3{font-size:12pt} p{margin:0 0 8pt}";

const MINUTES = `<html lang="en"><head><style>${STYLE}</style></head><body>
<h3>Minutes of the Allotment Society committee, 3 March 2026</h3>
<p>Present: Ann Hale (Chair), Tom Reed, Priya Shah, Lena Brandt.</p>
<h3>4 Progress on items carried over from the February meeting</h3>
<p>• Water supply: Tom Reed will get two quotes for a standpipe on the lower plots.</p>
<p>• Waiting list: Priya Shah will write to everyone on the list about the spring lettings.</p>
<h3>5 Review of the plot inspection rota</h3>
<p>Lena Brandt reported on the autumn inspections, which found eleven plots well kept.</p>
<h3>ACTION: Ann Hale to book the hall for the annual general meeting</h3>
</body></html>`;

describe('PDF minutes with headings set in a larger font', () => {
  let text = '';
  beforeAll(async () => {
    text = await pdfText(await printPdf(MINUTES), 'headings.pdf');
  }, 60_000);

  it('reads a heading set larger than the body as a heading of its own', () => {
    expect(text).toMatch(/^#+ 4 Progress on items carried over from the February meeting$/m);
    expect(text).toMatch(/^#+ 5 Review of the plot inspection rota$/m);
  });

  it('keeps a line set large that says something as text, not a heading', () => {
    expect(text).toMatch(/^ACTION: Ann Hale to book the hall/m);
  });

  it('finds the carried-over actions under their heading and the large ACTION line', () => {
    const tasks = extractMinutes(text).actions.map((a) => a.text);
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/get two quotes for a standpipe/),
        expect.stringMatching(/write to everyone on the list/),
        expect.stringMatching(/book the hall/),
      ]),
    );
  });
});
