/**
 * How running action logs (a makerspace's, a club committee's, pasted from a wiki) write actions when
 * bullets and line breaks have collapsed into one line:
 * - a marker in mid-line starts a new action: "PatL reports the kiln is cracked Action: order a new shelf
 *   for it", "… ** Not Done ** * ACTION: RobG to email the landlord";
 * - a lone asterisk between words is a collapsed bullet: "ACTION: RobG to call the insurer * The quote was …";
 * - a fragment that is only a status ("** Not Done **") belongs to no action;
 * - "X to take on" after an action hands it to X rather than starting a new one;
 * - "Action AnnaK to book the van": a marker written without its colon;
 * - "PatL ask the council about parking": in a list of earlier actions, an owner tag and a verb in its
 *   bare form (not "PatL reports …", "PatL has …") is that owner's task.
 * All are single scans with no nested quantifiers (tests/unit/linear-reading).
 */
import { type PeopleIndex, parseOwners } from './owners-in-minutes';

/** Where a sentence should be cut: before a mid-line `Action:` marker, or at a lone `*` bullet. */
const INLINE_BREAK = /\s+(?=(?:ACTIONS?|Actions?)\s*:\s)|\s+\*\s+(?=\S)/g;

/** The pieces of one written sentence that a collapsed list ran together, in order. */
export function splitRunTogether(sentence: string): string[] {
  if (!/\*|ACTION|Action/.test(sentence)) return [sentence];
  const out: string[] = [];
  let from = 0;
  for (const m of sentence.matchAll(INLINE_BREAK)) {
    const at = m.index ?? 0;
    if (at === 0) continue;
    out.push(sentence.slice(from, at).trim());
    from = at + m[0].length;
  }
  out.push(sentence.slice(from).trim());
  return out.filter((p) => p.length > 0);
}

const STATUS_ONLY =
  /^[\s*_~\\.]*(?:not\s+done|done|ongoing|in\s+progress|completed?|carried\s+forward|open|closed|pending)?[\s*_~\\.]*$/i;

/** Whether a piece holds nothing but a status and emphasis ("** Not Done **", "*"). */
export const isStatusOnly = (piece: string): boolean => STATUS_ONLY.test(piece);

/** "take on", "take over", "take it on solo": a handover of the action before. */
const HANDOVER = /^take\s+(?:it\s+|this\s+)?(?:on|over)(?:\s+solo)?[\s.*_]*$/i;

/** Whether a task only takes over the action before it. */
export const isHandover = (task: string): boolean =>
  HANDOVER.test(task.replace(/\*+[^*]*\*+\s*$/, '').trim());

/** "Action AnnaK to book …": the marker with its colon left out, when a clear owner follows. */
const MARKER_NO_COLON = /^(ACTIONS?|Actions?)\s+([A-Z@][\w.@'-]{0,30})\s+to\s+(?=[a-z])/;

/** The sentence with a colon put after a marker that lacks one ("Action AnnaK to …" → "Action: AnnaK to …"). */
export function markerWithColon(sentence: string, people: PeopleIndex): string {
  const m = MARKER_NO_COLON.exec(sentence);
  if (!m || !parseOwners(m[2] ?? '', 'explicit', people)) return sentence;
  return `${m[1]}: ${sentence.slice((m[1] ?? '').length).trim()}`;
}

/** Lowercase words that follow a name but are not verbs of a task. */
const NOT_BARE_VERBS = new Set(
  'and or of the a an to in on at for with from by as is was has had have are were will would should can could may might must not also then said'.split(
    ' ',
  ),
);

/**
 * "PatL ask the council about …": a one-word owner tag and a verb in its bare form. A verb
 * ending in -s (not -ss), -ed or -ing reports ("PatL reports …", "JB circulated …"), and is no task.
 */
export function ownerThenBareVerb(
  clause: string,
  people: PeopleIndex,
): { owners: string[]; text: string } | null {
  const m = /^([A-Z@][\w.@'-]{1,30})\s+([a-z]{2,})\s+(\S.*)$/.exec(clause.trim());
  if (!m) return null;
  const verb = m[2] ?? '';
  if (NOT_BARE_VERBS.has(verb) || /(?:[^s]s|ed|ing)$/.test(verb)) return null;
  const owners = parseOwners(m[1] ?? '', 'explicit', people);
  if (!owners || !/[A-Z].*[A-Z]|[a-z].*[A-Z]/.test(m[1] ?? '')) return null;
  return { owners, text: `${verb} ${m[3] ?? ''}`.trim() };
}
