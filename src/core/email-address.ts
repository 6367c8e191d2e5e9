/**
 * Email addresses as owners and as people of an alias (`add data@wyp.example.org to …`,
 * `owner WYP = @russ data@wyp.example.org`): the release 0.2 way to reach owners who are not in the chat.
 *
 * Only the common, practical shape is accepted (no quoted local parts, no IP literals, a dotted domain),
 * because an address here is something a secretary types or Slack links, and a stricter pattern refuses
 * typos that would otherwise become owners nobody reads. The pattern is linear: no nested quantifiers.
 */

/** Longest address accepted (RFC 5321's limit on a forward path). */
export const MAX_EMAIL_LENGTH = 254;

const ADDRESS = /^[A-Za-z0-9!#$%&'*+=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;

/** Slack's form for an address it linked: `<mailto:a@b.org|a@b.org>` or `<mailto:a@b.org>`. */
const SLACK_MAILTO = /^<mailto:([^\s|<>]+)(?:\|[^<>]*)?>$/i;

/**
 * The address `token` stands for, or null when it is none: a bare address, or Slack's mailto markup.
 * Returned as typed but with the domain in lower case (domains are case-insensitive; local parts are,
 * strictly, not, so they are kept).
 */
export function parseEmailAddress(token: string): string | null {
  const candidate = SLACK_MAILTO.exec(token)?.[1] ?? token;
  if (candidate.length > MAX_EMAIL_LENGTH || !ADDRESS.test(candidate)) return null;
  if (candidate.includes('..') || candidate.startsWith('.')) return null;
  const at = candidate.lastIndexOf('@');
  return `${candidate.slice(0, at)}@${candidate.slice(at + 1).toLowerCase()}`;
}

/**
 * Whether one of an alias's people (a string in `owner X = …`'s list) is an email address rather than a
 * platform user id. Slack ids (`U123`), Teams ids (`29:…`) and console names never contain `@`.
 */
export function isEmailPerson(person: string): boolean {
  return person.includes('@');
}

/** The same address whatever the case: for de-duplication and comparing a page's token to the owners. */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
