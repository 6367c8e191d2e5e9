/**
 * Which of the channel's existing actions an imported line is about. Minutes report on earlier actions
 * ("Clerk to chase Highways – done", a carried-forward table row), and importing the same minutes twice
 * must not add their actions twice, so each line is matched before anything is stored.
 *
 * A line matches an action when they share an owner and say nearly the same thing: tasks are compared as
 * sets of word stems (lowercase, no punctuation, no stopwords or date words, crude suffix stripping) by
 * Dice's coefficient. A line whose text is the action's text and whose owners are its owners is an exact
 * match, whatever its status; only lines that report progress (done, ongoing) are matched loosely, since
 * a new action that resembles an old one ("review spending line 4" after "review spending line 3") is
 * still new. Owners that both sides state and that share no one never match. Each action is matched at
 * most once, best pair first. Candidates come from an index by word, capped per line, so thousands of
 * actions cost no all-pairs loop.
 */
import type { Action, Owner } from '../domain';
import type { ExtractedAction } from '../minutes/extracted-minutes';
import { aliasFor, bareOwner, type DefinedInitials } from './owner-names';

/** Lowest similarity of a loose match when the owners share someone. */
export const SHARED_OWNER_THRESHOLD = 0.7;
/** Lowest similarity when one side names no owner: the words must carry the match alone. */
export const NO_OWNER_THRESHOLD = 0.85;
/** Candidates scored per line: the existing actions that share the most words with it. */
const MAX_CANDIDATES = 50;
/** A word in more actions than this says little about which one a line means; it finds no candidates. */
const MAX_POSTINGS = 2000;

const STOPWORDS = new Set(
  (
    'a an the to of and or for in on at by with from about re regarding into onto be is are was were been ' +
    'will would should shall must can could may might has have had do does it its this that these those ' +
    'their there them they our we us his her he she him as so also all any some each every please ' +
    'further then than via per upon within out up'
  ).split(' '),
);

const DATE_WORDS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr ' +
    'jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues ' +
    'wed thu thur thurs fri sat sun today tomorrow eod cob asap'
  ).split(' '),
);

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** "31 March", "31st of March", "March 31st", "31/03", "2026-03-31": a date, which the due date holds. */
const DAY_OF_MONTH = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b|\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4}\\b|\\b\\d{1,2}/\\d{1,2}\\b`,
  'g',
);

/** Past forms a suffix rule cannot reach, to the stem their present form gets. */
const IRREGULAR: Record<string, string> = {
  sent: 'send',
  wrote: 'writ',
  written: 'writ',
  spoke: 'speak',
  spoken: 'speak',
  met: 'meet',
  made: 'mak',
  bought: 'buy',
  took: 'tak',
  taken: 'tak',
  gave: 'giv',
  given: 'giv',
  brought: 'bring',
  sought: 'seek',
  told: 'tell',
  paid: 'pay',
  found: 'find',
  held: 'hold',
  led: 'lead',
  got: 'get',
};

/** A crude stem: enough that "circulated", "circulating" and "circulate" agree. */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  let w = word.replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The task as compared exactly: lowercase, spaces collapsed, no leading "to", no closing punctuation. */
export function exactText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^to\s+/, '')
    .replace(/[\s.;:,!]+$/, '');
}

/** The task's content words, stemmed: what a loose match compares. */
export function taskWords(text: string): Set<string> {
  const words = new Set<string>();
  const plain = text
    .toLowerCase()
    .replace(/\bby (the )?(next|following) meeting\b/g, ' ')
    .replace(DAY_OF_MONTH, ' ');
  for (const raw of plain.split(/[\s/]+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/[’']/g, "'");
    if (word === '' || STOPWORDS.has(word) || DATE_WORDS.has(word)) continue;
    // Years belong to the due date, not to the task; other numbers ("line 3.2", "item 21") tell tasks apart.
    if (/^(19|20)\d\d$/.test(word)) continue;
    words.add(stem(word));
  }
  return words;
}

/** Dice's coefficient of two word sets: 1 for the same words, 0 for none in common. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function nameKey(name: string): string {
  return `n:${name
    .toLowerCase()
    .replace(/^@+/, '')
    .replace(/^the\s+/, '')
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ')}`;
}

function aliasUsers(name: string, aliases: Record<string, string[]>): string[] {
  const wanted = name.toLowerCase();
  return Object.entries(aliases).flatMap(([alias, ids]) => (alias.toLowerCase() === wanted ? ids : []));
}

const MENTION = /^<@([^\s|<>]+)(?:\|[^<>]*)?>$/;

/**
 * Who an owner as the minutes write it stands for: its name, a mentioned user, the people of the alias
 * it resolves to (owner-names.ts: its own, or the full name its initials stand for).
 */
export function writtenOwnerKeys(
  written: string,
  aliases: Record<string, string[]>,
  initials: DefinedInitials = {},
): string[] {
  const mention = MENTION.exec(written.trim());
  if (mention?.[1]) return [`u:${mention[1]}`];
  const bare = bareOwner(written);
  const alias = aliasFor(written, aliases, initials) ?? bare;
  return [nameKey(bare), ...aliasUsers(alias, aliases).map((id) => `u:${id}`)];
}

/** Who a stored owner stands for, in the same keys. */
export function storedOwnerKeys(owner: Owner, aliases: Record<string, string[]>): string[] {
  if (owner.kind === 'user') return [`u:${owner.id}`];
  if (owner.kind === 'email') return [`e:${owner.address.toLowerCase()}`];
  return [nameKey(owner.name), ...aliasUsers(owner.name, aliases).map((id) => `u:${id}`)];
}

export interface LineMatch {
  /** The existing action's number. */
  number: number;
  /** Same task text and the same owners: the line is this action as recorded. */
  exact: boolean;
  score: number;
}

interface Prepared {
  action: Action;
  exact: string;
  words: Set<string>;
  owners: Set<string>;
}

type OwnerRelation = 'shared' | 'disjoint' | 'unstated';

function ownerRelation(a: ReadonlySet<string>, b: ReadonlySet<string>): OwnerRelation {
  if (a.size === 0 || b.size === 0) return 'unstated';
  for (const k of a) if (b.has(k)) return 'shared';
  return 'disjoint';
}

/** How well a line fits an action, or null when it must not match it. */
function score(
  line: { status: ExtractedAction['status']; exact: string; words: Set<string>; owners: Set<string> },
  cand: Prepared,
): { exact: boolean; score: number } | null {
  const relation = ownerRelation(line.owners, cand.owners);
  if (relation === 'disjoint') return null;
  const bothUnstated = line.owners.size === 0 && cand.owners.size === 0;
  if (line.exact === cand.exact && (relation === 'shared' || bothUnstated)) return { exact: true, score: 3 };
  if (line.status === 'open') return null;
  const sim = similarity(line.words, cand.words);
  let shared = 0;
  for (const w of line.words) if (cand.words.has(w)) shared++;
  const threshold = relation === 'shared' ? SHARED_OWNER_THRESHOLD : NO_OWNER_THRESHOLD;
  if (shared < 2 || sim < threshold) return null;
  // A report of progress is about an action still open, if one fits as well as a closed one.
  return {
    exact: false,
    score: sim + (relation === 'shared' ? 0.1 : 0) + (cand.action.state === 'open' ? 0.05 : 0),
  };
}

/**
 * For each extracted line, the existing action it is about, or null for a new one. Dropped actions are
 * never matched (a dropped action was deliberately let go; a line about it is shown as new).
 */
export function matchLines(
  lines: readonly ExtractedAction[],
  existing: readonly Action[],
  aliases: Record<string, string[]>,
  initials: DefinedInitials = {},
): (LineMatch | null)[] {
  const prepared: Prepared[] = existing
    .filter((a) => a.state !== 'dropped')
    .map((action) => ({
      action,
      exact: exactText(action.text),
      words: taskWords(action.text),
      owners: new Set(action.owners.flatMap((o) => storedOwnerKeys(o, aliases))),
    }));
  const byWord = new Map<string, number[]>();
  const byExact = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, i: number): void => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  prepared.forEach((p, i) => {
    for (const w of p.words) push(byWord, w, i);
    push(byExact, p.exact, i);
  });
  const pairs: { line: number; cand: number; exact: boolean; score: number }[] = [];
  lines.forEach((found, lineIndex) => {
    const line = {
      status: found.status,
      exact: exactText(found.text),
      words: taskWords(found.text),
      owners: new Set(found.owners.flatMap((o) => writtenOwnerKeys(o, aliases, initials))),
    };
    for (const cand of candidates(line, byWord, byExact)) {
      const fit = score(line, prepared[cand] as Prepared);
      if (fit) pairs.push({ line: lineIndex, cand, ...fit });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.line - b.line || a.cand - b.cand);
  const result: (LineMatch | null)[] = lines.map(() => null);
  const taken = new Set<number>();
  for (const pair of pairs) {
    if (result[pair.line] || taken.has(pair.cand)) continue;
    taken.add(pair.cand);
    const action = (prepared[pair.cand] as Prepared).action;
    result[pair.line] = { number: action.number, exact: pair.exact, score: pair.score };
  }
  return result;
}

/**
 * The existing actions worth scoring for a line: same text, else those sharing the most of its less
 * common words (a word in most actions finds none, so a common word costs no scan of them all).
 */
function candidates(
  line: { exact: string; words: Set<string> },
  byWord: Map<string, number[]>,
  byExact: Map<string, number[]>,
): number[] {
  const shared = new Map<number, number>();
  for (const w of line.words) {
    const postings = byWord.get(w) ?? [];
    if (postings.length > MAX_POSTINGS) continue;
    for (const i of postings) shared.set(i, (shared.get(i) ?? 0) + 1);
  }
  const best = [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([i]) => i);
  return [...new Set([...(byExact.get(line.exact) ?? []), ...best])];
}
