/**
 * The minutes extractor: a document's text in, the meeting and its actions out (CONTRACT.md, "The JSON
 * of import --dry-run --json"). It reads the document's structure first (agenda items, action lists,
 * status sections, tables), then the actions the minute-taker marked, and only where an agenda item has
 * no marked actions the commitments written as prose; an action-list summary that repeats actions found
 * earlier (as MeetBot's does) adds nothing. Pure: no clock, no I/O.
 */
import type { ActionCandidate } from './action-candidate';
import { isExplicitSource } from './action-candidate';
import { explicitCandidate, listActions, markerActions } from './action-lines';
import { tableActions } from './action-tables';
import { type Block, type Section, sectionBlocks } from './agenda-sections';
import { definedInitials } from './attendance-initials';
import { rewriteChatLog } from './chat-log-lines';
import { rewriteDisplayMentions } from './display-mentions';
import { type DueContext, dueFromTitle, findDue, readDueCell } from './due-dates';
import { type DeadlineParagraphs, deadlineParagraphs, dueStatedElsewhere } from './due-elsewhere';
import {
  type ExtractedAction,
  type ExtractedMinutes,
  ExtractedMinutesSchema,
  type ExtractOptions,
} from './extracted-minutes';
import { readMeetingHeader } from './meeting-header';
import { readBlocks } from './minutes-blocks';
import { assertUsableText, normaliseMinutesText } from './minutes-text';
import { narrativeActions, speakerCommitments } from './narrative-commitments';
import { indexPeople, type PeopleIndex } from './owners-in-minutes';
import { addPeopleInProse } from './people-in-prose';
import { maskMentions } from './platform-mentions';
import { statusAction } from './status-section';
import { splitRelative, terseAssignments } from './terse-assignments';

/**
 * Sections whose prose is never read for commitments (it lists people, future agenda items, …).
 * Matters arising is read: besides its reports on earlier actions ("The Clerk had written"), it is
 * where new ones are taken on ("She advised that she would be contacting Dr Rees").
 */
const NO_PROSE = new Set(['futureAgenda', 'nextMeeting', 'people', 'contents', 'decisions', 'actionList']);

interface Found {
  line: number;
  candidate: ActionCandidate;
}

const agendaKey = (s: Section): string => `${s.agendaItem ?? ''}|${s.agendaTitle ?? ''}`;

/** Consecutive blocks of the same section, in document order. */
function groupBySection(blocks: Block[]): Block[][] {
  const groups: Block[][] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.section === block.section) last.push(block);
    else groups.push([block]);
  }
  return groups;
}

/**
 * `@name: …`, `@name to …`, `@a and @b will …` lines: a handle bound to a task. A handle followed by
 * anything else ("@sam released v2", "@sam asks if …") is a report of the discussion, left to the prose
 * reading, which finds "…, and @lee will review it" inside it.
 */
const MENTION_ACTION = /^@[\w.-]+(?:\s*(?:,|&|\/|\band\b)\s*@[\w.-]+){0,8}\s*(?::|[–—-]\s|to\s)/;

/** Mention-led action lines and `- [ ] …` checkboxes are actions wherever they stand. */
function mentionOrCheckbox(block: Block, people: PeopleIndex): ActionCandidate | null {
  const checkbox = block.marker?.style === 'checkbox';
  if (!checkbox && !MENTION_ACTION.test(block.text)) return null;
  if (block.text.trim().endsWith('?')) return null;
  return explicitCandidate(block.text, block.section, {
    source: 'list',
    people,
    checked: block.marker?.checked,
  });
}

/** The marked actions, action lists, tables and status reports of one section. */
function explicitIn(group: Block[], people: PeopleIndex, ctx: DueContext): Found[] {
  const section = group[0]?.section;
  if (!section) return [];
  const out: Found[] = [];
  if (section.kind === 'actionList') {
    for (const block of group.filter((b) => b.type === 'table')) {
      for (const candidate of tableActions(block, people, ctx)) out.push({ line: block.line, candidate });
    }
    const listed = listActions(
      group.filter((b) => b.type !== 'table'),
      people,
    );
    return [...out, ...listed.map((candidate) => ({ line: group[0]?.line ?? 0, candidate }))];
  }
  let previous: string | null = null;
  for (const block of group) {
    const add = (candidate: ActionCandidate) => out.push({ line: block.line, candidate });
    if (block.type === 'table') {
      tableActions(block, people, ctx).forEach(add);
      continue;
    }
    const marked = markerActions(block, people, previous);
    previous = block.text;
    if (marked.length > 0) {
      marked.forEach(add);
      continue;
    }
    const listed = mentionOrCheckbox(block, people);
    if (listed) {
      add(listed);
      continue;
    }
    if (section.kind === 'status') {
      const reported = statusAction(block, people);
      if (reported) add(reported);
    }
  }
  return out;
}

/**
 * Marked actions, lists, tables and status reports first; then commitments in prose, but only in agenda
 * items where the minute-taker marked no action: where they did, they marked all of that item's
 * actions, and its prose only restates them ("Cllr Jenkinson agreed that he would close the wall" beside
 * "ACTIONS: Cllr Jenkinson to close climbing wall").
 */
function findCandidates(blocks: Block[], people: PeopleIndex, ctx: DueContext): ActionCandidate[] {
  const found: Found[] = groupBySection(blocks).flatMap((group) => explicitIn(group, people, ctx));
  const marked = new Set(
    found.filter((f) => isExplicitSource(f.candidate.source)).map((f) => agendaKey(f.candidate.section)),
  );
  const readLines = new Set(found.map((f) => f.line));
  const explicit = found.map((f) => f.candidate);
  for (const block of blocks) {
    const section = block.section;
    if (NO_PROSE.has(section.kind) || block.type === 'table' || readLines.has(block.line)) continue;
    if (marked.has(agendaKey(section))) {
      // A speaker's own "I'll …" beside marked actions, unless a marked action already says it.
      for (const candidate of speakerCommitments(block, people)) {
        const said = explicit.some(
          (e) => agendaKey(e.section) === agendaKey(section) && repeats(candidate, e),
        );
        if (!said) found.push({ line: block.line, candidate });
      }
    } else {
      for (const candidate of narrativeActions(block, people)) found.push({ line: block.line, candidate });
    }
    addTerse(found, block, people);
  }
  return found
    .sort((a, b) => a.line - b.line)
    .flatMap((f) =>
      isExplicitSource(f.candidate.source) ? splitRelative(f.candidate, people) : [f.candidate],
    );
}

/** The short assignments of one block (terse-assignments.ts) that no action of its agenda item says. */
function addTerse(found: Found[], block: Block, people: PeopleIndex): void {
  for (const candidate of terseAssignments(block, people)) {
    const key = agendaKey(block.section);
    const said = found.some((f) => agendaKey(f.candidate.section) === key && repeats(candidate, f.candidate));
    if (!said) found.push({ line: block.line, candidate });
  }
}

const STOP_WORDS = new Set(
  'a an the of to and for in on by with be is are was were that this from as at or it its'.split(' '),
);

/** The content words of a task, for telling restatements apart from new actions. */
const words = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
  );

/** The share of the smaller set found in the other. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}

/** Owners compared without case or a handle's `@`: "@sam" in the notes is "Sam" in the summary. */
const keyOf = (c: ActionCandidate): string =>
  `${[...c.owners]
    .map((o) => o.toLowerCase().replace(/^@/, ''))
    .sort()
    .join('/')}|${c.text.toLowerCase().replace(/[^a-z0-9]+/g, '')}`;

/**
 * Drops actions of a summary list (MeetBot's "Action Items" and "by person", a closing "Summary of
 * actions" table) that repeat one found elsewhere: same owners and much the same words.
 */
function dropRepeats(candidates: ActionCandidate[]): ActionCandidate[] {
  const kept: ActionCandidate[] = [];
  const others = candidates.filter((c) => c.section.kind !== 'actionList');
  for (const c of candidates) {
    if (c.section.kind === 'actionList') {
      const pool = [
        ...others,
        ...kept.filter((k) => k.section.kind === 'actionList' && k.section !== c.section),
      ];
      const same = pool.find((o) => sameOwners(c, o) && repeats(c, o));
      if (same || pool.some((o) => repeats(c, o))) {
        // The summary may say it more fully ("insert the IT subcommittee report" for "insert report").
        if (same && moreSpecific(c.text, same.text)) same.text = c.text;
        continue;
      }
    }
    kept.push(c);
  }
  return kept;
}

/** Of two wordings of one action (same owners, much the same words), whether `a` says more. */
const moreSpecific = (a: string, b: string): boolean => words(a).size > words(b).size;

const sameOwners = (a: ActionCandidate, b: ActionCandidate): boolean =>
  keyOf({ ...a, text: '' }) === keyOf({ ...b, text: '' });

function repeats(a: ActionCandidate, b: ActionCandidate): boolean {
  if (keyOf(a) === keyOf(b)) return true;
  const wa = words(a.text);
  const wb = words(b.text);
  if (sameOwners(a, b)) return overlap(wa, wb) >= 0.6;
  // Other owners: only the same words, both ways ("insert report" is not "insert IT report").
  return overlap(wa, wb) >= 0.85 && Math.min(wa.size, wb.size) / Math.max(wa.size, wb.size, 1) >= 0.85;
}

/** The due date an action states; else the day its agenda item is for; else one stated where it is discussed. */
function dueOf(
  c: ActionCandidate,
  text: string,
  ctx: DueContext,
  elsewhere: DeadlineParagraphs,
): string | null {
  if (c.due !== undefined) return c.due;
  if (c.dueWords) return readDueCell(c.dueWords, ctx);
  return (
    findDue(text, ctx) ??
    dueFromTitle(c.section.agendaTitle, text, ctx) ??
    dueStatedElsewhere(text, elsewhere, ctx)
  );
}

function finish(c: ActionCandidate, ctx: DueContext, elsewhere: DeadlineParagraphs): ExtractedAction {
  const text = c.text.replace(/\s+/g, ' ').trim().slice(0, 2000);
  return {
    agendaItem: c.agendaItem ?? c.section.agendaItem,
    agendaTitle: c.section.agendaTitle,
    owners: c.owners.map((o) => o.trim()).filter(Boolean),
    text,
    due: dueOf(c, text, ctx, elsewhere),
    status: c.status,
  };
}

/**
 * Extracts the meeting and its actions from minutes text. Throws only `UserError('bad_minutes')`, for
 * text no one could read actions from (empty, or not text at all).
 */
export function extractMinutes(text: string, opts: ExtractOptions = {}): ExtractedMinutes {
  assertUsableText(typeof text === 'string' ? text : '');
  const mentions = maskMentions(normaliseMinutesText(text));
  const clean = rewriteDisplayMentions(rewriteChatLog(mentions.text));
  assertUsableText(clean);
  const meeting = readMeetingHeader(clean, opts);
  const people = indexPeople(clean);
  addPeopleInProse(clean, people);
  const ctx: DueContext = { meetingDate: meeting.date, nextMeeting: meeting.nextMeeting };
  const blocks = sectionBlocks(readBlocks(clean));
  const candidates = dropRepeats(findCandidates(blocks, people, ctx));
  const elsewhere = deadlineParagraphs(blocks.filter((b) => b.type !== 'table').map((b) => b.text));
  const actions = candidates.map((c) => finish(c, ctx, elsewhere)).filter((a) => a.text.length > 0);
  const initials = definedInitials(clean);
  const defined = Object.keys(initials).length > 0 ? { initials } : {};
  return mentions.restore(ExtractedMinutesSchema.parse({ meeting, actions, ...defined }));
}
