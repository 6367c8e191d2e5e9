/**
 * Initials the minutes define: "Fred Eglington (FE)" in the attendance list lets an action owned by
 * "FE" be shown, and mapped, as Fred Eglington. Owners stay as written in the actions (CONTRACT.md); this
 * is the key the preview reads them with. Only definitions whose letters fit the name count, so
 * "Jane Smith (Treasurer)" or "Bob Jones (apologies)" define nothing.
 */
import { attendanceText } from './owners-in-minutes';

/** "(FE)", "(F.E.)", "(FEg)": initials in brackets after a name. */
const DEFINITION = /\(\s*((?:[A-Z]\.?){2,5}|[A-Z][a-z]?[A-Z][a-z]?)\s*\)/g;
const HONORIFIC = /^(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Revd?|Rev)\.?$/;
const NAME_WORD = /^(?:[A-Z][a-z'’-]+|[A-Z]\.?|von|van|de|der|du|le|la)$/;

/** The capitalised words of a name that end right before `at`, on the same line ("…, Fred Eglington "). */
function nameBefore(text: string, at: number): string[] {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const words = text
    .slice(Math.max(lineStart, at - 80), at)
    .trim()
    .split(/\s+/);
  const name: string[] = [];
  for (let i = words.length - 1; i >= 0 && name.length < 5; i--) {
    const word = (words[i] ?? '').replace(/^[:;,*(]+/, '');
    if (!NAME_WORD.test(word) || HONORIFIC.test(word)) break;
    name.unshift(word);
    if (/^[:;,*(]/.test(words[i] ?? '')) break;
  }
  return name;
}

/** Whether `initials` fit the name: its first letter starts the name and its last starts the surname. */
function fits(initials: string, name: string[]): boolean {
  const letters = initials.replace(/[.a-z]/g, '');
  const capitals = name.filter((w) => /^[A-Z]/.test(w)).map((w) => w.charAt(0));
  if (capitals.length < 2 || letters.length < 2) return false;
  return letters.charAt(0) === capitals[0] && letters.charAt(letters.length - 1) === capitals.at(-1);
}

/** Initials → name, as the attendance list defines them; the first definition of each wins. */
export function definedInitials(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const attendance = attendanceText(text);
  for (const m of attendance.matchAll(DEFINITION)) {
    const initials = (m[1] ?? '').replace(/\./g, '');
    const name = nameBefore(attendance, m.index ?? 0);
    if (out[initials] === undefined && fits(m[1] ?? '', name)) out[initials] = name.join(' ');
  }
  return out;
}
