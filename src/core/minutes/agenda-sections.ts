/**
 * Assigns every block of the minutes to an agenda section: the numbered item it falls under ("5", "7.1",
 * "#5959") with its title, and what kind of section it is. The kind decides how the extractor reads it:
 * a "matters arising" section reports earlier actions, an "Action items" section lists actions (and may
 * repeat ones already found), "items for the next agenda" are not actions at all.
 *
 * A numbered paragraph only opens a new agenda item when its number continues the agenda's numbering
 * (after 5 comes 6, 5.1 or 7), so a numbered list inside an item, or appended papers that start again
 * at 1, stay inside the item they belong to.
 */

import { agendaTitleOf, type HeadingNumber, isSuccessor, parseHeadingNumber } from './agenda-titles';
import type { ListMarker } from './list-markers';
import type { RawBlock } from './minutes-blocks';
import { emptyPeople, parseOwners } from './owners-in-minutes';
import type { TextTable } from './text-tables';

export type SectionKind =
  | 'normal'
  | 'status'
  | 'actionList'
  | 'futureAgenda'
  | 'nextMeeting'
  | 'people'
  | 'contents'
  | 'decisions';

export interface Section {
  id: number;
  agendaItem: string | null;
  agendaTitle: string | null;
  kind: SectionKind;
}

export interface Block {
  type: 'paragraph' | 'item' | 'table';
  text: string;
  marker: ListMarker | null;
  indent: number;
  table: TextTable | null;
  section: Section;
  line: number;
}

const KIND_PATTERNS: Array<[SectionKind, RegExp]> = [
  [
    'futureAgenda',
    /\b(items? for (the )?(agenda|next|future|\w+ agenda)|future agenda|agenda items? for (the )?(next|future)|items? for (the )?next meeting|for (the )?next agenda)/i,
  ],
  [
    'nextMeeting',
    /^(date,? (and (time|venue) )?of (the )?next meeting|next meeting|dates? of (future|next) meetings?|future meeting dates)\b/i,
  ],
  [
    'status',
    /matters arising|\b(status|review|update|progress|report)\b.{0,25}\b(actions|action items?|action points?)\b|\b(outstanding|open|past|previous|prior|earlier|pending) (actions|action items?|action points?)\b|actions? (from|arising from|since) (the )?(previous|last|prior) meeting|action (log|tracker|updates?|review)|carried forward|actions? (update|progress)/i,
  ],
  [
    'actionList',
    /^(new |summary of |list of |agreed |open |[A-Z][\w-]*['’]s )?(action items?|actions?|action points?|action list|actions agreed|actions arising|to-?dos?|next steps|follow[- ]?ups?)(,? by person| agreed| arising| resulting| raised| from (?:this|the|today['’]?s) meeting)?\s*:?\s*$/i,
  ],
  [
    'people',
    /^(present|attendance|attendees|apologies( for absence)?|people present|in attendance|also present|absent|members present)\b/i,
  ],
  ['contents', /^(table of )?contents$/i],
  ['decisions', /^(decisions?( taken| made)?|resolutions?|motions?( passed)?|agreed( items)?)\s*:?$/i],
];

/** The kind a heading's words give its section, or null for an ordinary agenda item. */
export function kindOfHeading(title: string): SectionKind | null {
  for (const [kind, re] of KIND_PATTERNS) if (re.test(title.trim())) return kind;
  return null;
}

const MEETBOT_STAMP = /\s*\(([^\s(),]+),\s*\d{1,2}:\d{2}(?::\d{2})?\)\s*$/;
const ACTIONISH =
  /^(?:ACTIONS?|Actions?|AI)\b\s*(?:\([^)]*\))?\s*[:–-]|^(?:the\s+)?[A-Z@][\w.’']*(?:\s+(?:[A-Z][\w.’']*|and|&|\/))*\s+to\s+[a-z]+/;

interface State {
  sections: Section[];
  current: Section;
  numbering: number[] | null;
  /** Kind of each numbered item, so that 4.1 inherits "status" from 4. */
  kindByNumber: Map<string, SectionKind>;
  /** Explicit headings by level, for unnumbered sub-headings to inherit a kind. */
  byLevel: Section[];
  inMeetbotSummary: boolean;
  /** The block before, to tell a numbered list of actions from the next agenda item. */
  previous: RawBlock | null;
}

function open(
  state: State,
  agendaItem: string | null,
  agendaTitle: string | null,
  kind: SectionKind,
): Section {
  const section = { id: state.sections.length, agendaItem, agendaTitle, kind };
  state.sections.push(section);
  state.current = section;
  return section;
}

function inheritedKind(state: State, number: number[] | null, own: SectionKind | null): SectionKind {
  if (own) return own;
  if (!number) return 'normal';
  for (let k = number.length - 1; k >= 1; k--) {
    const parent = state.kindByNumber.get(number.slice(0, k).join('.'));
    if (parent && parent !== 'contents') return parent;
  }
  return 'normal';
}

function openNumbered(state: State, number: number[], label: string, title: string): Section {
  const kind = inheritedKind(state, number, kindOfHeading(title));
  state.numbering = number;
  state.kindByNumber.set(number.join('.'), kind);
  return open(state, label, title || null, kind);
}

/**
 * The kind a sub-heading takes from its parent. Under an action list only a sub-heading that names
 * an owner ("### Priya", "### Finance team") is more of the list; one that names a subject of its own
 * ("### Proposed reorganised header" under "Next steps") is discussion.
 */
function subKind(parent: SectionKind, title: string): SectionKind {
  if (parent !== 'actionList') return parent;
  return parseOwners(title.replace(/:$/, '').trim(), 'explicit', emptyPeople()) ? parent : 'normal';
}

function onHeading(state: State, text: string, level: number): void {
  state.inMeetbotSummary = /^meeting summary$/i.test(text.trim());
  const parsed = parseHeadingNumber(text);
  if (parsed?.number) {
    const section = openNumbered(state, parsed.number, parsed.label, agendaTitleOf(parsed.rest).title);
    state.byLevel = [...state.byLevel.slice(0, level - 1), section];
    return;
  }
  const own = kindOfHeading(text);
  const parent = state.byLevel.slice(0, level - 1).reverse()[0];
  if (own && own !== 'contents' && own !== 'people' && state.current.agendaItem) {
    open(state, state.current.agendaItem, state.current.agendaTitle, own);
  } else {
    const kind = own ?? (parent && parent.kind !== 'contents' ? subKind(parent.kind, text) : 'normal');
    open(state, parsed?.label ?? null, agendaTitleOf(parsed?.rest ?? text).title, kind);
  }
  state.byLevel = [...state.byLevel.slice(0, level - 1), state.current];
}

/** A short line that reads as a title ("Matters arising", "ROAD SAFETY"), for a first number above 3. */
const headingLike = (text: string): boolean =>
  text.length <= 80 && (!/[.!?]$/.test(text.trim()) || /^[A-Z]{3,}\s+[A-Z]{2,}/.test(text));

/** A paragraph or item that opens an agenda item by continuing the numbering; returns its body text. */
function inlineHeading(state: State, raw: RawBlock): string | null {
  if (state.current.kind === 'contents') return null;
  let heading: HeadingNumber | null = null;
  if (raw.type === 'item' && raw.marker.style === 'number' && raw.marker.number) {
    heading = { number: raw.marker.number, label: raw.marker.marker, strong: false, rest: raw.text };
  } else if (raw.type === 'paragraph') {
    const parsed = parseHeadingNumber(raw.text);
    heading = parsed?.strong ? parsed : null;
  }
  if (!heading?.number) return null;
  const firstHeading = state.numbering === null && headingLike(heading.rest);
  if (!heading.strong && !firstHeading && !isSuccessor(heading.number, state.numbering)) return null;
  const inNumberedList =
    state.numbering === null || (state.previous?.type === 'item' && state.previous.marker.style === 'number');
  if (inNumberedList && ACTIONISH.test(heading.rest) && !/^[A-Z]{2,}\S*\s+[A-Z]{2,}/.test(heading.rest)) {
    return null;
  }
  const { title, body } = agendaTitleOf(heading.rest);
  openNumbered(state, heading.number, heading.label, title);
  return subItemIn(state, body);
}

/** "22. FINANCE: 22.1 Bank balance … was reviewed": the first sub-item, run on after its item's title. */
function subItemIn(state: State, body: string): string {
  const sub = /^(\d{1,3}(?:\.\d{1,2})+)\.?\s+(\S.*)$/.exec(body);
  const number = sub ? (sub[1] ?? '').split('.').map(Number) : null;
  if (!sub || !number || !isSuccessor(number, state.numbering)) return body;
  const { title, body: rest } = agendaTitleOf(sub[2] ?? '');
  openNumbered(state, number, sub[1] ?? '', title);
  return rest;
}

/** A short line such as "Actions:" or "MATTERS ARISING" that changes how what follows is read. */
function softHeading(state: State, raw: RawBlock): boolean {
  if (raw.type !== 'paragraph' || raw.text.length > 70) return false;
  // "  Summary of Action Items" indented under "Contents" is an entry of the contents, not the summary.
  if (state.current.kind === 'contents' && raw.indent > 0) return false;
  const text = raw.text.trim();
  const kind = kindOfHeading(text);
  if (!kind) return false;
  const shaped = text.endsWith(':') || text === text.toUpperCase() || text.split(/\s+/).length <= 5;
  if (!shaped) return false;
  const title = text.replace(/:$/, '').trim();
  if (state.current.agendaItem) open(state, state.current.agendaItem, state.current.agendaTitle, kind);
  else open(state, null, agendaTitleOf(title).title, kind);
  return true;
}

/**
 * "Parking lot" then a list, after the action list of plain-text notes: a title of its own that ends
 * the action list, unless it names an owner of the items under it ("Priya" then her actions).
 */
function endOfActionList(state: State, raw: RawBlock, next: RawBlock | undefined): boolean {
  if (state.current.kind !== 'actionList' || raw.type !== 'paragraph' || next?.type !== 'item') return false;
  const text = raw.text.trim();
  if (text.split(/\s+/).length > 5 || /[.:;,!?]$/.test(text) || !/^[A-Z]/.test(text)) return false;
  if (parseOwners(text, 'explicit', emptyPeople())) return false;
  open(state, null, text, 'normal');
  return true;
}

function meetbotTopic(state: State, raw: RawBlock): boolean {
  if (!state.inMeetbotSummary || raw.type !== 'item' || raw.indent > 0) return false;
  const text = raw.text.replace(MEETBOT_STAMP, '').trim();
  const ticket = /^(#\d+)\s+(.*)$/.exec(text);
  open(state, ticket?.[1] ?? null, (ticket?.[2] ?? text).trim() || null, 'normal');
  return true;
}

/**
 * A top-level bullet with bullets nested under it ("- [alice] Localization guide review" then "  - …"):
 * a topic of the agenda, as meeting notes kept in a shared document write them.
 */
function bulletTopic(state: State, raw: RawBlock, next: RawBlock | undefined): boolean {
  if (state.current.kind !== 'normal' || raw.type !== 'item' || raw.marker.style !== 'bullet') return false;
  if (next?.type !== 'item' || next.indent <= raw.indent || raw.indent > 1 || raw.text.length > 100)
    return false;
  if (ACTIONISH.test(raw.text) || /^@|^~~/.test(raw.text) || /[.:]$/.test(raw.text)) return false;
  const title = raw.text.replace(/^\[[^\]]{1,40}\]\s*/, '').trim();
  open(state, state.current.agendaItem, title || raw.text, 'normal');
  return true;
}

/**
 * "Next meeting: 29 April 2025, 6pm (online)", "Date of next meeting – …", "Next sync is Monday …": a
 * line that states when the group meets again (the header reader takes the date from it) and is never
 * an action, whatever its brackets hold ("(online)" is not an owner).
 */
const NEXT_MEETING_LINE =
  /^(?:\*\*)?(?:date,? (?:and (?:time|venue) )?of (?:the )?next meeting|next (?:[a-z]+ )?(?:meeting|sync|call|session))\b(?:\*\*)?\s*(?::|[–—-]\s|is\s|will be\s)/i;

/** The blocks of the document with the section each belongs to; explicit headings become sections. */
export function sectionBlocks(raw: RawBlock[]): Block[] {
  const preamble: Section = { id: 0, agendaItem: null, agendaTitle: null, kind: 'normal' };
  const state: State = {
    sections: [preamble],
    current: preamble,
    numbering: null,
    kindByNumber: new Map(),
    byLevel: [],
    inMeetbotSummary: false,
    previous: null,
  };
  const out: Block[] = [];
  raw.forEach((block, index) => {
    const previous = state.previous;
    state.previous = block;
    if (block.type === 'heading') {
      onHeading(state, block.text, block.level);
      return;
    }
    const next = raw[index + 1];
    if (
      meetbotTopic(state, block) ||
      softHeading(state, block) ||
      endOfActionList(state, block, next) ||
      bulletTopic(state, block, next)
    )
      return;
    state.previous = previous;
    const body = inlineHeading(state, block);
    state.previous = block;
    const base = { section: state.current, line: block.line };
    if (block.type === 'table') {
      out.push({ ...base, type: 'table', text: '', marker: null, indent: 0, table: block.table });
      return;
    }
    const text = (body ?? block.text).replace(MEETBOT_STAMP, '').trim();
    if (!text || NEXT_MEETING_LINE.test(text)) return;
    const marker = body === null && block.type === 'item' ? block.marker : null;
    out.push({
      ...base,
      type: marker ? 'item' : 'paragraph',
      text,
      marker,
      indent: block.indent,
      table: null,
    });
  });
  return out;
}
