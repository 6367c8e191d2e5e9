/**
 * Owners as users write them, and the few things every part of Arising needs to do with them.
 *
 * The owner grammar (used by `add`, `reassign`, `list`, `owner` and `settings chairs`):
 * - `<@U123>` or `<@U123|priya>` is a user; Teams ids such as `<@29:1abc-def>` are users too (the Teams
 *   adapter rewrites its `<at>` mentions to this form).
 * - An email address (`data@wyp.example.org`, or Slack's `<mailto:data@wyp.example.org|…>`) is an owner
 *   outside the chat, reminded by email.
 * - Any other run of plain words is one alias or name: `WYP`, `Clerk`, `Cllr Smith`.
 * - A plain `@priya` that the platform did not turn into a mention is the alias `priya`, one word, without
 *   the `@`: it is most likely a person's name, and `owner priya = <@U…>` can then map it. Because it is
 *   one word, `@priya @sam` is two owners, as `<@U1> <@U2>` is.
 * - Owners are separated by `,`, `;`, `/` (`WYP/DMPC`), a standalone `and` or `&`, or simply by a mention
 *   starting or ending. `&` inside a word is part of it (`R&D` is one alias, as `owner R&D = …` allows).
 * - Duplicates (same user, or same alias in any case) are dropped, keeping the first.
 */

import { traitsOf } from './conversation/platform-traits';
import type { Owner } from './domain';
import { isEmailPerson, parseEmailAddress, sameAddress } from './email-address';
import { UserError } from './errors';
import { characterCount, quote } from './text-limits';

/** Longest alias or name accepted as an owner; anything longer is a sentence, not a name. */
export const MAX_OWNER_NAME_LENGTH = 80;

/** Bracketed platform markup, a separator character, whitespace, or a run of anything else. */
const OWNER_TOKEN = /<[^<>]*>|[,;/]|\s+|[^\s,;/<]+|</g;

/** A user mention as it reaches the core: `<@ID>` or `<@ID|label>`; the id has no spaces, `|` or `>`. */
const MENTION = /^<@([^\s|<>]+)(?:\|[^<>]*)?>$/;

const SEPARATOR_WORDS = new Set(['and', '&']);

/**
 * The owners written in `text`, in order, without duplicates. Returns `[]` when there are none (callers
 * decide whether that is an error). Throws a UserError for markup that cannot own anything (`<!channel>`,
 * `<#C123>`, links) and for a "name" too long to be one.
 */
export function parseOwners(text: string): Owner[] {
  const owners: Owner[] = [];
  let words: string[] = [];
  const endName = (): void => {
    if (words.length > 0) owners.push(aliasOwner(words.join(' ')));
    words = [];
  };
  for (const match of text.matchAll(OWNER_TOKEN)) {
    const token = match[0];
    const address = parseEmailAddress(token);
    if (address !== null) {
      endName();
      owners.push({ kind: 'email', address });
    } else if (token.startsWith('<') && token.length > 1) {
      endName();
      owners.push(mentionOwner(token));
    } else if (/^[,;/]$/.test(token) || SEPARATOR_WORDS.has(token.toLowerCase())) {
      endName();
    } else if (/^\s+$/.test(token)) {
      // Whitespace joins plain words into one name; it separates nothing else.
    } else if (token.startsWith('@')) {
      endName();
      const name = token.replace(/^@+/, '');
      if (name !== '') owners.push(aliasOwner(name));
    } else {
      words.push(token);
    }
  }
  endName();
  return dedupeOwners(owners);
}

function mentionOwner(token: string): Owner {
  const user = MENTION.exec(token);
  if (user?.[1]) return { kind: 'user', id: user[1] };
  throw new UserError(
    'bad_command',
    `${quote(token)} cannot own an action. Owners are people (\`@priya\`) or aliases (\`WYP\`), ` +
      'like `add @priya and WYP to send the data`.',
  );
}

function aliasOwner(name: string): Owner {
  if (characterCount(name) > MAX_OWNER_NAME_LENGTH) {
    throw new UserError(
      'bad_command',
      `${quote(name)} is too long for an owner's name (at most ${MAX_OWNER_NAME_LENGTH} characters). ` +
        'Write the owners, then `to`, then the task, like `add @priya to send the data by 31 July`.',
    );
  }
  return { kind: 'alias', name };
}

/** The owners without repeats (by `ownerKey`), first occurrence kept. */
export function dedupeOwners(owners: readonly Owner[]): Owner[] {
  const seen = new Set<string>();
  const unique: Owner[] = [];
  for (const owner of owners) {
    const key = ownerKey(owner);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(owner);
    }
  }
  return unique;
}

/**
 * A stable key for an owner, for de-duplication and store indexes: `user:U1`, `alias:wyp`. Aliases are
 * matched without regard to case, so `WYP` and `wyp` are the same owner; user ids are kept as they are.
 */
export function ownerKey(owner: Owner): string {
  if (owner.kind === 'user') return `user:${owner.id}`;
  if (owner.kind === 'email') return `email:${owner.address.toLowerCase()}`;
  return `alias:${owner.name.toLowerCase()}`;
}

/**
 * An owner as plain text, without platform markup, for the CLI, exports and notification fallbacks:
 * `@U123` for a user (the core knows only the id), the name as written for an alias.
 */
export function formatOwnerPlain(owner: Owner): string {
  if (owner.kind === 'user') return `@${owner.id}`;
  return owner.kind === 'email' ? owner.address : owner.name;
}

/** An owner that is not a platform user, as shown in a message: an alias's name or an email address. */
export function ownerName(owner: Exclude<Owner, { kind: 'user' }>): string {
  return owner.kind === 'email' ? owner.address : owner.name;
}

/**
 * Everyone an action's owners stand for: each user and email owner, and the people each alias is mapped
 * to (alias names matched without regard to case), user ids and email addresses alike. Unmapped aliases
 * stand for nobody. Order kept, no repeats.
 */
export function resolveOwnerPeople(owners: readonly Owner[], aliases: Record<string, string[]>): string[] {
  const peopleOf = ownerPeople(aliases);
  return [...new Set(owners.flatMap(peopleOf))];
}

/**
 * The people one owner stands for, as a function of the channel's aliases: a user or an email owner
 * itself, an alias the people it is mapped to (names matched without regard to case), an unmapped alias
 * nobody. Every resolution of owners to people (ownership, reminders, check-ins) goes through it.
 */
export function ownerPeople(aliases: Record<string, string[]>): (owner: Owner) => string[] {
  const byName = new Map<string, string[]>();
  for (const [name, ids] of Object.entries(aliases)) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), ...ids]);
  }
  return (owner) => {
    if (owner.kind === 'user') return [owner.id];
    if (owner.kind === 'email') return [owner.address];
    return byName.get(owner.name.toLowerCase()) ?? [];
  };
}

/**
 * Whether `person` is one of the owners, itself or as one of an alias's people: the same user id, or the
 * same email address in any case (an owner reached by email acts on the action's page as that address).
 * No chat user's id contains `@`, so a user can never pass for an address.
 */
export function isOwner(
  owners: readonly Owner[],
  aliases: Record<string, string[]>,
  person: string,
): boolean {
  const email = isEmailPerson(person);
  return resolveOwnerPeople(owners, aliases).some((p) =>
    email ? isEmailPerson(p) && sameAddress(p, person) : p === person,
  );
}

/** The platform users among an action's owners and their aliases' people (no email addresses). */
export function resolveOwnerUsers(owners: readonly Owner[], aliases: Record<string, string[]>): string[] {
  return resolveOwnerPeople(owners, aliases).filter((person) => !isEmailPerson(person));
}

/**
 * The email addresses among an action's owners and their aliases' people: who is reached by email.
 * Compared without regard to case, first spelling kept.
 */
export function resolveOwnerEmails(owners: readonly Owner[], aliases: Record<string, string[]>): string[] {
  const seen = new Map<string, string>();
  for (const person of resolveOwnerPeople(owners, aliases)) {
    if (isEmailPerson(person) && !seen.has(person.toLowerCase())) seen.set(person.toLowerCase(), person);
  }
  return [...seen.values()];
}

/**
 * A name where a mention was needed. How to make one differs per platform (Slack's @ menu, Teams' list,
 * the console's demo names), so the platform's words are added where the platform is known; the message
 * itself carries Slack's, for callers that show it as it is.
 */
export class NotAPersonError extends UserError {
  constructor(
    code: 'bad_command' | 'bad_setting',
    readonly problem: string,
    readonly example: string,
  ) {
    super(code, `${problem} ${traitsOf('slack').pickPerson(example)}`);
  }
}

/**
 * The people of a list that must hold people only (`owner WYP = …`, `settings chairs …`): user ids, and
 * email addresses where `emails` allows them (an alias's people may be outside the chat; a chair may
 * not, since chairs act in the channel). A name the platform did not turn into a mention cannot be
 * resolved to a person, so it is refused with the fix; `usage` is the right form to show.
 */
export function parseMentions(
  text: string,
  form: string,
  usage: string,
  code: 'bad_command' | 'bad_setting' = 'bad_command',
  emails = false,
): string[] {
  const people: string[] = [];
  for (const owner of parseOwners(text)) {
    if (owner.kind === 'alias') {
      const typed = text.includes(`@${owner.name}`) ? `@${owner.name}` : owner.name;
      throw new NotAPersonError(
        code,
        `${quote(typed)} after ${quote(form)} is not a person Arising can see.`,
        usage,
      );
    }
    if (owner.kind === 'email' && !emails) {
      throw new NotAPersonError(
        code,
        `${quote(owner.address)} after ${quote(form)} is an email address; only people in the chat can be named here.`,
        usage,
      );
    }
    people.push(owner.kind === 'user' ? owner.id : owner.address);
  }
  return people;
}
