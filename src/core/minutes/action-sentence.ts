/**
 * Reads one sentence that states an action and splits it into owners and task: "Clerk to email
 * Highways", "@priya: send the slides", "dgilmore will make a choice", "Book the hall (JB)". The task
 * is returned without its owner and without the leading `to`, as CONTRACT.md wants it.
 */
import { type OwnerMode, type OwnerOptions, type PeopleIndex, parseOwners } from './owners-in-minutes';

export interface OwnedTask {
  owners: string[];
  text: string;
}

/** Openers such as "It was agreed that" that are not part of the task. */
const AGREED_OPENER =
  /^(?:it was\s+)?(?:agreed|decided|noted|requested|suggested)(?:\s+that)?\s+(?:to\s+)?|^(?:the\s+)?(?:council|committee|board|meeting|members|group)\s+(?:agreed|decided)(?:\s+that)?\s+(?:to\s+)?/i;

/** "It was agreed that the Clerk would …" → "the Clerk would …": the task without how it was decided. */
export const stripAgreedOpener = (sentence: string): string => sentence.replace(AGREED_OPENER, '');

/** Words after `to` that show the sentence is not "owner to do something". */
const NOT_A_TASK_VERB =
  /^(the|a|an|this|that|these|those|his|her|their|its|our|all|any|be|been|date|him|them|us|me|it|whom|which|what|who)\b/i;
const LINK_VERBS = [
  'to',
  'will',
  'shall',
  'should',
  'would',
  'agreed to',
  'is to',
  'are to',
  'needs to',
  'need to',
  'must',
  'undertook to',
  'offered to',
  'volunteered to',
  'has agreed to',
  'have agreed to',
  'is going to',
  'are going to',
];

/**
 * "someone needs to …", "we should …": no one in particular. In a marked action the task stands with no
 * owner; in prose it is no commitment at all.
 */
const NO_ONE = /^(?:someone|somebody|anyone|anybody|everyone|everybody|we|us|all of us|tbd|tba|tbc)$/i;

const tidy = (text: string): string =>
  text
    .replace(/^[\s:–—-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A task starts with a verb-like lowercase word and is not `to be …` (passive: nobody named). */
function taskOk(task: string): boolean {
  const first = task.trim().split(/\s+/)[0] ?? '';
  return /^[a-z]/.test(first) && !NOT_A_TASK_VERB.test(first);
}

/**
 * In prose, "would" binds a task only to a named person ("Mr Lionel Halls would contact Head Office"):
 * "The Council would benefit from …" and "Sam would like …" state no task.
 */
const NAMED_PERSON =
  /^(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){1,2})$/;
const HEDGE =
  /^(?:like|love|prefer|rather|welcome|appreciate|need|be|have|not|also\s+be|say|suggest|argue|expect|hope|think|agree|support|mean|seem|probably|possibly|perhaps|only|never)\b/i;

/** "OWNER to TASK", "OWNER will TASK", with the owner as the shortest valid phrase before the verb. */
function ownerThenVerb(
  sentence: string,
  mode: OwnerMode,
  people: PeopleIndex,
  opts: OwnerOptions = {},
): OwnedTask | null {
  const verbs = mode === 'explicit' ? LINK_VERBS : LINK_VERBS.filter((v) => v !== 'should');
  const re = new RegExp(`\\s(${verbs.map((v) => v.replace(/ /g, '\\s+')).join('|')})\\s+`, 'gi');
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    if (m.index > 70) break;
    const who = sentence.slice(0, m.index).trim();
    if (NO_ONE.test(who)) {
      const task = tidy(sentence.slice(m.index + m[0].length));
      if (mode !== 'explicit' || !taskOk(task)) return null;
      // "We should invite them" is the meeting's own resolve: kept whole, as the minutes put it.
      return { owners: [], text: /^(?:we|us|all of us)$/i.test(who) ? tidy(sentence) : task };
    }
    // "Mark: need to talk about …": a speaker's label, not the subject of the verb.
    if (mode === 'narrative' && who.endsWith(':')) continue;
    const led = mode === 'explicit' ? afterLeadIn(who, people) : null;
    const bracketed = /^\[([^\]]{1,40})\]$/.exec(who)?.[1];
    if (bracketed && !STATUS_TAG.test(bracketed)) {
      const inside = parseOwners(bracketed, mode, people, opts);
      if (!inside) continue;
      const task = sentence.slice(m.index + m[0].length);
      return taskOk(task) ? { owners: inside, text: tidy(task) } : null;
    }
    const owners = led?.owners ?? parseOwners(sentence.slice(0, m.index), mode, people, opts);
    if (!owners) continue;
    let task = sentence.slice(m.index + m[0].length);
    const named = NAMED_PERSON.test(who) || people.initials?.has(who) === true;
    if (mode === 'narrative' && /^would$/i.test(m[1] ?? '') && !(named && !HEDGE.test(task))) return null;
    if (/^will$/i.test(m[1] ?? '') && /^(also\s+|then\s+|now\s+)?(be|have been|not)\b/i.test(task))
      return null;
    task = task.replace(/^(also|then|now|further|again)\s+/i, '');
    if (!taskOk(task)) return null;
    return { owners, text: led ? `${tidy(task)} (${led.leadIn})` : tidy(task) };
  }
  return null;
}

/**
 * "Wait a few days, Manil to let us know …": an owner after a lead-in clause that says when or on what
 * condition. The lead-in is kept after the task; read only in a marked action, where an owner is due.
 */
function afterLeadIn(who: string, people: PeopleIndex): { owners: string[]; leadIn: string } | null {
  const comma = who.lastIndexOf(', ');
  if (comma < 3) return null;
  const leadIn = who.slice(0, comma).trim();
  const owners = parseOwners(who.slice(comma + 2), 'explicit', people);
  if (!owners || parseOwners(leadIn, 'explicit', people) || !/^[A-Z][a-z]/.test(leadIn)) return null;
  return { owners, leadIn };
}

/** "@priya: send the slides", "Clerk – write to the landowner", "AB: chase the invoice". */
function ownerThenColon(sentence: string, people: PeopleIndex): OwnedTask | null {
  const m = /^([^:–—]{1,60}?)\s*(?::|\s[–—-])\s+(.+)$/.exec(sentence);
  if (!m) return null;
  const owners = parseOwners(m[1] ?? '', 'explicit', people);
  const task = m[2] ?? '';
  if (!owners || !/^[a-z@]/i.test(task)) return null;
  const inner = ownerThenVerb(task, 'explicit', people);
  if (inner) return { owners: [...owners, ...inner.owners], text: inner.text };
  return { owners, text: tidy(task.replace(/^(to|will)\s+/i, '')) };
}

/**
 * "@sam and @lee review the PR": mentions at the start, with or without a verb after them; the
 * mentions of a pasted Slack or Teams message are handles by now (platform-mentions.ts).
 */
function mentionsFirst(sentence: string): OwnedTask | null {
  const m = /^((?:@[\w.-]+(?:\s*(?:,|&|\/|\band\b)\s*|\s+(?=@))?)+)\s*[:–—-]?\s*(?:to\s+|will\s+)?(.+)$/.exec(
    sentence,
  );
  // "@sam / DMPC to …": a name joins the handles, so the owner phrase is read as a whole elsewhere.
  if (!m || /(?:,|&|\/|\band)\s*$/.test(m[1] ?? '')) return null;
  const owners = (m[1] ?? '').match(/@[\w.-]+/g)?.map((o) => o.replace(/\.$/, '')) ?? [];
  return owners.length > 0 ? { owners, text: tidy(m[2] ?? '') } : null;
}

/** "Book the hall (JB)", "Chase the invoice – AB", "Send the agenda [Clerk]". */
function ownerAtEnd(sentence: string, people: PeopleIndex): OwnedTask | null {
  const m = /^(.{3,}?)\s*(?:\(([^()]{1,40})\)|\[([^[\]]{1,40})\]|\s(?:--|[–—-])\s*([^–—-]{1,40}?))\.?$/.exec(
    sentence,
  );
  if (!m) return null;
  const phrase = (m[2] ?? m[3] ?? m[4] ?? '').replace(/^(action(?:\s+by)?|owner|by|lead)\s*:?\s*/i, '');
  const owners = parseOwners(phrase, 'explicit', people);
  if (!owners || owners.some((o) => /^\d/.test(o))) return null;
  return { owners, text: tidy(m[1] ?? '') };
}

/** "[NEW] ACTION: …", "[x] …": tags and checkboxes in brackets, not owners. */
const STATUS_TAG = /^(?:NEW|DONE|PENDING|CONTINUES|DROPPED|WIP|TODO|TBD|IN PROGRESS|x|X|\s)$/;

/** "[Olu] migration guide for the remaining languages": an owner in brackets before the task. */
function bracketFirst(sentence: string, people: PeopleIndex): OwnedTask | null {
  const m = /^\[([^\]]{1,40})\]\s*[:–—-]?\s+(\S.*)$/.exec(sentence);
  if (!m || STATUS_TAG.test(m[1] ?? '')) return null;
  const owners = parseOwners(m[1] ?? '', 'explicit', people);
  if (!owners) return null;
  return { owners, text: tidy((m[2] ?? '').replace(/^(to|will)\s+/i, '')) };
}

/** Whether the document shows a name to be someone's: a known name in it, a nick or a handle. */
const known = (owner: string, people: PeopleIndex): boolean =>
  owner.startsWith('@') || people.nicks.has(owner) || owner.split(/\s+/).some((t) => people.surnames.has(t));

/**
 * "Set Crowdin to read-only (Mateo)": an imperative that reads as "Owner to …" when its first words
 * are capitalised. The owner in brackets at the end wins when it is someone the document knows and the
 * words before "to" are not.
 */
function preferOwnerAtEnd(first: OwnedTask | null, sentence: string, people: PeopleIndex): OwnedTask | null {
  if (!first || first.owners.some((o) => known(o, people))) return first;
  const end = ownerAtEnd(sentence, people);
  return end?.owners.every((o) => known(o, people)) ? end : first;
}

/**
 * Owners and task of a sentence that is known to be an action (after `Action:`, in an action list, a
 * table cell). When no owner can be read the whole sentence is the task and `owners` is empty.
 */
export function readExplicitAction(sentence: string, people: PeopleIndex): OwnedTask {
  const s = tidy(sentence);
  return (
    mentionsFirst(s) ??
    bracketFirst(s, people) ??
    preferOwnerAtEnd(ownerThenVerb(s, 'explicit', people), s, people) ??
    ownerThenColon(s, people) ??
    ownerAtEnd(s, people) ?? { owners: [], text: s.replace(/^to\s+/i, '') }
  );
}

/** "K. Kaiser will set up …", "Clerk to write …" in running prose: only when the owner is clear. */
export function readOwnerFirst(
  clause: string,
  people: PeopleIndex,
  opts: OwnerOptions = {},
): OwnedTask | null {
  return ownerThenVerb(tidy(clause), 'narrative', people, opts);
}
