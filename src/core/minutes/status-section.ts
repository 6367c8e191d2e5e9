/**
 * A "matters arising" or "status of past action items" section: each item reports an action of an
 * earlier meeting and what became of it ("D. Goodger will update the assets file … Status: in
 * progress", "Clerk to chase Highways – done", a struck-through item). The first sentence that names an
 * owner and a task is the action; the status is the "Status:" label, else a status word after it.
 */
import type { ActionCandidate } from './action-candidate';
import { ownerThenBareVerb } from './action-log-forms';
import { readExplicitAction, readOwnerFirst } from './action-sentence';
import type { Block } from './agenda-sections';
import type { MinutesActionStatus } from './extracted-minutes';
import type { PeopleIndex } from './owners-in-minutes';
import { takesRole } from './prose-forms';
import { splitClauses, splitSentences } from './sentences';
import { labelledStatus, readStrikeThrough, splitTrailingStatus, statusIn } from './status-words';

/** The earlier action one item of a status section reports, or null when it names none. */
export function statusAction(block: Block, people: PeopleIndex): ActionCandidate | null {
  const { text, struck } = readStrikeThrough(block.text);
  const sentences = splitSentences(text);
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i] ?? '';
    const clauses = i === 0 && ownerColon(block, sentence, people) ? [sentence] : splitClauses(sentence);
    for (const clause of clauses) {
      const { text: bare, status: trailing } = splitTrailingStatus(clause);
      const owned =
        readOwnerFirst(bare, people) ??
        explicitTo(bare, people) ??
        ownerColon(block, bare, people) ??
        (i === 0 && block.type === 'item' ? ownerThenBareVerb(bare, people) : null);
      // "Mr Robson will take on the role of Chairman": an appointment reported, not an action.
      if (!owned || takesRole(owned.text)) continue;
      const after = sentences.slice(i + 1).join(' ');
      const status: MinutesActionStatus =
        (struck ? 'done' : null) ??
        labelledStatus(text) ??
        trailing ??
        statusIn(after) ??
        statusIn(sentence.slice(0, Math.max(0, sentence.indexOf(bare)))) ??
        (block.marker?.checked ? 'done' : null) ??
        'open';
      return { owners: owned.owners, text: owned.text, status, section: block.section, source: 'status' };
    }
  }
  return ownerlessItem(block, text, struck);
}

/** A list item of a status section with no owner ("Newsletter to go out in August – not yet done"). */
function ownerlessItem(block: Block, text: string, struck: boolean): ActionCandidate | null {
  if (block.type !== 'item') return null;
  const first = splitSentences(text)[0] ?? '';
  const { text: bare, status: trailing } = splitTrailingStatus(first);
  if (!/^\S.{0,80}?\s(to|will|should)\s+(be\s+)?[a-z]+/.test(bare)) return null;
  const status = (struck ? 'done' : null) ?? labelledStatus(text) ?? trailing ?? 'open';
  return { owners: [], text: bare, status, section: block.section, source: 'status' };
}

/** "* Ross: review the graduation process": a list item that starts with its owner and a colon. */
function ownerColon(block: Block, clause: string, people: PeopleIndex) {
  if (block.type !== 'item' || !/^[A-Z@][\w.@' -]{0,30}:\s/.test(clause)) return null;
  const found = readExplicitAction(clause, people);
  return found.owners.length > 0 ? found : null;
}

/** "Clerk to chase Highways": the owner-to form, which in a status list is always an action. */
function explicitTo(clause: string, people: PeopleIndex) {
  const found = readExplicitAction(clause, people);
  const ownerTo = /^(?:the\s+)?[A-Z@][^ ]*(?: [A-Z][^ ]*| and| &| ?\/ ?){0,4} to [a-z]/;
  return found.owners.length > 0 && ownerTo.test(clause) ? found : null;
}
