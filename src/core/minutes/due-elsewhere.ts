/**
 * A deadline the minutes give where they discuss a task rather than in the action itself: the closing
 * action list says "Paolo: fill out the community booth proposal", the discussion above it said
 * "Community booth proposal (fill the form no later than 5 February)". The action takes that date when
 * one paragraph both states a deadline and shares most of the action's words.
 */
import { type DueContext, findDue } from './due-dates';

const STOP = new Set(
  'a an the of to and for in on by with be is are was were that this from as at or it its out up we our will'.split(
    ' ',
  ),
);
/** Words that state a deadline: the cheap test before chrono reads a paragraph. */
const DEADLINE_WORDS = /\b(?:by|before|until|due|deadline|no later than|not later than)\b/i;
/** Most paragraphs looked at per document, so a long document stays fast. */
const MAX_PARAGRAPHS = 400;
/** Most paragraphs chrono reads for one action: it is the slow step. */
const MAX_READS = 3;

const contentWords = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );

/** Paragraphs that state some deadline, with their words, read once per document. */
export interface DeadlineParagraphs {
  items: Array<{ text: string; words: Set<string> }>;
}

export function deadlineParagraphs(paragraphs: string[]): DeadlineParagraphs {
  const items = paragraphs
    .filter((p) => p.length < 2000 && DEADLINE_WORDS.test(p))
    .slice(0, MAX_PARAGRAPHS)
    .map((text) => ({ text, words: contentWords(text) }));
  return { items };
}

/**
 * The deadline stated where the document discusses `task`: a paragraph sharing at least three of its
 * words and at least 60% of them. Null when none does, or when the task is itself that paragraph.
 */
export function dueStatedElsewhere(task: string, found: DeadlineParagraphs, ctx: DueContext): string | null {
  const words = contentWords(task);
  if (words.size < 3) return null;
  let reads = 0;
  for (const p of found.items) {
    if (reads >= MAX_READS) break;
    if (p.text.includes(task)) continue;
    let shared = 0;
    for (const w of words) if (p.words.has(w)) shared++;
    if (shared < 3 || shared / words.size < 0.6) continue;
    reads++;
    const due = findDue(p.text, ctx);
    if (due) return due;
  }
  return null;
}
