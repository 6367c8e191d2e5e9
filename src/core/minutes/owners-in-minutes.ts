/**
 * Who an action belongs to, as the minutes write it: initials (FE), names (K. Kaiser, Cllr Jenkinson,
 * Sarah), roles (Clerk, Chair), organisations (WYP), IRC nicks (pbrobinson), and several at once
 * (`WYP/DMPC`, `D. Goodger and P. Campbell`). Owners are kept as written, so the channel's aliases
 * (`owner FE = @fiona`) can map them later.
 *
 * Two strictnesses: after an explicit `Action:` marker, in an action list or an owner column almost any
 * short name-like phrase is an owner; in running prose ("K. Kaiser will …") only what looks like a person
 * or an individual role is, so that "The Police, Mayor, and partners will focus on …" is not an action.
 */

export type OwnerMode = 'explicit' | 'narrative';

/** Names the document itself shows to be people: IRC nicks, surnames of "K. Kaiser", "Cllr Crisp". */
export interface PeopleIndex {
  nicks: Set<string>;
  surnames: Set<string>;
  /** Initials of the names the document writes out ("Ellen Spain" → ES), for "ES would provide …". */
  initials?: Set<string>;
}

export const emptyPeople = (): PeopleIndex => ({ nicks: new Set(), surnames: new Set() });

const INDIVIDUAL_ROLES = new Set([
  'clerk',
  'deputy clerk',
  'assistant clerk',
  'parish clerk',
  'town clerk',
  'chair',
  'chairman',
  'chairwoman',
  'chairperson',
  'vice chair',
  'vice-chair',
  'vice chairman',
  'vice-chairman',
  'deputy chair',
  'secretary',
  'hon secretary',
  'treasurer',
  'hon treasurer',
  'president',
  'vice president',
  'vice-president',
  'mayor',
  'deputy mayor',
  'rfo',
  'proper officer',
  'convenor',
  'convener',
  'coordinator',
  'co-ordinator',
  'facilitator',
  'minute taker',
  'minute-taker',
  'webmaster',
  'editor',
  'director',
  'executive director',
  'manager',
  'project manager',
  'headteacher',
  'head teacher',
  'principal',
  'administrator',
  'membership secretary',
  'councillor',
  'ceo',
  'cfo',
  'cto',
]);

const COLLECTIVE_ROLES = new Set([
  'council',
  'board',
  'committee',
  'members',
  'all',
  'everyone',
  'all members',
  'all councillors',
  'councillors',
  'team',
  'group',
  'working group',
  'sub-committee',
  'subcommittee',
  'trustees',
  'directors',
  'officers',
  'staff',
  'volunteers',
]);

/** Capitalised words that start sentences in minutes but are never someone's name. */
const NOT_NAMES = new Set(
  (
    'the this that these those it its he she they we i you our their his her him them all any each every some no none ' +
    'nothing everyone anyone someone payment payments minutes action actions item items agenda meeting report reports ' +
    'note notes please following discussion decision motion proposal budget website letter email quote quotes invoice ' +
    'plan work works signs update updates data funding grant training there also then once when if both further future ' +
    'next new need needs continue review check contact send write prepare draft agreed resolved decided noted approved ' +
    'documents document papers paper councils boards monday tuesday wednesday thursday friday saturday sunday january ' +
    'february march april may june july august september october november december in on at for with by from to as ' +
    'after before during until since while whether what which who how why where status done ongoing item total'
  ).split(' '),
);

/** Lowercase words that come before `to` in a task ("continue to monitor"): not IRC nicks. */
const VERB_BEFORE_TO = new Set(
  (
    'continue need needs try remember plan going want aim start begin ask agree agreed decide decided have has be ' +
    'is are was were also please refer write talk reply respond speak go move add return report send forward ' +
    'propose look seek wish hope expect intend offer volunteer due able unable likely need_to back up out on in'
  ).split(' '),
);

/** "Director of Estates", "Head of Finance", "Chair of Governors": an individual role of something. */
const ROLE_OF =
  /^(?:(?:deputy|assistant|associate|vice|pro)[- ])?(?:director|head|chair|chairman|chairperson|secretary|treasurer|dean|provost|manager|officer|lead|clerk|president|registrar|principal|convenor|coordinator|co-ordinator)\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w&' -]{1,40}$/i;

const HONORIFIC =
  /^(?:Cllrs?\.?|Councillors?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Prof\.?|Professor|Sir|Dame|Lady|Lord|Revd?\.?|Rev\.|Fr\.?|Father|Sister|Capt\.?|Captain|Col\.?|Maj\.?|Major|Sgt\.?|Insp\.?|Inspector|Supt\.?|Ch\.?\s?Supt\.?|PC|PCSO|DC|DS|DI|DCI|DSI|DCS|ACC|DCC|CC|Cmdr|Commander)\s+(.+)$/;
const PARTICLE = /^(von|van|de|der|den|la|le|du|da|di|del|dos|st\.?|mac|ter)$/;
const NAME_TOKEN = /^[A-Z][^\s,;:()]*$/;
const INITIAL = /^[A-Z]\.?$/;
const INITIAL_SURNAME =
  /^(?:[A-Z]\.\s?|[A-Z]\s){1,3}\s*(?:(?:von|van|de|der|den|la|le|du|da|di|del|st\.?)\s)?[A-Z][^\s,;:()]*$/;
const INITIALS = /^(?:[A-Z]{2,5}|(?:[A-Z]\.){2,5})$/;
const NICK = /^[a-z][a-z0-9_\-|^`]{1,24}$/;

const isNameWords = (tokens: string[]): boolean =>
  tokens.length > 0 &&
  tokens.length <= 4 &&
  NAME_TOKEN.test(tokens[0] ?? '') &&
  tokens.every((t) => NAME_TOKEN.test(t) || INITIAL.test(t) || PARTICLE.test(t));

export interface OwnerOptions {
  /**
   * Accept "the" and one capitalised word as a role ("the Librarian", "the Webmaster") in prose too:
   * for sentences whose verb already makes the owner clear ("… was asked to …").
   */
  titledRoles?: boolean;
}

/** "the Librarian", "the Men's Captain", "the Fixtures Secretary": one to three capitalised words after "the". */
const titledRole = (part: string): boolean => {
  const tokens = part.split(/\s+/);
  return (
    tokens.length <= 3 &&
    tokens.every((t) => /^[A-Z][a-z'’]+$/.test(t) && !NOT_NAMES.has(t.toLowerCase())) &&
    !COLLECTIVE_ROLES.has((tokens[tokens.length - 1] ?? '').toLowerCase())
  );
};

const ALL_OF_GROUP = /^all\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+s$/i;

/** One owner (no `and`, `/`): whether it is acceptable in this mode. */
function validPart(
  part: string,
  mode: OwnerMode,
  people: PeopleIndex,
  underThe: boolean,
  opts: OwnerOptions,
): boolean {
  const lower = part.toLowerCase();
  if (part.startsWith('@')) return /^@[\w.-]{1,40}$/.test(part);
  if (INDIVIDUAL_ROLES.has(lower) || ROLE_OF.test(part)) return true;
  if (COLLECTIVE_ROLES.has(lower)) return mode === 'explicit';
  // "All board members", "All trustees": everyone of a group, named so in an action line.
  if (mode === 'explicit' && ALL_OF_GROUP.test(part) && !NOT_NAMES.has(lower.split(/\s+/).pop() ?? ''))
    return true;
  if (underThe && opts.titledRoles && titledRole(part)) return true;
  if (underThe) return mode === 'explicit' && (INITIALS.test(part) || isNameWords(part.split(/\s+/)));
  const honorific = HONORIFIC.exec(part);
  if (honorific) return isNameWords((honorific[1] ?? '').split(/\s+/)) || INITIALS.test(honorific[1] ?? '');
  if (INITIAL_SURNAME.test(part) && /[a-z]/.test(part)) return true;
  if (INITIALS.test(part)) return true;
  if (NICK.test(part)) return mode === 'explicit' && (people.nicks.has(part) || !VERB_BEFORE_TO.has(part));
  const tokens = part.split(/\s+/);
  if (mode === 'explicit' && (TEAM.test(part) || membersOf(part))) return true;
  if (!isNameWords(tokens) || NOT_NAMES.has((tokens[0] ?? '').toLowerCase())) return false;
  if (tokens.some((t) => NOT_NAMES.has(t.toLowerCase()) && !PARTICLE.test(t))) return false;
  if (tokens.length === 1 && mode === 'narrative') return people.surnames.has(part);
  return true;
}

/** "QA team", "Finance committee", "Events working group": a named group, in an action line. */
const TEAM =
  /^[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}\s+(team|group|working group|committee|sub-committee|subcommittee|panel|board|staff|volunteers|trustees|officers|sig|wg)$/i;

/**
 * "CPC voting members", "All board members", "Core maintainers": the members of a named body, in an
 * action line ("AI: CPC voting members need to vote …"). A capitalised first word, at most two words
 * between, and a plural that names people.
 */
const MEMBERS_OF =
  /^(?:All\s+)?[A-Z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}\s+(?:members|maintainers|reviewers|editors|chairs|leads|owners|representatives)$/;

const membersOf = (part: string): boolean => {
  const first = part.split(/\s/)[0] ?? '';
  return MEMBERS_OF.test(part) && (first === 'All' || !NOT_NAMES.has(first.toLowerCase()));
};

const SPLIT = /\s*(?:\/|&|\+|;|,\s*(?:and\s+)?|\band\b)\s*/;

/**
 * The owners named by `phrase` (the words before `to`, `will`, `:` …), or null when the phrase is not
 * an owner. `the` is dropped ("the Clerk" → "Clerk"); a handle keeps its `@` ("@sam"), as written: the
 * import maps it to the alias or person `sam`.
 */
export function parseOwners(
  phrase: string,
  mode: OwnerMode,
  people: PeopleIndex,
  opts: OwnerOptions = {},
): string[] | null {
  const trimmed = phrase
    .trim()
    .replace(/[.,:;]+$/, '')
    .trim();
  if (!trimmed || trimmed.length > 80) return null;
  const underThe = /^the\s/i.test(trimmed);
  const body = trimmed.replace(/^the\s+/i, '');
  const parts = body
    .split(SPLIT)
    .map((p) => p.replace(/^the\s+/i, '').trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 6) return null;
  if (
    !parts.every((p) => validPart(p, mode, people, underThe && !INDIVIDUAL_ROLES.has(p.toLowerCase()), opts))
  ) {
    return null;
  }
  return parts;
}

/** The attendance lines ("Present: …", "Attendees", and the lines under them): names of people. */
export function attendanceText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (
      !/^\s*(?:#{1,6}\s*)?(?:\*\*)?(present|attendees|attendance|in attendance|also present|apologies|members present|directors present|regrets|(?:co-)?chairs?|scribes?|note[- ]?takers?|minute[- ]?takers?|facilitators?)\b/i.test(
        line,
      )
    )
      return;
    // The list runs to the first blank line after it (a long list of members included), or 60 lines.
    let seen = false;
    for (const next of lines.slice(i + 1, i + 60)) {
      if (/^\s*(\d+[.)]|#|item\b)/i.test(next) || /^\s*[=-]{3,}\s*$/.test(next)) break;
      if (!next.trim()) {
        if (seen) break;
        continue;
      }
      seen = true;
      out.push(next);
    }
    out.push(line);
  });
  return out.join('\n');
}

/**
 * "Martin: the current text is ambiguous", "* Kazuho: implementations already …": a scribe's line that
 * opens with a first name and a colon, then the remark in lower case (or "I …"), names a speaker.
 * Labels ("Date: 2020-10-21", "Decision: adopt …", "Chairs: Lars Eggert") are not remarks or not names.
 */
const SPEAKER_LINE = /^[ \t]*(?:[*-][ \t]+)?(\p{Lu}\p{Ll}{2,20}):[ \t]+(?=\p{Ll}|I\b)/gmu;

/** Words that label a line in notes ("Summary: the …") rather than name who spoke. */
const LABEL_WORDS = new Set(
  (
    'summary background context conclusion conclusions outcome purpose result results comment comments question ' +
    'answer topic issue scribe agenda location venue time discussion proposal note notes regrets consensus ' +
    'resolution recommendation observation reason rationale goal goals scope risk risks problem solution example ' +
    'owner owners due deadline priority progress description subject title summary reply response'
  ).split(' '),
);

/** Collects what the document shows to be people, to accept "Campbell will …" and "dgilmore to …". */
export function indexPeople(text: string): PeopleIndex {
  const people = emptyPeople();
  for (const m of text.matchAll(/\(([a-z][\w\-|^`]{1,24}),\s*\d{1,2}:\d{2}(?::\d{2})?\)/g))
    people.nicks.add(m[1] ?? '');
  for (const m of text.matchAll(/^[ \t]*[*-]\s+([a-z][\w\-|^`]{1,24})\s+\(\d+\)\s*$/gm))
    people.nicks.add(m[1] ?? '');
  for (const m of text.matchAll(/\b(?:started|chaired|ended) by ([a-z][\w\-|^`]{1,24})\b/g))
    people.nicks.add(m[1] ?? '');
  const named =
    /\b(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+(?:[A-Z]\.?\s+)?|[A-Z]\.\s?(?:[A-Z]\.\s?)?(?:von |van |de )?)([A-Z][a-z][^\s,;:().]*)/g;
  for (const m of text.matchAll(named)) people.surnames.add(m[1] ?? '');
  const attendance = attendanceText(text);
  for (const m of attendance.matchAll(/(?<!\p{L})(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}{2,})(?!\p{L})/gu)) {
    people.surnames.add(m[2] ?? '');
    people.surnames.add(m[1] ?? '');
  }
  // "Present: Peter, Dan, Sangwhan": first names alone, as scribes of small groups list them.
  for (const m of attendance.matchAll(/(?:^|[:,;]|\band)\s*([A-Z][a-z]{2,20})(?=\s*(?:[,;]|\band\b|$))/gm))
    people.surnames.add(m[1] ?? '');
  for (const m of text.matchAll(SPEAKER_LINE)) {
    if (!LABEL_WORDS.has((m[1] ?? '').toLowerCase())) people.surnames.add(m[1] ?? '');
  }
  for (const word of NOT_NAMES) people.surnames.delete(word.charAt(0).toUpperCase() + word.slice(1));
  people.initials = new Set(
    [...text.matchAll(/(?<![A-Za-z] ?)([A-Z])[a-z]+ ([A-Z])[a-z]+(?! ?[A-Z])/g)].map((m) => `${m[1]}${m[2]}`),
  );
  return people;
}

const PERSON_MENTION =
  /(?:\b(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][^\s,;:().]+|\b[A-Z]\.\s?(?:[A-Z]\.\s?)?[A-Z][a-z][^\s,;:().]*|\bthe (?:Clerk|Chair(?:man|woman|person)?|Secretary|Treasurer|President|Mayor)\b)/g;

/** "… delivered to Cllr Jenkinson and that he would …": the last person named before a pronoun. */
export function resolvePronoun(before: string): string | null {
  const mentions = [...before.matchAll(PERSON_MENTION)].map((m) => m[0]);
  const last = mentions[mentions.length - 1];
  return last ? last.replace(/^the\s+/, '') : null;
}
