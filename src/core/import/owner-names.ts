/**
 * Owners as minutes write them, read with the initials the same document defines ("Fred Eglington (FE)"
 * in its attendance list) and the channel's aliases. The extractor keeps owners as written (CONTRACT.md);
 * this is where "FE" becomes someone a secretary recognises, for the preview and for the import.
 *
 * What resolves, in this order:
 * 1. An alias spelled as the owner is written (`owner FE = @fred`): used as before, whatever the minutes
 *    define.
 * 2. Otherwise, when the minutes define the initials and the channel has an alias mapped to people that
 *    spells that full name (`owner Fred_Eglington = @fred`; an alias is one word, so any case, and `_`,
 *    `.`, `-` or nothing between the names): the owner is that alias. The document itself says FE is
 *    Fred Eglington, and a full name names one person.
 * Nothing else: not an alias of the first name alone ("fred" may be another Fred), and not, the other
 * way, a written full name through an alias of initials (FE may have meant Fiona Evans in other
 * minutes). Those owners are shown as unknown, with the name, so the secretary maps them on purpose.
 *
 * An alias is compared with an owner the same way ("Cllr Smith" in the minutes is the alias Cllr_Smith),
 * since an owner of several words can only be mapped through a one-word alias.
 */

/** Initials → full name, as ExtractedMinutes.initials holds them. */
export type DefinedInitials = Readonly<Record<string, string>>;

const MENTION = /^<@[^\s|<>]+(?:\|[^<>]*)?>$/;

/** The owner without spaces around it or a leading `@`. */
export function bareOwner(written: string): string {
  return written.trim().replace(/^@+/, '');
}

/** Whether the platform mentioned a user here (`<@U123>`), who needs no alias. */
export function isMention(written: string): boolean {
  return MENTION.test(written.trim());
}

/** A name as an alias spells it: lowercase, only its letters, digits and `&` ("Fred_Eglington"). */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, '');
}

function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Most characters of an alias (command-parser.ts). */
const MAX_ALIAS = 64;

/**
 * The one word `owner … = @person` takes for an owner as written: "FE" stays, "Fred Eglington" becomes
 * Fred_Eglington, and characters an alias may not hold ("O'Brien") are left out.
 */
export function aliasSpelling(written: string): string {
  const word = bareOwner(written)
    .replace(/\s+/g, '_')
    .replace(/[^\p{L}\p{N}&._-]/gu, '')
    .slice(0, MAX_ALIAS);
  return word === '' ? 'NAME' : word;
}

/** The full name the minutes give initials such as "FE" or "F.E.", or null when they define none. */
export function definedName(written: string, initials: DefinedInitials): string | null {
  const key = bareOwner(written).replace(/\./g, '');
  const name = Object.hasOwn(initials, key) ? initials[key] : undefined;
  return name && !sameName(name, key) ? name : null;
}

/** How the preview shows an owner: "FE (Fred Eglington)" for defined initials, else as written. */
export function ownerLabel(written: string, initials: DefinedInitials): string {
  const name = definedName(written, initials);
  return name ? `${bareOwner(written)} (${name})` : written;
}

/**
 * The channel alias an owner written in the minutes stands for (rules 1 and 2 above), as the channel
 * spells it; null when none. `mappedOnly` counts only aliases mapped to someone (rule 1 otherwise takes
 * an alias with no one in it too, as the import always has).
 */
export function aliasFor(
  written: string,
  aliases: Readonly<Record<string, string[]>>,
  initials: DefinedInitials,
  mappedOnly = false,
): string | null {
  const usable = Object.entries(aliases).filter(([, ids]) => !mappedOnly || ids.length > 0);
  const direct =
    usable.find(([alias]) => alias.toLowerCase() === bareOwner(written).toLowerCase()) ??
    usable.find(([alias]) => sameName(alias, bareOwner(written)));
  if (direct) return direct[0];
  const name = definedName(written, initials);
  if (!name) return null;
  const full = Object.entries(aliases).find(([alias, ids]) => ids.length > 0 && sameName(alias, name));
  return full ? full[0] : null;
}

/** An owner no one in the channel answers to, with the name the minutes give it if they do. */
export interface UnknownOwner {
  /** As written, without a leading `@`. */
  written: string;
  /** The alias `owner … = @person` maps it with (aliasSpelling). */
  alias: string;
  /** The full name the attendance list defines for these initials, or null. */
  name: string | null;
}

/**
 * The owners the lines name that are no one in the channel: neither a user the platform mentioned nor an
 * alias mapped to people (directly, or through the full name their initials stand for). Each once, as
 * first written; reminders for them would reach nobody.
 */
export function unknownOwners(
  owners: readonly string[],
  aliases: Readonly<Record<string, string[]>>,
  initials: DefinedInitials = {},
): UnknownOwner[] {
  const seen = new Set<string>();
  const unknown: UnknownOwner[] = [];
  for (const owner of owners) {
    const written = bareOwner(owner);
    const key = written.toLowerCase();
    if (isMention(owner) || seen.has(key) || aliasFor(owner, aliases, initials, true) !== null) continue;
    seen.add(key);
    unknown.push({ written, alias: aliasSpelling(owner), name: definedName(owner, initials) });
  }
  return unknown;
}
