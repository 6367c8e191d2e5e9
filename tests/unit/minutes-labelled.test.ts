/**
 * The held-out minutes: documents the project wrote and labelled by hand, in styles unlike the shared
 * ones the rules were built on (tests/fixtures/minutes-labelled, NAME.txt|md|pdf|docx beside
 * NAME.expected.json). Each is read exactly as `arising import FILE --dry-run --json` reads it, and
 * its actions are matched to the labels by the word-overlap rule of the shared scoring tool, so a
 * rule that helps one document and misfires on another turns this test red. New labelled files are
 * picked up by themselves.
 *
 * `knownMisses` in an expected.json names what the extractor is known to get wrong today (a label it
 * misses or gives other owners, or, with `"extra": true`, a sentence it wrongly takes for an action),
 * each with the reason. It exists so that the held-out set can hold honest labels for what the rules
 * cannot yet read, without turning the suite red; the test fails when a known miss is no longer
 * missed, so the list only shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedAction } from '../../src/core/minutes/extracted-minutes';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';
import { readDocument } from '../../src/documents/read-document';

interface Label {
  text: string;
  owner?: string | string[] | null;
  owners?: string[] | null;
}
interface KnownMiss {
  text: string;
  reason: string;
  extra?: boolean;
}
interface Expected {
  actions: Label[];
  excludedBorderline?: Array<{ text: string }>;
  knownMisses?: KnownMiss[];
}

const DIR = join(__dirname, '..', 'fixtures', 'minutes-labelled');
const DOC = /\.(txt|md|pdf|docx)$/;

const documents = readdirSync(DIR)
  .filter((f) => DOC.test(f) && readdirSync(DIR).includes(f.replace(DOC, '.expected.json')))
  .sort();

const STOP = new Set(
  'a an the of to and for in on by with be is are was were that this from as at or it its their his her if'.split(
    ' ',
  ),
);

/** The scoring tool's words: lowercased, split on anything not a letter or digit, stop words dropped. */
const words = (s: string): Set<string> =>
  new Set(
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter((w) => w && !STOP.has(w)),
  );

/** Owners as the tool compares them: split on / , & and "and", lowercased, sorted. */
const ownersOf = (o: string | string[] | null | undefined): string[] => {
  if (o == null) return [];
  const list = Array.isArray(o) ? o : o.split(/\s*(?:\/|,|&|\band\b)\s*/i);
  return list
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .sort();
};

const shared = (a: Set<string>, b: Set<string>): number => [...a].filter((w) => b.has(w)).length;

interface Scored {
  missed: string[];
  wrongOwner: string[];
  extra: string[];
}

/**
 * The tool's matching: each label takes the unused extracted action that covers at least 70% of its
 * words with at least 40% of the action's words (owners included) being the label's, best sum first;
 * then borderline sentences absorb extracted actions that share 60% of the smaller word set.
 */
function score(expected: Expected, actions: ExtractedAction[]): Scored {
  const used = new Set<number>();
  const out: Scored = { missed: [], wrongOwner: [], extra: [] };
  for (const label of expected.actions) {
    const lw = words(label.text);
    let best = -1;
    let bestScore = 0;
    actions.forEach((a, i) => {
      if (used.has(i)) return;
      const aw = words(`${a.owners.join(' ')} ${a.text}`);
      const inter = shared(lw, aw);
      const cover = inter / Math.max(1, lw.size);
      const purity = inter / Math.max(1, aw.size);
      if (cover >= 0.7 && purity >= 0.4 && cover + purity > bestScore) {
        best = i;
        bestScore = cover + purity;
      }
    });
    const found = actions[best];
    if (!found) {
      out.missed.push(label.text);
      continue;
    }
    used.add(best);
    const want = ownersOf(label.owners ?? label.owner);
    if (JSON.stringify(want) !== JSON.stringify(ownersOf(found.owners))) out.wrongOwner.push(label.text);
  }
  for (const b of expected.excludedBorderline ?? []) {
    const bw = words(b.text);
    actions.forEach((a, i) => {
      if (used.has(i)) return;
      const aw = words(a.text);
      if (shared(bw, aw) / Math.max(1, Math.min(bw.size, aw.size)) >= 0.6) used.add(i);
    });
  }
  actions.forEach((a, i) => {
    if (!used.has(i)) out.extra.push(a.text);
  });
  return out;
}

describe('held-out labelled minutes (tests/fixtures/minutes-labelled)', () => {
  it('has labelled documents to read', () => {
    expect(documents.length).toBeGreaterThanOrEqual(4);
  });

  it.each(documents)('%s: every labelled action with its owners, and nothing else', async (file) => {
    const expected = JSON.parse(
      readFileSync(join(DIR, file.replace(DOC, '.expected.json')), 'utf8'),
    ) as Expected;
    const minutes = extractMinutes(await readDocument(join(DIR, file)));
    const result = score(expected, minutes.actions);
    const known = expected.knownMisses ?? [];
    const knownLabel = new Set(known.filter((k) => !k.extra).map((k) => k.text));
    const knownExtra = known.filter((k) => k.extra).map((k) => k.text);
    const isKnownExtra = (text: string) => knownExtra.some((k) => text.includes(k) || k.includes(text));

    expect({
      missed: result.missed.filter((t) => !knownLabel.has(t)),
      wrongOwner: result.wrongOwner.filter((t) => !knownLabel.has(t)),
      extra: result.extra.filter((t) => !isKnownExtra(t)),
    }).toEqual({ missed: [], wrongOwner: [], extra: [] });

    // A known miss that the extractor now gets right must leave the list.
    const stillWrong = new Set([...result.missed, ...result.wrongOwner]);
    expect([...knownLabel].filter((t) => !stillWrong.has(t))).toEqual([]);
    expect(knownExtra.filter((k) => !result.extra.some((t) => t.includes(k) || k.includes(t)))).toEqual([]);
  });
});
