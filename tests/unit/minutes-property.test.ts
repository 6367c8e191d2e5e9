import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { UserError } from '../../src/core/errors';
import { ExtractedMinutesSchema } from '../../src/core/minutes/extracted-minutes';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', 'fixtures', 'minutes', name), 'utf8');

/** Fragments minutes are made of, so random documents reach the extractor's deeper paths. */
const pieces = fc.constantFrom(
  'Action: ',
  'ACTIONS: ',
  'AI (Sam): ',
  '@priya: ',
  '~~',
  ' to ',
  ' will ',
  'Clerk',
  'Cllr X. Smith',
  'WYP/DMPC',
  ' and ',
  'by 27th December',
  'next meeting',
  'Status: done',
  '\n',
  '\n\n',
  '1. ',
  '4.1 ',
  'a) ',
  '- ',
  '* ',
  '| Action | Owner |\n|---|---|\n',
  '\t',
  '    ',
  'RESOLVED',
  'Matters arising',
  'Date: 4 April 2017',
  '(nick, 16:31:17)',
  '<nick> #action ',
  '. ',
  ': ',
  '–',
  'Minutes of the meeting held on ',
);

const minutesLike = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 12 })), { maxLength: 60 })
  .map((p) => p.join(''));

describe('extractMinutes on any input', () => {
  it('throws nothing but a bad_minutes UserError, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), minutesLike),
        (text) => {
          try {
            const result = extractMinutes(text);
            expect(ExtractedMinutesSchema.safeParse(result).success).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(UserError);
            expect((err as UserError).code).toBe('bad_minutes');
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads any printable, non-empty text without throwing at all', () => {
    const printable = fc
      .array(fc.oneof(pieces, fc.string({ unit: 'grapheme-ascii', maxLength: 12 })), {
        minLength: 1,
        maxLength: 60,
      })
      .map((p) => `x ${p.join('')}`);
    fc.assert(
      fc.property(printable, (text) => {
        expect(() => extractMinutes(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses empty and binary text with a message that says what is wrong', () => {
    expect(() => extractMinutes('  \n\t ')).toThrow(/empty/);
    expect(() => extractMinutes('PK\u0003\u0004\u0000\u0000binary')).toThrow(/does not look like text/);
  });

  it('reads a 100-page document in a few seconds and finds every action in it', () => {
    const page = fixture('actions-one-line.txt');
    const big = Array.from({ length: 100 }, () => page).join('\n');
    const started = Date.now();
    const minutes = extractMinutes(big);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(minutes.actions).toHaveLength(500);
  });

  it('does not slow down on one enormous line without full stops', () => {
    const started = Date.now();
    extractMinutes(`Action: ${'Clerk and '.repeat(3000)}to write ${'word '.repeat(20000)}`);
    expect(Date.now() - started).toBeLessThan(10000);
  });
});
