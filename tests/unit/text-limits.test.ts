/**
 * stripControlCharacters, for any text: control characters (but newline and tab) and bidirectional
 * controls go, and every other character stays where it was.
 */
import fc from 'fast-check';
import { stripControlCharacters } from '../../src/core/text-limits';

/** The characters that must go: C0 and C1 controls but newline and tab, DEL, and the bidi controls. */
const UNWANTED = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\n' && c !== '\t'),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)),
  ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
];

/** Characters that look close to them and must stay: joiners, spaces, RTL letters, emoji, newline, tab. */
const KEPT = [...'\u200B\u200C\u200D\u2060\u00A0\u202F\u2028 \n\taZ9<>&@$', 'ع', 'ש', '🎉', '👩‍👩‍👧'];

describe('stripControlCharacters', () => {
  it('removes exactly the control and bidirectional characters, keeping the rest in order', () => {
    const piece = fc.oneof(
      fc.record({ keep: fc.constant(true), text: fc.oneof(fc.constantFrom(...KEPT), fc.string()) }),
      fc.record({ keep: fc.constant(false), text: fc.constantFrom(...UNWANTED) }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        // fc.string() draws printable ASCII, which has no control characters, so each piece is one kind.
        const typed = pieces.map((p) => p.text).join('');
        const expected = pieces
          .filter((p) => p.keep)
          .map((p) => p.text)
          .join('');
        expect(stripControlCharacters(typed)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no bidirectional control in any string whatever', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(stripControlCharacters(s)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
      }),
      { numRuns: 500 },
    );
  });
});
