/**
 * The command language of CONTRACT.md, from text to a Command. The parser knows words, not the world: it
 * never reads the store or the clock, so whether a number exists, a date is real or a zone is known is
 * decided by the services. Every mistake it can see ends in a UserError whose message says what was
 * wrong, quotes the user's words and shows the right form; nothing else is ever thrown.
 */
import type { Command, ListFilter, SnoozePeriod } from './command';
import { parseSettings } from './command-settings';
import { UserError } from './errors';
import { parseMeetingCalendar } from './meeting-calendar-parser';
import { parseMentions, parseOwners } from './owners';
import {
  assertWithinLimit,
  findWord,
  formatCount,
  quote,
  splitFirstWord,
  stripControlCharacters,
} from './text-limits';

/** Minutes pasted after `import` (Teams) are a document, not a command: they get a larger limit. */
export const MAX_IMPORT_LENGTH = 200_000;

/** Action numbers are positive and below this (Redis INCR would take years to reach it). */
const MAX_ACTION_NUMBER = 1e9;

export const SUBCOMMANDS = [
  'add',
  'list',
  'done',
  'note',
  'due',
  'snooze',
  'reassign',
  'drop',
  'owner',
  'meeting',
  'import',
  'matters-arising',
  'digest',
  'settings',
  'help',
] as const;

/** The right form of each subcommand, shown in its error messages. */
export const USAGE: Record<(typeof SUBCOMMANDS)[number], string> = {
  add: '`add @priya to send the KSI data by 31 July` (owners, then `to`, the task, an optional `by` date and `item 5`)',
  list: '`list`, `list overdue`, `list mine`, `list done`, `list all`, `list @priya` or `list WYP`',
  done: '`done 4` or `done #4 sent on 2 Aug`',
  note: '`note 4 waiting for the July figures`',
  due: '`due 4 next Friday` or `due 4 none`',
  snooze:
    '`snooze 4`, `snooze 4 2 weeks`, `snooze 4 3d`, `snooze 4 1 month` or `snooze 4 until next meeting`',
  reassign: '`reassign 4 @sam` or `reassign 4 @sam and WYP`',
  drop: '`drop 4` or `drop 4 no longer needed`',
  owner: '`owner WYP = @russ @oz`, `owner WYP =` (to remove it) or `owner list`',
  meeting: '`meeting Community Outcomes Meeting on 14 June 2022` or `meeting next 13 Sep 2022 14:00`',
  import: '`import` followed by the minutes, or `import` alone',
  'matters-arising': '`matters-arising` or `matters-arising docx` (a Word document for the papers)',
  digest: '`digest`',
  settings:
    '`settings timezone Europe/London`, `settings digest monday 09:00`, `settings digest off`, ' +
    '`settings reminders -2d 0 +1d`, `settings workdays mon-fri`, `settings holidays GB-ENG` or ' +
    '`settings chairs @priya`',
  help: '`help` or `help add`',
};

const SUBCOMMAND_LIST = `${SUBCOMMANDS.join(', ')}. Type \`help\` for examples.`;

/** Parses one command as typed after `/action` (Slack) or `@Arising` (Teams). */
export function parseCommand(input: string): Command {
  const cleaned = stripControlCharacters(input).trim();
  const body = cleaned.replace(/^\/?action(?=\s|$)/i, '').trim();
  const { word, rest } = splitFirstWord(body);
  const sub = word.toLowerCase();
  if (sub === 'import') {
    assertWithinLimit(cleaned, MAX_IMPORT_LENGTH);
    return { kind: 'import', text: rest === '' ? null : rest };
  }
  assertWithinLimit(cleaned);
  if (sub === '') {
    throw new UserError('bad_command', `Tell Arising what to do. The commands are ${SUBCOMMAND_LIST}`);
  }
  if (sub === 'matters') {
    const next = splitFirstWord(rest);
    if (next.word.toLowerCase() === 'arising') return parseMattersArising(next.rest);
  }
  return parseSubcommand(sub, word, rest);
}

function parseSubcommand(sub: string, word: string, rest: string): Command {
  switch (sub) {
    case 'add':
      return parseAdd(rest);
    case 'list':
      return { kind: 'list', filter: parseListFilter(rest) };
    case 'done':
      return withNumber('done', rest, (number, tail) => ({ kind: 'done', number, note: tail || null }));
    case 'note':
      return withNumber('note', rest, (number, tail) => ({
        kind: 'note',
        number,
        text: required('note', tail),
      }));
    case 'due':
      return withNumber('due', rest, (number, tail) => ({
        kind: 'due',
        number,
        dueText: parseDueText(tail),
      }));
    case 'snooze':
      return withNumber('snooze', rest, (number, tail) => ({
        kind: 'snooze',
        number,
        period: parseSnooze(tail),
      }));
    case 'reassign':
      return withNumber('reassign', rest, (number, tail) => ({
        kind: 'reassign',
        number,
        owners: reassignOwners(tail),
      }));
    case 'drop':
      return withNumber('drop', rest, (number, tail) => ({ kind: 'drop', number, reason: tail || null }));
    case 'owner':
      return parseOwnerCommand(rest);
    case 'meeting':
      return parseMeeting(rest);
    case 'matters-arising':
      return parseMattersArising(rest);
    case 'digest':
      return parseBare(sub, rest);
    case 'settings':
      return parseSettings(rest);
    case 'help':
      return { kind: 'help', topic: parseHelpTopic(rest) };
    default:
      throw unknownSubcommand(word);
  }
}

function unknownSubcommand(word: string): UserError {
  const guess = closestSubcommand(word.toLowerCase());
  const hint = guess ? ` Did you mean \`${guess}\`?` : '';
  return new UserError(
    'bad_command',
    `Arising doesn't know the command ${quote(word)}.${hint} The commands are ${SUBCOMMAND_LIST}`,
  );
}

/** The subcommand a typo most likely meant (`dnoe` is `done`), or undefined when none is close. */
function closestSubcommand(word: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of SUBCOMMANDS) {
    const distance = editDistance(name, word);
    if (distance <= (name.length >= 4 ? 2 : 1) && (best === undefined || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Levenshtein distance, for "did you mean"; the words compared are a few letters long. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `matters-arising`, or `matters-arising docx` for the Word document; nothing else after it. */
function parseMattersArising(rest: string): Command {
  const word = rest.trim().toLowerCase().replace(/^\./, '');
  if (word === 'docx' || word === 'word') return { kind: 'matters-arising-docx' };
  return parseBare('matters-arising', rest);
}

/** `matters-arising` and `digest` take no arguments; extra words are more likely a mistake than noise. */
function parseBare(kind: 'matters-arising' | 'digest', rest: string): Command {
  if (rest !== '') {
    throw new UserError(
      'bad_command',
      kind === 'matters-arising'
        ? `\`matters-arising\` takes only \`docx\` after it, but got ${quote(rest)}. Write ${USAGE[kind]}.`
        : `\`${kind}\` takes nothing after it, but got ${quote(rest)}. Write just ${USAGE[kind]}.`,
    );
  }
  return { kind };
}

/** Reads the action number that starts `rest` and hands the remaining words to `build`. */
function withNumber(
  sub: keyof typeof USAGE,
  rest: string,
  build: (number: number, tail: string) => Command,
): Command {
  const { word, rest: tail } = splitFirstWord(rest);
  if (word === '') {
    throw new UserError('bad_command', `\`${sub}\` needs an action number, like ${USAGE[sub]}.`);
  }
  return build(parseActionNumber(word, sub), tail);
}

/** `4`, `#4` (a trailing `.`, `:` or `,` is forgiven): a positive whole number below 1,000,000,000. */
export function parseActionNumber(word: string, sub: keyof typeof USAGE): number {
  const match = /^#?(\d+)[.:,]?$/.exec(word);
  const number = match?.[1] ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || number >= MAX_ACTION_NUMBER) {
    throw new UserError(
      'bad_command',
      `${quote(word)} is not an action number. Numbers are written \`4\` or \`#4\`, ` +
        `between 1 and ${formatCount(MAX_ACTION_NUMBER - 1)}: ${USAGE[sub]}.`,
    );
  }
  return number;
}

function required(sub: 'note', text: string): string {
  if (text === '')
    throw new UserError('bad_command', `\`${sub}\` needs the note after the number, like ${USAGE[sub]}.`);
  return text;
}

/** What `add` alone says where the platform has no form for a new action. */
export const ADD_NEEDS_WORDS = `\`add\` needs owners and a task. Write the owners, then \`to\`, then the task: ${USAGE.add}.`;

/** `add <owners> to <task> [by <due>] [item <n>]`; `add` alone asks for the form. */
function parseAdd(rest: string): Command {
  if (rest === '') return { kind: 'add-form' };
  const to = findWord(rest, 'to', 'first');
  if (to === null) {
    throw new UserError(
      'bad_command',
      `There is no \`to\` in ${quote(`add ${rest}`)}. Write the owners, then \`to\`, then the task: ${USAGE.add}.`,
    );
  }
  const owners = parseOwners(rest.slice(0, to.start));
  if (owners.length === 0) {
    throw new UserError(
      'bad_command',
      `${quote(`add ${rest}`)} names nobody before \`to\`. Say who will do it (people or an alias such as WYP): ${USAGE.add}.`,
    );
  }
  const task = splitTask(rest.slice(to.end).trim());
  if (task.text === '') {
    throw new UserError(
      'bad_command',
      `${quote(`add ${rest}`)} has no task after \`to\`. Say what is to be done: ${USAGE.add}.`,
    );
  }
  return { kind: 'add', owners, ...task };
}

/** A trailing agenda item: `item 5`, `item 5a`, `item #3.2`. */
const TRAILING_ITEM = /(?:^|(?<!\s)\s+)item\s+#?(\d{1,4}(?:\.\d{1,3})?[a-z]?)\s*$/i;

/**
 * Splits a task into its text, the words after the last standalone `by` and a trailing `item N` (which
 * may come before or after the `by` clause). The last `by` wins so that `send the data by email by
 * 31 July` is due 31 July; when the words after it are no date (`… provided by WYP`) the service falls
 * back to textWithDue.
 */
export function splitTask(task: string): {
  text: string;
  dueText: string | null;
  textWithDue: string;
  agendaItem: string | null;
} {
  let agendaItem: string | null = null;
  let body = task;
  const itemAtEnd = TRAILING_ITEM.exec(body);
  if (itemAtEnd?.[1]) {
    agendaItem = itemAtEnd[1];
    body = body.slice(0, itemAtEnd.index).trimEnd();
  }
  const by = findWord(body, 'by', 'last');
  const dueText = by ? body.slice(by.end).trim() : '';
  if (!by || dueText === '') return { text: body, dueText: null, textWithDue: body, agendaItem };
  let text = body.slice(0, by.start).trim();
  const itemBeforeBy = agendaItem === null ? TRAILING_ITEM.exec(text) : null;
  if (itemBeforeBy?.[1]) {
    agendaItem = itemBeforeBy[1];
    text = text.slice(0, itemBeforeBy.index).trimEnd();
  }
  const dueClause = body.slice(by.start).trim();
  return { text, dueText, textWithDue: text === '' ? dueClause : `${text} ${dueClause}`, agendaItem };
}

const LIST_FILTERS: Record<string, ListFilter> = {
  open: { kind: 'open' },
  overdue: { kind: 'overdue' },
  mine: { kind: 'mine' },
  me: { kind: 'mine' },
  done: { kind: 'done' },
  closed: { kind: 'done' },
  all: { kind: 'all' },
};

/** `list` [open|overdue|mine|done|all|<owner>]; the keywords win over an alias of the same name. */
function parseListFilter(rest: string): ListFilter {
  if (rest === '') return { kind: 'open' };
  const keyword = LIST_FILTERS[rest.toLowerCase()];
  if (keyword) return keyword;
  const owners = parseOwners(rest);
  const [owner] = owners;
  if (owner === undefined || owners.length > 1) {
    throw new UserError(
      'bad_command',
      `\`list\` takes one filter or one owner, not ${quote(rest)}. Try ${USAGE.list}.`,
    );
  }
  return { kind: 'owner', owner };
}

/** `due <n> <phrase>` or `due <n> none`; a leading `by` is forgiven (`due 4 by Friday`). */
function parseDueText(tail: string): string | null {
  const phrase = tail.replace(/^by(?=\s|$)/i, '').trim();
  if (phrase === '') {
    throw new UserError('bad_command', `\`due\` needs the new date after the number, like ${USAGE.due}.`);
  }
  return /^none$/i.test(phrase) ? null : phrase;
}

type SnoozeUnit = 'hour' | 'day' | 'week' | 'month';

/** Every way of writing each snooze unit, singular, plural and abbreviated (`m` is not one: minutes?). */
const UNIT_SPELLINGS: Record<SnoozeUnit, string> = {
  hour: 'h hr hrs hour hours',
  day: 'd day days',
  week: 'w wk wks week weeks',
  month: 'mo mth mths month months',
};
const UNITS = new Map<string, SnoozeUnit>(
  Object.entries(UNIT_SPELLINGS).flatMap(([unit, spellings]) =>
    spellings.split(' ').map((spelling): [string, SnoozeUnit] => [spelling, unit as SnoozeUnit]),
  ),
);

/** `a week`, `two days`: amounts written as words, up to twelve. */
const NUMBER_WORDS = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');

function amountOf(word: string | undefined): number | undefined {
  if (word === undefined || word === 'a' || word === 'an') return 1;
  if (/^\d+$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word);
  return index < 0 ? undefined : index + 1;
}

/** Longest snooze amount in any unit; beyond it a typo is likelier than intent. */
const MAX_SNOOZE_AMOUNT = 999;

/** `2 weeks`, `3d`, `a week`, `for 4 hours`, `1 month`, `until next meeting`; null when none is given. */
export function parseSnooze(tail: string): SnoozePeriod | null {
  if (tail === '') return null;
  const phrase = tail.toLowerCase().replace(/\s+/g, ' ').replace(/^for /, '').replace(/[.!]$/, '');
  if (/^(?:(?:until|till|til|to) )?(?:the )?next meeting$/.test(phrase)) return { unit: 'next-meeting' };
  const match = /^(?:(\d+) ?|([a-z]+) )?([a-z]+)$/.exec(phrase);
  const unit = match?.[3] ? UNITS.get(match[3]) : undefined;
  const amount = amountOf(match?.[1] ?? match?.[2]);
  if (unit === undefined || amount === undefined || amount < 1 || amount > MAX_SNOOZE_AMOUNT) {
    throw new UserError(
      'bad_command',
      `${quote(tail)} is not a snooze period. Say how long, like ${USAGE.snooze}; ` +
        'to set a date instead, use `due 4 next Friday`.',
    );
  }
  return { unit, amount };
}

/** `reassign <n> <owners>`, forgiving a leading `to` (`reassign 4 to @sam`). */
function reassignOwners(tail: string): ReturnType<typeof parseOwners> {
  const owners = parseOwners(tail.replace(/^to(?=\s|$)/i, ''));
  if (owners.length === 0) {
    const got = tail === '' ? '' : `, not ${quote(tail)}`;
    throw new UserError(
      'bad_command',
      `\`reassign\` needs the new owners after the number${got}, like ${USAGE.reassign}.`,
    );
  }
  return owners;
}

/** An alias: one token of letters, digits, `&`, `-`, `_` and `.` (`WYP`, `R&D`, `Cllr.Smith`). */
const ALIAS = /^[\p{L}\p{N}&._-]{1,64}$/u;

/** `owner <ALIAS> = <mentions…>`, `owner list` (or `owner` alone). */
function parseOwnerCommand(rest: string): Command {
  const equals = rest.indexOf('=');
  if (equals < 0) {
    if (rest === '' || /^list$/i.test(rest)) return { kind: 'owner-list' };
    throw new UserError('bad_command', `${quote(`owner ${rest}`)} has no \`=\`. Write ${USAGE.owner}.`);
  }
  const alias = rest.slice(0, equals).trim();
  if (!ALIAS.test(alias)) {
    const what =
      alias === ''
        ? 'The alias is missing before `=`'
        : `${quote(alias)} is not an alias: it must be one word of letters, digits, \`&\`, \`-\`, \`_\` or \`.\``;
    throw new UserError('bad_command', `${what}. Write ${USAGE.owner}.`);
  }
  const right = rest.slice(equals + 1);
  const userIds = parseMentions(right, `owner ${alias} =`, '`owner WYP = @russ @oz`', 'bad_command', true);
  return { kind: 'owner-set', alias, userIds };
}

/** `meeting`, `meeting next <date>`, `meeting <title> on <date>` (split at the last standalone `on`). */
function parseMeeting(rest: string): Command {
  if (rest === '') return { kind: 'meeting-show' };
  const calendar = parseMeetingCalendar(rest);
  if (calendar) return calendar;
  const first = splitFirstWord(rest);
  if (first.word.toLowerCase() === 'next') {
    const dateText = first.rest.replace(/^(?:on|is)(?=\s|$)/i, '').trim();
    if (dateText === '') {
      throw new UserError(
        'bad_command',
        `${quote(`meeting ${rest}`)} needs the date of the next meeting. Write ${USAGE.meeting}.`,
      );
    }
    return { kind: 'meeting-next', dateText };
  }
  const on = findWord(rest, 'on', 'last');
  const title = on ? rest.slice(0, on.start).trim() : '';
  const dateText = on ? rest.slice(on.end).trim() : '';
  if (title === '' || dateText === '') {
    const missing = !on || dateText === '' ? 'needs `on` and the date' : 'needs a title before `on`';
    throw new UserError('bad_command', `${quote(`meeting ${rest}`)} ${missing}. Write ${USAGE.meeting}.`);
  }
  return { kind: 'meeting-start', title, dateText };
}

/** `help add`, `help matters arising`: lower-cased, one topic; the help service decides what it knows. */
function parseHelpTopic(rest: string): string | null {
  if (rest === '') return null;
  const topic = rest.toLowerCase().replace(/\s+/g, ' ');
  return topic === 'matters arising' ? 'matters-arising' : topic;
}
