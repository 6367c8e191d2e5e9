/**
 * The URL of `meeting calendar <url>`, from the forms the platforms send it in: Slack wraps links as
 * `<https://…>` or `<https://…|label>`, Teams sends a link as `<a href="https://…">…</a>` or its bare
 * text, and people paste
 * `webcal://` addresses (Outlook's and Apple's "subscribe" links), which are https under another name.
 */
import { UserError } from '../errors';
import { quote } from '../text-limits';

export const CALENDAR_USAGE =
  '`meeting calendar https://example.org/committee.ics` (or `meeting calendar off` to stop using one)';

/** The http(s) URL the words name; a UserError that shows the right form otherwise. */
export function calendarUrl(words: string): URL {
  const text = words.trim();
  const slack = /^<([^|>\s]+)(?:\|[^>]*)?>$/.exec(text);
  const anchor = /^<a\s[^>]*href="([^"]+)"[^>]*>.*<\/a>$/is.exec(text);
  const raw = (slack?.[1] ?? anchor?.[1] ?? text).replace(/&amp;/g, '&');
  const https = raw.replace(/^webcals?:\/\//i, 'https://');
  if (!URL.canParse(https) || !/^https?:$/.test(new URL(https).protocol)) {
    throw new UserError(
      'bad_command',
      `${quote(words)} is not the address of a calendar feed (http, https or webcal). Write ${CALENDAR_USAGE}.`,
    );
  }
  return new URL(https);
}
