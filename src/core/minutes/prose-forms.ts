/**
 * Further ways committee prose states (or only seems to state) a task, read by their grammar rather
 * than their words:
 * - a passive with its agent: "The boxes are to be tackled by the Clerk before the next meeting";
 * - a chain after an owner: "Clerk to contact NALC. To send copies of the letters." (the second task is
 *   the same owner's);
 * - an owner told to act on the proposal just before: "It was agreed that the areas would be included
 *   on the checklist. Clerk to action." (the task is the proposal);
 * - an aside between the modal and the verb, or a modal written twice: "ES would, as before, provide";
 * - and a trap: taking on a role ("will take on the role of Chairman", "will serve as Secretary") is an
 *   appointment, not a task.
 * Every pattern is a single left-to-right scan with no nested quantifiers (tests/unit/linear-reading).
 */
import { type PeopleIndex, parseOwners, resolvePronoun } from './owners-in-minutes';

export interface OwnedText {
  owners: string[];
  text: string;
}

/** "take on the role of Chairman", "serve as Treasurer", "continue as Secretary", "become Chair". */
const TAKES_ROLE =
  /^(?:(?:take on|take over|assume|accept|fill|step into)\s+(?:the|this|that|a|his|her|their)\s+(?:role|position|post|office|chair)\b|(?:take over|serve|act|continue|remain|stand|stay|return)\s+as\s+(?:the\s+|a\s+|an\s+)?[A-Z]|become\s+(?:the\s+)?[A-Z])/;

/** Whether a task only takes on a role (an election or appointment the minutes record). */
export const takesRole = (task: string): boolean => TAKES_ROLE.test(task.trim());

/**
 * "… would be reviewed by the Finance Committee": a body, not one of its people, so the sentence records
 * what the meeting decided to hand on rather than a task someone here took.
 */
const COLLECTIVE =
  /\b(?:committee|board|council|group|panel|team|forum|partnership|authority|department|executive|sub-?committee)s?$/i;

/** "… are to be tackled by …", "… will be drawn up by …": a passive still to happen, with its agent. */
const PASSIVE_BY =
  /\s(?:(?:is|are)\s+to|will|would|shall|should|must)\s+be\s+([a-z]{3,})(?:\s+(?:up|out|forward|over|on|off|back|down|through))?\s+by\s+/;

/**
 * The owner and task of a passive that names who will do it ("The independent examination is to be
 * arranged by the Treasurer before May"): the agent, when it is a person or an individual role, owns the
 * sentence without "by …". Past passives ("was approved by the Council") report, and stay out.
 */
export function passiveWithAgent(clause: string, people: PeopleIndex): OwnedText | null {
  const m = PASSIVE_BY.exec(clause);
  if (!m || m.index < 3 || /^it\b/i.test(clause)) return null;
  const after = clause.slice(m.index + m[0].length);
  // The agent is read up to its first comma: "by the Finance and Performance Committee, which …".
  if (COLLECTIVE.test((after.split(/[,;:.(]/)[0] ?? '').split(/\s+/).slice(0, 7).join(' '))) return null;
  const tokens = after.split(/\s+/).slice(0, 5);
  for (let n = tokens.length; n >= 1; n--) {
    const phrase = tokens.slice(0, n).join(' ');
    if (/[,;:]$/.test(tokens[n - 2] ?? '')) continue;
    const agent = phrase.replace(/[.,;:]+$/, '');
    const owners = parseOwners(agent, 'narrative', people, { titledRoles: true });
    if (!owners || !individualAgent(agent, people)) continue;
    const rest = after.slice(phrase.length).trim();
    const text = `${clause.slice(0, m.index)}${m[0].replace(/\s+by\s+$/, '')} ${rest}`.trim();
    return { owners, text };
  }
  return null;
}

/**
 * An agent that is someone of the body's own: a role ("the Treasurer"), a titled name, initials, or a
 * name the document lists. "… will be resurfaced by Highways England" reports another body's plans.
 */
function individualAgent(agent: string, people: PeopleIndex): boolean {
  if (COLLECTIVE.test(agent)) return false;
  if (/^the\s/i.test(agent) || /^(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s/.test(agent)) return true;
  if (/^[A-Z]{2,4}$/.test(agent) || /^[A-Z]\.\s?[A-Z]/.test(agent)) return true;
  return agent.split(/\s+/).every((t) => people.surnames.has(t));
}

/** "To send copies of the letters.": a task with no owner, going on from the sentence before. */
const CHAINED = /^To\s+([a-z][a-z'’-]*)(\s|$)/;

/**
 * The task of a sentence that only continues the owner of the one before ("Clerk to contact NALC. To
 * send copies of the letters."), or null. "To date, …", "To be confirmed" and "To conclude, …" are not.
 */
export function chainedTask(sentence: string): string | null {
  const m = CHAINED.exec(sentence);
  if (!m) return null;
  const verb = m[1] ?? '';
  if (/^(?:be|date|that|this|the|a|an|all|summarise|summarize|conclude|clarify|recap)$/.test(verb))
    return null;
  if (/^[^,]{0,25},/.test(sentence)) return null;
  return sentence.slice(3).trim();
}

/** "Clerk to action.", "NC to action this": a task that is only "act on what was just said". */
export const ACT_ON_IT = /^action(?:\s+(?:this|it|that|these))?[.!]?$/i;
/** A proposal in the passive with no one named: "… would be included on the checklist". */
const PASSIVE_PROPOSAL = /\b(?:would|should|will|shall|must|to)\s+be\s+[a-z]{3,}(?:ed|en|t)\b/;
/** How the proposal was put, which is not part of the task. */
const PROPOSAL_OPENER =
  /^(?:it\s+was\s+(?:agreed|decided|suggested|proposed|resolved|felt)\s+that\s+|[^,.;]{1,60}?\s(?:advised|suggested|proposed|recommended|reported|said|noted|felt)\s+that\s+)/i;

/**
 * The task an "OWNER to action" sentence gives, read from the proposal in the sentence before it
 * ("It was agreed that the areas would be included on the checklist. Clerk to action."), or the task as
 * written when the sentence before proposes nothing.
 */
export function taskActedOn(task: string, before: string | null): string {
  if (!before || !ACT_ON_IT.test(task.trim()) || !PASSIVE_PROPOSAL.test(before)) return task;
  const proposal = before.replace(PROPOSAL_OPENER, '').trim();
  return proposal.length > 0 ? proposal : task;
}

/** "would, as for the last concert, would provide": an aside after the modal, the modal written twice. */
const MODAL_ASIDE =
  /\b(will|would|shall|should)\s*,\s+[^,]{1,60},\s+(?:(?:will|would|shall|should)\s+)?(?=[a-z])/;

/** The clause with an aside after its modal removed, so the owner and verb meet again. */
export const withoutModalAside = (clause: string): string => clause.replace(MODAL_ASIDE, '$1 ');

/** Whether a one-word task restates one the same owners already have in the paragraph ("Clerk to investigate."). */
export function restatesEarlier(found: OwnedText, earlier: OwnedText[]): boolean {
  const word = found.text.trim().replace(/[.!]$/, '').toLowerCase();
  if (!/^[a-z]+$/.test(word)) return false;
  const key = found.owners.join('/').toLowerCase();
  return earlier.some(
    (e) =>
      e.owners.join('/').toLowerCase() === key &&
      e.text.toLowerCase().startsWith(`${word} `) &&
      e.text.split(/\s+/).length > 1,
  );
}

/** Words that end the name of a body or place, not a person ("Parish Council", "Village Hall"). */
const NOT_A_PERSON =
  /^(?:council|committee|board|hall|church|school|association|society|club|group|trust|bank|agency|office|company|news|road|lane|street|centre|center|team|party|fund|court|house|farm)$/i;
/**
 * "Grace Mensah reported", "Tom Ellery had written": a plain name opening a sentence or clause, as its
 * subject (followed by a lowercase verb).
 */
const SPEAKING_NAME = /(?:^\s*|[.;:]\s+)([A-Z][a-z'’-]+ [A-Z][a-z'’-]+)\s+(?=[a-z])/g;

/**
 * The person a "he" or "she" stands for: the last one named before it, either as minutes name people
 * ("Mr Smith", "K. Kaiser", "the Clerk") or as a plain name speaking ("Grace Mensah reported …").
 */
export function lastPersonNamed(before: string): string | null {
  const titled = resolvePronoun(before);
  let plain: { name: string; at: number } | null = null;
  for (const m of before.matchAll(SPEAKING_NAME)) {
    const name = m[1] ?? '';
    const last = name.split(' ')[1] ?? '';
    if (!NOT_A_PERSON.test(last)) plain = { name, at: m.index ?? 0 };
  }
  if (!plain) return titled;
  if (!titled) return plain.name;
  return before.lastIndexOf(titled) > plain.at ? titled : plain.name;
}
