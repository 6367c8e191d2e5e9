/**
 * Minutes import speed: the core's extractMinutes over a generated 100-page document (a page is about
 * 3,000 characters: an agenda item, fourteen paragraphs of discussion and three `Action:` lines), in pages
 * per second, beside one pass that splits the same text into lines and tests each with a regular
 * expression (the least any reader of the text must do).
 */
import { extractMinutes } from '../src/core/minutes/minutes-extractor';
import { type Benchmark, quantile } from './bench-support';

const PAGES = 100;
const RUNS = 7;
const OWNERS = ['Clerk', 'Treasurer', 'Chair', 'Cllr Patel', 'the Secretary'];

/** A hundred pages of committee minutes, each about 3,000 characters. */
export function generatedMinutes(pages = PAGES): string {
  const lines = [
    'Minutes of the Finance Committee held on Tuesday 23 June 2026',
    '',
    'Present: Cllr A. Jones (Chair), Cllr B. Patel, the Clerk, the Treasurer, the Secretary.',
    '',
  ];
  for (let item = 1; item <= pages; item++) {
    lines.push(`${item}. Budget line ${item}`, '');
    for (let paragraph = 1; paragraph <= 14; paragraph++) {
      lines.push(
        `The committee discussed budget line ${item} in detail. The figures for the quarter were presented and compared with the same quarter last year, and members asked about the variance in the appendix (${paragraph}).`,
      );
    }
    lines.push('');
    for (let k = 1; k <= 3; k++) {
      lines.push(
        `Action: ${OWNERS[(item + k) % OWNERS.length]} to review spending line ${item}.${k} by 31 July.`,
      );
    }
    lines.push('', '\f');
  }
  return lines.join('\n');
}

function medianMs(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

export const minutesImport: Benchmark = {
  name: 'minutes',
  description: `extractMinutes over a generated ${PAGES}-page minutes document (a page ≈ 3,000 characters)`,
  async run() {
    const text = generatedMinutes();
    let found = 0;
    const extractMs = medianMs(() => {
      found = extractMinutes(text, { timezone: 'Europe/London' }).actions.length;
    });
    const scanMs = medianMs(() => text.split('\n').filter((line) => /^Action:/i.test(line)).length);
    const perSecond = (ms: number) => (PAGES / (ms / 1000)).toFixed(0);
    return [
      {
        what: `minutes import, ${PAGES} pages of ${Math.round(text.length / PAGES)} chars (median of ${RUNS})`,
        Arising: `${perSecond(extractMs)} pages/s (${extractMs.toFixed(0)} ms, ${found} actions)`,
        limit: `split lines + one regex: ${perSecond(scanMs)} pages/s`,
        ratio: (extractMs / scanMs).toFixed(0),
      },
    ];
  },
};
