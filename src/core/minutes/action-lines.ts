/**
 * Actions the minute-taker marked as such: `Action: X to …`, `ACTIONS: Clerk to …. Cllr X to ….` (several
 * in one line), `ACTION: nick to …` (MeetBot), `AI (name): …`, `… to the Clerk. Action FE` (initials after
 * the sentence), struck-through `~~…~~` items (done), and the items of an action list (`Actions:` then
 * `a) …`, `b) …`, or `@Name: …` under an "Action items" heading).
 */
import type { ActionCandidate, CandidateSource } from './action-candidate';
import { type ActionLabels, readActionLabels } from './action-labels';
import { isHandover, isStatusOnly, markerWithColon, splitRunTogether } from './action-log-forms';
import { readExplicitAction, stripAgreedOpener } from './action-sentence';
import type { Block, Section } from './agenda-sections';
import { type PeopleIndex, parseOwners } from './owners-in-minutes';
import { splitSentences } from './sentences';
import { readStrikeThrough, splitTrailingStatus, statusIn } from './status-words';
import { titleAction } from './title-actions';
import { splitTrailingDue } from './trailing-due';

const LEAD_MARKER =
  /^\[?(?:ACTIONS?|Actions?|AI|AP|ACTION (?:POINTS?|ITEMS?)|Action (?:points?|items?)|ACTION BY|Action by|TODO|To ?do)\]?\s*(?:\(([^)]{1,60})\))?(?:\s*[:–—]\s*|\s+-\s+|(?<=[)\]])\s+)/;
const OWNER_ONLY =
  /^\(?\s*(?:ACTIONS?|Action)(?:\s+(?:BY|by))?\s*[:–—-]?\s*([A-Z@][^()]{0,50}?)\s*\)?\s*\.?$/;
const TRAILING_OWNER =
  /^(.{8,}?)(?:[.;]\s+|\s+[–—-]\s*|\s*\(\s*)(?:ACTIONS?|Action)(?:\s+(?:BY|by))?\s*[:–—-]?\s*([A-Z@][^()]{0,40}?)\s*\)?\s*\.?$/;
/**
 * An ownerless sentence in an action line still reads as a task: "Payment to be approved at …". The verb
 * follows a short subject; one further in ("Consider clarifying what falls under it to meet the wait
 * period") is inside a sentence that goes on from the action before.
 */
/** "** Not Done ** * ACTION: RobG to email …": a marker inside the sentence starts another action. */
const EMBEDDED_MARKER = /\b(?:ACTIONS?|Actions?)\s*:\s*\S/;
const TASK_SHAPED = /^(?:\S+\s+){1,4}?(?:to|will|should|must|needs? to)\s+(?:be\s+)?[a-z]+/;
/**
 * A sentence that goes on from the action before it rather than starting one: it opens with a pronoun
 * for that action's owner or task ("He will monitor it over two meetings", "This should …"), or with a
 * condition on it ("If not, …", "Otherwise …").
 */
const CONTINUATION = /^(?:he|she|they|it|this|that|these|those|if|otherwise|then|unless|once|when)\b/i;
const NOTHING = /^\(?\s*(none|n\/a|nil|nothing|-+|—)\s*\)?\.?$/i;
/** "AI: none - still waiting on legal", "Actions: None, the report was noted": no action, then a note. */
const NOTHING_THEN_NOTE = /^(?:none|nil|nothing|n\/a)\s*(?:[-–—:;,]|\.\s)/i;
/**
 * "RFC does not have an absence policy", nested under "Ryan: check RFC for absence policy": a subject and
 * a finite verb state a finding about the action above, not a further task.
 */
const STATEMENT =
  /^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}\s+(?:is|are|was|were|has|have|had|does|do|did|doesn['’]t|don['’]t|isn['’]t|aren['’]t|can|cannot|can['’]t)\b/;

export interface ExplicitOptions {
  source: CandidateSource;
  people: PeopleIndex;
  /** Owners given by the context (`AI (name):`, an owner heading in a list). */
  owners?: string[];
  checked?: boolean;
}

/** One action from a sentence known to be an action. Null when nothing of a task is left. */
export function explicitCandidate(
  sentence: string,
  section: Section,
  opts: ExplicitOptions,
): ActionCandidate | null {
  const { text: unstruck, struck } = readStrikeThrough(sentence);
  const labels = readActionLabels(unstruck);
  const dated = labels.due ? null : splitTrailingDue(labels.text);
  const { text, status } = splitTrailingStatus(dated?.text ?? labels.text);
  if (NOTHING_THEN_NOTE.test(text.trim())) return null;
  const parsed = readExplicitAction(text, opts.people);
  const labelled = labels.owner ? (parseOwners(labels.owner, 'explicit', opts.people) ?? [labels.owner]) : [];
  const owners =
    parsed.owners.length > 0 ? parsed.owners : labelled.length > 0 ? labelled : (opts.owners ?? []);
  const task = parsed.text.replace(/^(to|will)\s+/i, '').trim();
  if (!task || NOTHING.test(task) || !/[a-z]/i.test(task)) return null;
  const done = struck || opts.checked === true;
  return {
    owners,
    text: task,
    status: done ? 'done' : (labels.status ?? status ?? 'open'),
    section,
    source: opts.source,
    ...(labels.due ? { dueWords: labels.due } : dated ? { dueWords: dated.due } : {}),
  };
}

/** "It was agreed that FE would forward the invoice to the Clerk" + "Action FE". */
function fromOwnedSentence(sentence: string, owners: string[], section: Section, people: PeopleIndex) {
  const stripped = stripAgreedOpener(sentence).replace(/[.;,\s]+$/, '');
  const parsed = readExplicitAction(stripped, people);
  const task = parsed.owners.length > 0 ? parsed.text : stripped.replace(/^to\s+/i, '');
  return explicitCandidate(task, section, { source: 'marker', people, owners });
}

function ownerOnly(sentence: string, people: PeopleIndex): string[] | null {
  const m = OWNER_ONLY.exec(sentence);
  return m ? parseOwners(m[1] ?? '', 'explicit', people) : null;
}

/**
 * The marked actions in one paragraph or item. `previous` is the text of the block before, for an
 * "Action: FE" line that names the owner of the paragraph above it.
 */
export function markerActions(block: Block, people: PeopleIndex, previous: string | null): ActionCandidate[] {
  const out: ActionCandidate[] = [];
  // "… – Action: Clerk" names the owner of what goes before; any other marker in mid-line starts an action.
  const sentences = splitSentences(block.text).flatMap((s) =>
    trailingOwner(s, people) ? [s] : splitRunTogether(s),
  );
  let inActions = false;
  sentences.forEach((sentence, i) => {
    const before =
      i > 0 ? (sentences[i - 1] ?? null) : previous ? (splitSentences(previous).pop() ?? null) : null;
    // "** Not Done **" run in from a collapsed list: the status of the action before it.
    if (isStatusOnly(sentence)) {
      const last = out[out.length - 1];
      const status = statusIn(sentence);
      if (last && status) last.status = status;
      return;
    }
    const marked = markerForm(markerWithColon(sentence.replace(/^~~\s*/, ''), people), people);
    const lead = LEAD_MARKER.exec(marked);
    if (lead) {
      inActions = true;
      const struck = sentence.startsWith('~~') ? '~~' : '';
      const content = struck + marked.slice(lead[0].length);
      const only = lead[1] ? null : ownerOnly(`Action: ${content}`, people);
      if (only && content.split(/\s+/).length <= 4) {
        const found = before
          ? fromOwnedSentence(before, only, block.section, people)
          : titleAction(block.section, only);
        if (found) out.push(found);
        return;
      }
      const owners = lead[1] ? (parseOwners(lead[1], 'explicit', people) ?? [lead[1].trim()]) : undefined;
      const found = explicitCandidate(content, block.section, { source: 'marker', people, owners });
      if (found) out.push(found);
      return;
    }
    const only = ownerOnly(sentence, people);
    if (only && before) {
      const found = fromOwnedSentence(before, only, block.section, people);
      if (found) out.push(found);
      return;
    }
    const trailing = trailingOwner(sentence, people);
    if (trailing) {
      const found = fromOwnedSentence(trailing.task, trailing.owners, block.section, people);
      if (found) out.push(found);
      return;
    }
    if (inActions) continueActions(out, sentence, block.section, people, 'marker');
  });
  return out;
}

const HAS_MARKER = /ACTION|Action/;

/** "Write to the landowner. Action FE": the task before a marker that names only its owners. */
function trailingOwner(sentence: string, people: PeopleIndex): { task: string; owners: string[] } | null {
  // Most sentences name no marker at all: the regex scans only those that do.
  const m = sentence.length < 600 && HAS_MARKER.test(sentence) ? TRAILING_OWNER.exec(sentence) : null;
  const owners = m ? parseOwners(m[2] ?? '', 'explicit', people) : null;
  return m && owners ? { task: m[1] ?? '', owners } : null;
}

/** "Last week's AI:", "Previous action:": a marker that reports an earlier action. */
const EARLIER_MARKER =
  /^(?:last|previous|prior)\s+(?:week|meeting|month|time)['’]s\s+(?=(?:ACTIONS?|Actions?|AI|AP)\b)/i;
/** "AI, unrelated:", "Action, follow-up:": a marker with a word on how the action relates. */
const QUALIFIED_MARKER = /^(ACTIONS?|Actions?|AI|AP),\s*[a-z][a-z -]{0,20}:/;
/** "ACTION on Will - …", "Action for the Clerk: …": the owner named after the marker. */
const MARKER_ON = /^(?:ACTIONS?|Actions?)\s+(?:on|for)\s+([^:–—()-]{1,40}?)\s*(?:[:–—]|\s-)\s*/;

/**
 * A marker written another way, rewritten to the form LEAD_MARKER reads: the qualifiers go, and an
 * owner after "on"/"for" moves into brackets ("ACTION (Will): …") when it reads as an owner; otherwise
 * ("Action for the next meeting: …") the words go after the task, where they still give its date.
 */
function markerForm(sentence: string, people: PeopleIndex): string {
  const plain = sentence.replace(EARLIER_MARKER, '').replace(QUALIFIED_MARKER, '$1:');
  const on = MARKER_ON.exec(plain);
  if (!on) return plain;
  const phrase = (on[1] ?? '').trim();
  const rest = plain.slice(on[0].length);
  if (parseOwners(phrase, 'explicit', people)) return `ACTION (${phrase}): ${rest}`;
  // "Action for the next meeting: …" names when, not who: an ownerless action that keeps its date.
  return `ACTION: ${rest} (${on[0].match(/\b(?:on|for)\b/i)?.[0] ?? 'for'} ${phrase})`;
}

/** A further sentence after an action: a new action when it reads as one, else more of the last one. */
function continueActions(
  out: ActionCandidate[],
  sentence: string,
  section: Section,
  people: PeopleIndex,
  source: CandidateSource,
): void {
  const parsed = readExplicitAction(readStrikeThrough(sentence).text, people);
  const last = out[out.length - 1];
  // "AnnaK to price the racking. RobG to take on.": the action changes hands.
  if (last && parsed.owners.length > 0 && isHandover(parsed.text)) {
    last.owners = parsed.owners;
    return;
  }
  const goesOn = parsed.owners.length === 0 && CONTINUATION.test(sentence) && out.length > 0;
  const shaped = TASK_SHAPED.test(sentence) || EMBEDDED_MARKER.test(sentence);
  if (!goesOn && (parsed.owners.length > 0 || shaped)) {
    const found = explicitCandidate(sentence, section, { source, people });
    if (found) out.push(found);
    return;
  }
  if (last && sentence.length < 300) last.text = `${last.text} ${sentence}`;
}

/** Owner, due date and status given as labels in the item ("Owner: Sam. Due: 9 February"). */
function withLabels(found: ActionCandidate, labels: ActionLabels, people: PeopleIndex): ActionCandidate {
  const owners =
    found.owners.length === 0 && labels.owner
      ? (parseOwners(labels.owner, 'explicit', people) ?? [labels.owner])
      : found.owners;
  return {
    ...found,
    owners,
    ...(labels.due ? { dueWords: labels.due } : {}),
    ...(labels.status && found.status === 'open' ? { status: labels.status } : {}),
  };
}

/**
 * The actions of an action-list section ("Action items", "Actions:" then a list). An item that is only
 * a name ("* dgilmore", "@Priya:") gives the owner of the items nested under it.
 */
export function listActions(blocks: Block[], people: PeopleIndex): ActionCandidate[] {
  const out: ActionCandidate[] = [];
  let context: { indent: number; owners: string[] } | null = null;
  /** The indent of the last item that was an action with an owner, for the notes nested under it. */
  let ownedAt: number | null = null;
  let previous: string | null = null;
  blocks.forEach((block, index) => {
    const marked = markerActions(block, people, previous);
    previous = block.text;
    if (marked.length > 0) {
      out.push(...marked);
      return;
    }
    if (block.type !== 'item') {
      const parsed = readExplicitAction(block.text, people);
      if (parsed.owners.length === 0 || block.text.trim().endsWith(':')) return;
    }
    if (context && block.indent <= context.indent) context = null;
    const text = block.text.replace(/:$/, '').trim();
    const heads = block.text.trim().endsWith(':') || (blocks[index + 1]?.indent ?? -1) > block.indent;
    if (/^unassigned$/i.test(text) && heads) {
      context = { indent: block.indent, owners: [] };
      return;
    }
    const named = heads && text.split(/\s+/).length <= 4 ? parseOwners(text, 'explicit', people) : null;
    if (named && block.type === 'item') {
      context = { indent: block.indent, owners: named };
      return;
    }
    const labels = readActionLabels(block.text);
    const [first, ...rest] = splitSentences(labels.text);
    const found = first
      ? explicitCandidate(first, block.section, {
          source: 'list',
          people,
          owners: context?.owners,
          checked: block.marker?.checked,
        })
      : null;
    if (!found) return;
    if (
      ownedAt !== null &&
      block.indent > ownedAt &&
      found.owners.length === 0 &&
      STATEMENT.test(first ?? '')
    )
      return;
    ownedAt = found.owners.length > 0 ? block.indent : null;
    out.push(withLabels(found, labels, people));
    for (const sentence of rest) continueActions(out, sentence, block.section, people, 'list');
  });
  return out;
}
