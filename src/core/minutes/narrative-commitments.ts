/**
 * Actions written as prose rather than marked: "K. Kaiser will set up the fax service", "the Clerk was
 * asked to write to Highways", "the Chair asked the Clerk to …", "It was agreed that the signs be
 * delivered to Cllr Jenkinson and that he would arrange installation". Prose is full of future tenses
 * that are not tasks ("the DMPC will also be working with …", "The Police, Mayor and partners will
 * focus on …"), so an owner here must look like a person or an individual role, and decisions and
 * resolutions are skipped.
 */
import type { ActionCandidate } from './action-candidate';
import { readOwnerFirst } from './action-sentence';
import type { Block } from './agenda-sections';
import { type PeopleIndex, parseOwners } from './owners-in-minutes';
import {
  chainedTask,
  lastPersonNamed,
  type OwnedText,
  passiveWithAgent,
  restatesEarlier,
  takesRole,
  taskActedOn,
  withoutModalAside,
} from './prose-forms';
import { splitClauses, splitSentences } from './sentences';

const DECISION_START =
  /^(?:RESOLVED|Resolved|RESOLUTION|Resolution|DECISION|Decision|DECIDED|Decided|AGREED\b|Agreed\s*:|PROPOSED|Proposed|SECONDED|Seconded|MOTION|Motion|It was (?:resolved|RESOLVED)|The (?:Council|Committee|Board|meeting) resolved)/;
const ASKED =
  /^(.{2,60}?)\s+(?:was|were|has been|have been|had been|is being)\s+(?:asked|requested|instructed|tasked|mandated|charged)\s+to\s+(.+)$/;
const ASKS = /\b(?:asked|requested|instructed|tasked|invited)\s+(.{2,50}?)\s+to\s+(.+)$/;
const SPEAKER_ASKED = /^[^:]{1,40}:\s+(?:asked|requested|invited)\b/;
const AGREED_THAT = /\b(?:agreed|decided)\s+that\s+(.+)$/;
const THAT_CLAUSE = /^(.{1,50}?)\s+(?:would|should|will|is to|are to)\s+(.+)$/;
const PRONOUN = /^(he|she)$/i;
/** "The Clerk confirmed that she would circulate the report": a commitment in reported speech. */
const SAID_WOULD =
  /^(.{2,50}?)\s+(?:said|confirmed|stated|indicated|agreed|offered|promised|undertook|advised)\s+(?:that\s+)?(?:he|she|they)\s+would\s+(.+)$/;
/** "It was agreed by Mr Smith to supply the dates": the owner after "by". */
const AGREED_BY = /\b(?:agreed|undertaken)\s+by\s+(.{2,50}?)\s+to\s+(.+)$/;
/**
 * "Yves: I'll contact you about this", "Sam: I can volunteer to look into it": a speaker in a
 * scribe's log taking a task in the first person. Only forms that commit ("I'll", "I will", "I can
 * volunteer to", "I'm going to"), not "I can see …".
 */
const SPEAKER = /^([A-Z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30}){0,2}):\s+/;
const FIRST_PERSON =
  /^I(?:['’]ll|\s+will|\s+shall|['’]m\s+going\s+to|\s+am\s+going\s+to|\s+can\s+volunteer\s+to|\s+volunteer\s+to|\s+will\s+volunteer\s+to)\s+(.+)$/;

/** A task: starts with a lowercase verb, and is either several words or one real verb ("investigate."). */
const taskOk = (task: string): boolean =>
  /^[a-z]/.test(task) &&
  !/^(be|not|have|also be|do(?!\s+(?:the|a|an|this|that|it|some)\b)|so)\b/.test(task) &&
  (task.split(/\s+/).length >= 2 || /^[a-z]{5,}[.!]?$/.test(task.trim()));

const tidyTask = (task: string): string =>
  task
    .replace(/^(also|then|now|further|in turn|again)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();

/** "It was agreed that X would …, and that he would …": each sub-clause with a clear owner. */
function agreedThat(sentence: string, people: PeopleIndex): Array<{ owners: string[]; text: string }> {
  const m = AGREED_THAT.exec(sentence);
  if (!m) return [];
  const out: Array<{ owners: string[]; text: string }> = [];
  const inner = m[1] ?? '';
  let from = sentence.length - inner.length;
  for (const part of inner.split(/,?\s+and\s+that\s+/)) {
    const at = Math.max(from, sentence.indexOf(part, from));
    from = at + part.length;
    const clause = THAT_CLAUSE.exec(part);
    const who = clause?.[1] ?? '';
    const task = clause?.[2] ?? '';
    if (!clause || !taskOk(task)) continue;
    const owners = PRONOUN.test(who)
      ? [lastPersonNamed(sentence.slice(0, at))].filter((o): o is string => o !== null)
      : parseOwners(who, 'narrative', people);
    if (owners && owners.length > 0) out.push({ owners, text: tidyTask(task) });
  }
  return out;
}

/** "would be contacting Dr Rees": in reported speech a progressive is a commitment too. */
const progressiveOk = (task: string): boolean => taskOk(task) || /^be\s+[a-z]{3,}ing\s+\S/.test(task);

/** The commitment a clause states, if it clearly states one. */
function commitmentIn(written: string, people: PeopleIndex): { owners: string[]; text: string } | null {
  const clause = withoutModalAside(written);
  const first = readOwnerFirst(clause, people);
  if (first && taskOk(first.text)) return first;
  const said = SAID_WOULD.exec(clause);
  if (said) {
    const owners = parseOwners(said[1] ?? '', 'narrative', people, { titledRoles: true });
    if (owners && progressiveOk(said[2] ?? '')) return { owners, text: tidyTask(said[2] ?? '') };
  }
  const by = AGREED_BY.exec(clause);
  const byOwners = by ? parseOwners(by[1] ?? '', 'narrative', people, { titledRoles: true }) : null;
  if (byOwners && taskOk(by?.[2] ?? '')) return { owners: byOwners, text: tidyTask(by?.[2] ?? '') };
  const asked = ASKED.exec(clause);
  if (asked) {
    const owners = parseOwners(asked[1] ?? '', 'narrative', people, { titledRoles: true });
    if (owners && taskOk(asked[2] ?? '')) return { owners, text: tidyTask(asked[2] ?? '') };
  }
  // "Mark: asked TLS WG to work on …": the speaker reports a request made before, outside the meeting.
  const asks = SPEAKER_ASKED.test(clause) ? null : ASKS.exec(clause);
  if (asks) {
    const owners = parseOwners(asks[1] ?? '', 'narrative', people, { titledRoles: true });
    if (owners && taskOk(asks[2] ?? '')) return { owners, text: tidyTask(asks[2] ?? '') };
  }
  return passiveWithAgent(clause, people);
}

/**
 * ", and @lee will …", "; the Clerk to …", "… and Chairman agreed to …", "… and she was asked to …":
 * where a report of the discussion hands a task on.
 */
const JOINED_CLAUSE = /(?:,\s+(?:and|but|so|while)\s+|;\s+|\s+and\s+)(?=(?:the\s+)?[A-Z@]|(?:he|she)\s)/g;
/** "@sam, as the person most involved, will …": an aside between the owner and the verb. */
const ASIDE =
  /^([^,]{1,40}),\s+(?:as|who|being|having|with)\b[^,]{1,80},\s+(?=(?:will|is to|agreed to|to)\s)/;

/**
 * The commitment in a clause joined to a report ("@sam has approved it, and @lee will finish the
 * review"), or one whose owner is followed by an aside. Tried only when the clause as a whole states
 * none, so "Jo, Sam, and Lee will draft it" keeps all three owners.
 */
const BARE_TO = /^(?:the\s+)?[A-Z@][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+to\s/;

function innerCommitment(
  clause: string,
  people: PeopleIndex,
  before = '',
): { owners: string[]; text: string } | null {
  const joins = [...clause.matchAll(JOINED_CLAUSE)].map((m) => ({
    start: (m.index ?? 0) + m[0].length,
    bare: /^\s+and\s+$/.test(m[0]),
  }));
  for (const { start, bare } of joins.length > 0 ? joins : [{ start: 0, bare: false }]) {
    // After a bare "and", only a clear commitment: "… and TLS to retrieve it" is a purpose, not a task.
    if (bare && BARE_TO.test(clause.slice(start))) continue;
    const part = withPersonForPronoun(clause.slice(start), `${before} ${clause.slice(0, start)}`);
    const found = commitmentIn(part.replace(ASIDE, '$1 '), people);
    if (found) return found;
  }
  return null;
}

/** "Resolution: @sam will do the release": an outcome that hands a task to one named person. */
const LABELLED_OUTCOME = /^(?:resolution|decision|outcome)\s*:\s*(.+)$/i;

/**
 * The task a labelled outcome gives someone ("Resolution: @sam will do the release"). Outcomes of the
 * body ("Resolution: the Committee will adopt the charges", "RESOLVED that …") stay out: the prose
 * reading takes only an individual (a person, a handle, a role such as the Clerk) as an owner.
 */
function assignedInOutcome(sentence: string, people: PeopleIndex): { owners: string[]; text: string } | null {
  const rest = LABELLED_OUTCOME.exec(sentence.replace(/[*_]+/g, ''))?.[1] ?? '';
  const found = rest ? readOwnerFirst(rest, people) : null;
  return found && taskOk(found.text) ? found : null;
}

/**
 * The task a speaker takes on in the first person ("Yves: I'll contact the vendor", or a later sentence
 * of the speaker's paragraph, "Eliot: the draft says … I will volunteer to write that text"), if any.
 */
function speakerTakes(
  sentence: string,
  people: PeopleIndex,
  paragraphSpeaker: string | null,
): { owners: string[]; text: string } | null {
  const named = SPEAKER.exec(sentence);
  const who = named ? (named[1] ?? '') : paragraphSpeaker;
  const m = FIRST_PERSON.exec(named ? sentence.slice(named[0].length) : sentence);
  const owners = m && who ? parseOwners(who, 'narrative', people) : null;
  return owners && taskOk(m?.[1] ?? '') ? { owners, text: tidyTask(m?.[1] ?? '') } : null;
}

/** The speaker a scribe's paragraph opens with ("Eliot: …"), or null. */
const speakerOf = (paragraph: string): string | null => SPEAKER.exec(paragraph)?.[1] ?? null;

/**
 * The tasks speakers take on in the first person in one paragraph: read even in an agenda item whose
 * actions are marked, since a scribe marks the actions the chair assigns, not always what a speaker
 * volunteers ("Sangwhan: I can volunteer to look into this").
 */
export function speakerCommitments(block: Block, people: PeopleIndex): ActionCandidate[] {
  if (block.text.length > 8000) return [];
  const out: ActionCandidate[] = [];
  const speaker = speakerOf(block.text);
  for (const sentence of splitSentences(block.text)) {
    const taken = speakerTakes(sentence, people, speaker);
    if (taken) out.push({ ...taken, status: 'open', section: block.section, source: 'narrative' });
  }
  return out;
}

/**
 * "Mr Smith reported the results. He agreed to circulate them": a sentence opening with he or she is
 * read with the last person named before it, when there is one ("Mr Smith", "the Clerk").
 */
function withPersonForPronoun(sentence: string, before: string): string {
  const m = /^(He|She|he|she)\s/.exec(sentence);
  if (!m || !before) return sentence;
  const person = lastPersonNamed(before.slice(-600));
  // "Mrs Dale … He will …" is someone else.
  const other = /^he$/i.test(m[1] ?? '') ? /^(?:Mrs|Ms|Miss)\b/ : /^Mr\b/;
  return person && !other.test(person) ? `${person} ${sentence.slice(m[0].length)}` : sentence;
}

/** The commitments stated in one paragraph of prose. */
export function narrativeActions(block: Block, people: PeopleIndex): ActionCandidate[] {
  if (block.text.length > 8000) return [];
  const out: ActionCandidate[] = [];
  let previous: string | null = null;
  let lastOwners: string[] | null = null;
  const add = (found: OwnedText) => {
    const text = taskActedOn(found.text, previous);
    if (takesRole(text) || restatesEarlier({ ...found, text }, out)) return;
    out.push({ ...found, text, status: 'open', section: block.section, source: 'narrative' });
  };
  let read = 0;
  for (const said of splitSentences(block.text)) {
    const at = block.text.indexOf(said, read);
    read = at < 0 ? read : at + said.length;
    const sentence = withPersonForPronoun(said, block.text.slice(0, Math.max(0, at)));
    const count = out.length;
    readSentence(sentence, block.text.slice(0, Math.max(0, at)), lastOwners);
    lastOwners = out.length > count ? (out[out.length - 1]?.owners ?? null) : null;
    previous = sentence;
  }
  return out;

  function readSentence(sentence: string, before: string, chainOwners: string[] | null): void {
    const chained = chainOwners ? chainedTask(sentence) : null;
    if (chainOwners && chained && taskOk(chained)) {
      add({ owners: chainOwners, text: tidyTask(chained) });
      return;
    }
    if (sentence.includes('?') || sentence.length > 600) return;
    if (DECISION_START.test(sentence)) {
      const assigned = assignedInOutcome(sentence, people);
      if (assigned) add(assigned);
      return;
    }
    if (/^["“‘']/.test(sentence)) return;
    const agreed = agreedThat(sentence, people);
    if (agreed.length > 0) {
      agreed.forEach(add);
      return;
    }
    const taken = speakerTakes(sentence, people, speakerOf(block.text));
    if (taken) {
      add(taken);
      return;
    }
    for (const clause of splitClauses(sentence)) {
      const found = commitmentIn(clause, people) ?? innerCommitment(clause, people, before.slice(-600));
      if (found) {
        splitJoined(found, people).forEach(add);
        return;
      }
    }
    bracketed(sentence, people).forEach(add);
  }
}

/** "… and NC to check with AON …": a second owner and task joined to the first. */
const JOINED_TASK =
  /\s+and\s+(?=(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+to\s+[a-z])|,\s+and\s+(?=(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+will\s+[a-z])/;

/**
 * "RL to check the lamp posts and NC to check with AON": two actions, one for each owner. The second
 * part counts only when it reads as owner-to-task itself; otherwise the task stays whole ("ask Smith
 * and Jones to reply").
 */
function splitJoined(
  found: { owners: string[]; text: string },
  people: PeopleIndex,
): Array<{ owners: string[]; text: string }> {
  const m = JOINED_TASK.exec(found.text);
  if (!m) return [found];
  const second = readOwnerFirst(found.text.slice(m.index + m[0].length), people, { titledRoles: true });
  if (!second || !taskOk(second.text)) return [found];
  return [{ owners: found.owners, text: found.text.slice(0, m.index).trim() }, second];
}

/** "funding for pubs (Clerk to highlight this to the George and Dragon)": an action in brackets. */
function bracketed(sentence: string, people: PeopleIndex): Array<{ owners: string[]; text: string }> {
  const out: Array<{ owners: string[]; text: string }> = [];
  for (const m of sentence.matchAll(/\(([^()]{8,200})\)/g)) {
    const found = readOwnerFirst(m[1] ?? '', people);
    if (found && taskOk(found.text)) out.push(found);
  }
  return out;
}
