/**
 * Issue 11, finding 4: reading user text must take time in proportion to its length. A pattern that
 * backtracks (`[^\]]+\]` tried from every `[`, `\s*\n?\s*` over blank lines) made
 * `"Action: Clerk to " + "[" × 200,000` take 26 s and a few thousand blank lines take minutes, blocking
 * the event loop for every channel.
 *
 * Timing on a shared, loaded machine is noisy, so no test here asserts an absolute time. Each measures
 * how the work GROWS: the same hostile text at 8 times the length must take at most 24 times as long
 * (linear work takes 8 times; quadratic 64, cubic 512). Each size is timed three times and the fastest
 * kept, so a pause of the machine does not count against the code.
 */
import fc from 'fast-check';
import { splitTask } from '../../src/core/command-parser';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';
import { parseOwners } from '../../src/core/owners';

/** The fastest of three runs of `work`, in milliseconds. */
function fastest(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Runs `read`, forgiving the refusals bad input is meant to get: only the time matters here. */
const quietly = (read: (text: string) => unknown, text: string) => () => {
  try {
    read(text);
  } catch {
    // refused: fine
  }
};

const SMALL = 1_500;
const GROWTH = 8;
/** Allowed growth in time for GROWTH times the text, with slack for timer noise at the small size. */
const withinLinear = (small: number, large: number): boolean => large <= 3 * GROWTH * small + 30;

/** The time at SMALL and GROWTH × SMALL characters of `prefix` then `unit` repeated. */
function growth(read: (text: string) => unknown, prefix: string, unit: string): [number, number] {
  const text = (n: number) => prefix + unit.repeat(Math.ceil(n / unit.length));
  quietly(read, text(SMALL))();
  return [fastest(quietly(read, text(SMALL))), fastest(quietly(read, text(SMALL * GROWTH)))];
}

/** The extractor's own vocabulary, and the characters its patterns repeat: brackets, spaces, marks. */
const HOSTILE = [
  '[',
  ']',
  '(',
  ')',
  ' ',
  '\t',
  '\n',
  '\n ',
  '.',
  '?',
  '!',
  ',',
  ':',
  ';',
  '-',
  '–',
  '|',
  '*',
  '_',
  '~~',
  '`',
  '<',
  '>',
  '&',
  '"',
  '#',
  '@',
  '1',
  '12',
  'a',
  'A',
  'to ',
  'by ',
  'item ',
  'Owner: ',
  'Due: ',
  'Action: ',
  'next ',
  'meeting ',
  '![',
  '[a](',
  '<s',
];

const PREFIXES = [
  '',
  'Action: Clerk to ',
  '@bob: ',
  '- [ ] ',
  'Next meeting: ',
  'Minutes of the meeting held on 1 May 2024\n',
  '| Action | Owner | Due |\n|---|---|---|\n| ',
  'Owner: ',
  '1. ',
  'Cllr Smith will ',
];

const units = fc
  .array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''));

/** The cases that were slow before, always tried first. */
const KNOWN: [string, string][] = [
  ['Action: Clerk to ', '['],
  ['Next meeting: ', '\n'],
  ['Next meeting: ', '\n '],
  ['- [ ] ', '.'],
  ['@bob: ', '?'],
  ['@bob: ', '–'],
  ['@bob: ', '|'],
  ['', '`   '],
  ['', '![a]('],
  ['', '<s'],
];

describe('reading minutes takes time in proportion to their length', () => {
  it('the reported case: "Action: Clerk to " then 200,000 "[" reads as fast as ordinary minutes', () => {
    const ordinary = 'Action: Clerk to chase Highways about the pothole by 31 July.\n'.repeat(3_300);
    const hostile = `Action: Clerk to ${'['.repeat(200_000)}`;
    const normal = fastest(quietly(extractMinutes, ordinary.slice(0, hostile.length)));
    const slow = fastest(quietly(extractMinutes, hostile));
    expect(slow).toBeLessThanOrEqual(3 * normal + 50);
  }, 120_000);

  it('holds for hostile repeats of the patterns’ own vocabulary', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), units, (prefix, unit) => {
        const [small, large] = growth(extractMinutes, prefix, unit);
        if (!withinLinear(small, large)) throw new Error(JSON.stringify({ prefix, unit, small, large }));
      }),
      { numRuns: 40, examples: KNOWN, endOnFailure: true },
    );
  }, 240_000);
});

describe('reading a command’s parts takes time in proportion to their length', () => {
  // Whole commands are refused above 3,000 characters, too short to tell growth from noise; the parts
  // that read free text (the task of `add`, its owners) are read here at the extractor's sizes.
  const readers: Record<string, (text: string) => unknown> = { task: splitTask, owners: parseOwners };
  it('holds for hostile repeats in a task and in a list of owners', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('task', 'owners'),
        fc.constantFrom('', 'a ', '@sam '),
        units,
        (part, prefix, unit) => {
          const [small, large] = growth(readers[part] ?? splitTask, prefix, unit);
          expect({ part, prefix, unit, small, large, linear: withinLinear(small, large) }).toMatchObject({
            linear: true,
          });
        },
      ),
      {
        numRuns: 60,
        examples: [
          ['task', 'a', ' '],
          ['task', 'a ', 'item   x'],
        ],
        endOnFailure: true,
      },
    );
  }, 120_000);
});
