/**
 * "@Ravi Menon rotate the staging credentials": Notion, Confluence, Loop and Google Docs export a
 * mention as "@" and the person's display name, spaces included, not as a one-word handle. Read as a
 * handle it gives the owner "@Ravi" and the task "Menon rotate …". A display name is recognised only
 * where the document lists it on its own, as its participants line does ("@Nadia Kowalski @Ravi
 * Menon"): "@Sam Review the PR" stays the handle @Sam, since "@Sam Review" is never listed alone.
 * Every mention of a recognised name then loses its "@"; one that opens a line or list item also gets a
 * colon after it, so the line reads "Ravi Menon: rotate …", an owner and a task.
 */

/** "@Nadia Kowalski" followed by the end of the line, a comma, another mention or "and". */
const LISTED = /@(\p{Lu}[\p{L}'’-]*(?:[ \t]\p{Lu}[\p{L}'’-]*){1,2})(?=[ \t]*(?:$|[,;@]|and\b))/gmu;

/** The display names the document lists on their own. */
function listedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(LISTED)) names.add(m[1] ?? '');
  // Longest first, so "@Ana Lima Costa" is not read as "@Ana Lima".
  return [...names].filter(Boolean).sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with listed display-name mentions written as names (see above). */
export function rewriteDisplayMentions(text: string): string {
  const names = listedNames(text);
  if (names.length === 0 || names.length > 200) return text;
  const alternatives = names.map(escapeRegExp).join('|');
  const opening = new RegExp(
    `^([ \\t]*(?:[-*+][ \\t]+)?(?:\\[[ xX]\\][ \\t]+)?)@(${alternatives})[ \\t]+(?=\\p{Ll})`,
    'gmu',
  );
  const anywhere = new RegExp(`@(${alternatives})(?![\\p{L}])`, 'gu');
  return text.replace(opening, '$1$2: ').replace(anywhere, '$1');
}
