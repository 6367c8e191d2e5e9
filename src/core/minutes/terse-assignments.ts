/**
 * Short forms in which meeting notes hand someone a task without an `Action:` marker, read in every
 * agenda item (also beside marked actions, where a scribe marks what the chair assigns but not always
 * what was handed out in passing):
 * - the headline form, alone in its sentence: "Hasan to send a proposal to the list.", "Mark: Hasan to
 *   write a proposal" (a speaker's label before it);
 * - a note to someone: "Note here for Alex to write more feedback.", "Reminder for the Clerk to …";
 * - taking the item just discussed: "Sticking with new channels (public + private). Mara owns the
 *   action item.";
 * - a handle in the middle of a report: "MILA is very interested @jzf2101 and Felix-Antoine will
 *   follow up since I think …";
 * - work someone has outstanding: "Priya has some tidying-up (old branches, …) to do";
 * - a list item with its owner after a double dash: "- port the test harness -- Omar".
 * Each owner must be someone the document shows to be a person (or a handle), so a topic list with
 * presenters' roles, or "The board has much to do", stays out.
 */
import type { ActionCandidate } from './action-candidate';
import { readOwnerFirst } from './action-sentence';
import type { Block } from './agenda-sections';
import { type PeopleIndex, parseOwners } from './owners-in-minutes';
import { ACT_ON_IT } from './prose-forms';
import { splitSentences } from './sentences';

type Owned = { owners: string[]; text: string };

const SPEAKER_LABEL = /^[A-Z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30}){0,2}:\s+/;
/** "Hasan to send …": an owner of at most a few words, then `to` and a lowercase word. */
const HEADLINE = /^(?:the\s+)?[A-Z@][^\s,;:]*(?:\s+(?:[A-Z@&/][^\s,;:]*|and)){0,6}\s+to\s+[a-z]/;
const NOTE_FOR =
  /^(?:note|reminder|request)\b[\w ]{0,20}?\bfor\s+((?:the\s+)?[A-Z@][^\s,;:]*(?:\s+[A-Z][^\s,;:]*){0,2})\s+to\s+([a-z].*)$/i;
const OWNS_ACTION =
  /^((?:the\s+)?[A-Z@][^\s,;:]*(?:\s+[A-Z][^\s,;:]*){0,2})\s+(?:owns|will own|takes|will take|has taken|took)\s+(?:the|this|that)\s+action(?:\s+items?)?\s*\.?$/;
const HANDLE_WILL =
  /(?:^|\s)(@[\w.-]+(?:\s*(?:,|&|\band\b)\s*(?:@[\w.-]+|[A-Z][\w'’-]+)){0,4})\s+(?:will|is going to|are going to|agreed to|offered to)\s+([a-z].*)$/;
const HAS_TO_DO =
  /^((?:the\s+)?[A-Z@][^\s,;:]*(?:\s+[A-Z][^\s,;:]*){0,2})\s+(?:has|have)\s+(?:(?:some|a|an|a few|more|several|a bit of)\s+)?(.{2,160}?)\s+(?:left\s+)?to\s+do\s*\.?$/;
const DASH_OWNER = /^(.{3,}?)\s+(?:--|—)\s*([^–—-][^–—]{0,39}?)\s*$/;
/** "… since I think they may …": the reason given for a task is not part of it. */
const REASON = /\s+(?:since|because|as)\s+(?:I|we|he|she|they|it)\b.*$/;
const NOT_A_TASK = /^(?:be|been|not|have|also be|the|a|an)\b/;

/** A task of its own: not "be …", and not "action this", which only points at the sentence before (prose-forms). */
const taskOk = (task: string): boolean =>
  /^[a-z]/.test(task) && !NOT_A_TASK.test(task) && !ACT_ON_IT.test(task.trim());

/** Owners the document shows to be people: a handle, or a name it knows (any case: "roberto"). */
function knownOwners(phrase: string, people: PeopleIndex): string[] | null {
  const owners = parseOwners(phrase, 'explicit', people);
  if (!owners) return null;
  const known = (o: string): boolean => {
    if (o.startsWith('@')) return true;
    const capital = o.charAt(0).toUpperCase() + o.slice(1);
    return (
      people.surnames.has(capital) || people.nicks.has(o) || parseOwners(o, 'narrative', people) !== null
    );
  };
  return owners.every(known) ? owners : null;
}

/** A handle starts the owners: its companions need not be known people ("@jzf2101 and Felix-Antoine"). */
function handleOwners(phrase: string, people: PeopleIndex): string[] | null {
  return phrase.startsWith('@') ? parseOwners(phrase, 'explicit', people) : null;
}

function headline(sentence: string, people: PeopleIndex): Owned | null {
  const plain = sentence.replace(SPEAKER_LABEL, '');
  if (!HEADLINE.test(plain)) return null;
  const found = readOwnerFirst(plain, people);
  return found && taskOk(found.text) && plain.includes(`${found.text.slice(0, 12)}`) ? found : null;
}

function noteFor(sentence: string, people: PeopleIndex): Owned | null {
  const m = NOTE_FOR.exec(sentence.replace(SPEAKER_LABEL, ''));
  const owners = m ? namedOwners(m[1] ?? '', people) : null;
  return owners && taskOk(m?.[2] ?? '') ? { owners, text: (m?.[2] ?? '').trim() } : null;
}

function ownsAction(sentence: string, before: string | undefined, people: PeopleIndex): Owned | null {
  const m = OWNS_ACTION.exec(sentence);
  const owners = m && before ? namedOwners(m[1] ?? '', people) : null;
  const task = (before ?? '').replace(SPEAKER_LABEL, '').trim();
  return owners && task.length > 3 && !task.endsWith('?') ? { owners, text: task } : null;
}

function handleWill(sentence: string, people: PeopleIndex): Owned | null {
  const m = HANDLE_WILL.exec(sentence);
  if (!m || m.index === 0) return null;
  const owners = handleOwners(m[1] ?? '', people);
  const task = (m[2] ?? '').replace(REASON, '').trim();
  return owners && taskOk(task) ? { owners, text: task } : null;
}

/** Bodies, not people: "The board has a lot to do" states no one's task. */
const BODY =
  /^(?:the\s+)?(?:council|board|committee|team|group|members|everyone|all|staff|trustees|directors|officers|volunteers|we|they)$/i;

/**
 * Owners where the form itself says a person is meant ("Note for Alex to …", "Priya has some
 * wrap-up to do"): a known person, or a first name alone that is no body of people.
 */
function namedOwners(who: string, people: PeopleIndex): string[] | null {
  const known = knownOwners(who, people);
  if (known) return known;
  return /^[A-Z][\w'’-]+$/.test(who) && !BODY.test(who) ? parseOwners(who, 'explicit', people) : null;
}

function hasToDo(sentence: string, people: PeopleIndex): Owned | null {
  const m = HAS_TO_DO.exec(sentence);
  const who = m?.[1] ?? '';
  const owners = m ? namedOwners(who, people) : null;
  return owners ? { owners, text: (m?.[2] ?? '').trim() } : null;
}

function dashOwner(block: Block, people: PeopleIndex): Owned | null {
  if (block.type !== 'item' || block.text.length > 300) return null;
  const m = DASH_OWNER.exec(block.text.trim());
  const owners = m ? knownOwners(m[2] ?? '', people) : null;
  return owners ? { owners, text: (m?.[1] ?? '').trim() } : null;
}

/** The tasks one paragraph or list item hands out in these short forms. */
export function terseAssignments(block: Block, people: PeopleIndex): ActionCandidate[] {
  if (block.type === 'table' || block.text.length > 8000) return [];
  const out: Owned[] = [];
  const dashed = dashOwner(block, people);
  if (dashed) out.push(dashed);
  const sentences = dashed ? [] : splitSentences(block.text);
  sentences.forEach((sentence, i) => {
    if (sentence.includes('?') || sentence.length > 600) return;
    const found =
      headline(sentence, people) ??
      noteFor(sentence, people) ??
      ownsAction(sentence, sentences[i - 1], people) ??
      handleWill(sentence, people) ??
      hasToDo(sentence, people);
    if (found) out.push(found);
  });
  return out.map((o) => ({ ...o, status: 'open', section: block.section, source: 'narrative' }));
}

/** "… to KM, who will take the budget to the finance group": the name before ", who will" takes a task too. */
const RELATIVE_WILL =
  /^(.*\S)\s+(?:to|with|from)\s+((?:the\s+)?[A-Z@][^\s,;:]*(?:\s+[A-Z][^\s,;:]*){0,2}),\s+who\s+(?:will|is to|agreed to)\s+([a-z].*)$/;

/**
 * A marked action that hands a second task on in a relative clause ("AB/CD to send the figures to KM,
 * who will take them to the finance group"): two actions, the first without the clause.
 */
export function splitRelative(candidate: ActionCandidate, people: PeopleIndex): ActionCandidate[] {
  const m = candidate.text.length < 600 ? RELATIVE_WILL.exec(candidate.text) : null;
  const owners = m ? parseOwners(m[2] ?? '', 'explicit', people) : null;
  const task = (m?.[3] ?? '').trim();
  if (!m || !owners || !taskOk(task)) return [candidate];
  const first = candidate.text
    .slice(0, candidate.text.length - task.length)
    .replace(/,\s+who\s+\S+(?:\s+to)?\s*$/, '');
  return [
    { ...candidate, text: first.trim() },
    { ...candidate, owners, text: task, status: 'open' },
  ];
}
