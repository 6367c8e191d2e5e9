/**
 * What minutes say about an action's progress: `done`, `ongoing`, or nothing. Minutes write it as a
 * "Status:" label, a word after the action ("– done", "(carried forward)"), a ticked box, or by striking
 * the action through. Carried forward, in progress and outstanding all mean it is still going on.
 */
import type { MinutesActionStatus } from './extracted-minutes';

const DONE = /\b(done|complete|completed|closed|actioned|finished|discharged|achieved)\b|[✓✔☑✅]/i;
const ONGOING =
  /\b(ongoing|on-going|in progress|carried forward|carry forward|carried over|c\/f|b\/f|outstanding|pending|continuing|deferred|underway|under way|partially|not yet|still open)\b/i;

/** The status a piece of text states, or null. "Not done" and "not complete" are ongoing. */
export function statusIn(text: string): MinutesActionStatus | null {
  if (/\bnot\s+(yet\s+)?(done|complete|completed|finished)\b/i.test(text)) return 'ongoing';
  const done = DONE.exec(text);
  const ongoing = ONGOING.exec(text);
  if (done && ongoing) return done.index > ongoing.index ? 'done' : 'ongoing';
  if (done) return 'done';
  return ongoing ? 'ongoing' : null;
}

/** The value of a "Status: …" label in the text, when there is one. */
export function labelledStatus(text: string): MinutesActionStatus | null {
  const m = /\b(?:status|progress|update)\s*[:–-]\s*([^.;\n]{1,60})/i.exec(text);
  return m ? statusIn(m[1] ?? '') : null;
}

const TRAILING =
  /\s*(?:[-–—:;,]\s*|\(\s*|\[\s*|\.\s+)(done|complete|completed|closed|actioned|finished|ongoing|on-going|in progress|carried forward|c\/f|outstanding|pending|deferred|[✓✔☑✅])\s*[)\]]?\.?\s*$/i;

/** " – done, repaired on 20 July": a status after a dash, with what the minutes add about it. */
const DASHED =
  /\s+[–—-]\s+((?:not\s+(?:yet\s+)?)?(?:done|complete|completed|closed|actioned|finished|ongoing|on-going|in progress|carried forward|outstanding|pending|deferred))\b[^–—]{0,100}$/i;

/** "… expires ** Not Done **", "… *Ongoing*": a status in emphasis closing the line, as action logs mark it. */
const EMPHASISED =
  /\s*\*{1,2}\s*((?:not\s+(?:yet\s+)?)?(?:done|complete|completed|closed|finished|ongoing|on-going|in progress|carried forward|outstanding|pending|deferred))\.?\s*\*{1,2}\s*$/i;

/** "Clerk to write to X – done": the action without its trailing status word, and that status. */
export function splitTrailingStatus(text: string): { text: string; status: MinutesActionStatus | null } {
  const m = EMPHASISED.exec(text) ?? TRAILING.exec(text) ?? DASHED.exec(text);
  if (!m) return { text, status: null };
  return { text: text.slice(0, m.index).trim(), status: statusIn(m[1] ?? '') };
}

/** `~~…~~` around all (or most) of the text: struck through, so done. Returns the text without marks. */
export function readStrikeThrough(text: string): { text: string; struck: boolean } {
  const struck = /~~[^~]{3,}~~/.test(text);
  return { text: text.replace(/~~/g, '').trim(), struck };
}
