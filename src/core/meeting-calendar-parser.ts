/**
 * `meeting calendar <url>` and `meeting calendar off`, read apart from the rest of `meeting` so that a
 * meeting whose title begins with "calendar" (`meeting Calendar review on 3 May`) is still a meeting:
 * only `calendar` followed by one word (or nothing) is this command.
 */
import type { Command } from './command';
import { UserError } from './errors';
import { splitFirstWord } from './text-limits';

const CALENDAR_FORMS = '`meeting calendar https://example.org/committee.ics` or `meeting calendar off`';

/** The calendar command in what follows `meeting`, or null when it is not one. */
export function parseMeetingCalendar(rest: string): Command | null {
  const first = splitFirstWord(rest);
  if (first.word.toLowerCase() !== 'calendar') return null;
  const tail = first.rest.trim();
  // One word, or one link whose label has spaces: Slack's `<https://…|Committee calendar>`, an HTML anchor.
  const oneLink = /^<[^<>\s]+\|[^<>]*>$/.test(tail) || /^<a\s[^>]*>.*<\/a>$/is.test(tail);
  if (/\s/.test(tail) && !oneLink) return null;
  if (tail === '') {
    throw new UserError(
      'bad_command',
      `\`meeting calendar\` needs the calendar's address. Write ${CALENDAR_FORMS}.`,
    );
  }
  if (tail.toLowerCase() === 'off') return { kind: 'meeting-calendar-off' };
  return { kind: 'meeting-calendar', url: tail };
}
