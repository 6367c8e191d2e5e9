/**
 * Minutes pasted into Slack (or Teams) name people as the platform's mentions: `Action: <@U123> to send
 * the figures`, a table cell "<@U1> and WYP", `ACTION: <@U2|priya> …`. The extractor reads owners as
 * words; the brackets (and the `|` of a labelled mention, which splits a table row) would keep such an
 * owner in the task. So each mention is stood in for by a handle (`@U123`) before the document is read,
 * which every owner form already takes wherever a name can stand (marker, list, table cell, prose), and
 * put back, as written, in what the extractor returns: the owner is then the mentioned user
 * (core/owners.ts reads `<@U123>` as that user, no alias needed).
 */
import type { ExtractedMinutes } from './extracted-minutes';

/** A user mention as it reaches the core: `<@ID>` or `<@ID|label>` (Teams ids such as `29:1abc` too). */
const MENTION = /<@([^\s|<>]{1,100})(?:\|[^<>\n]{0,100})?>/g;

/** A Slack user id is already a handle; any other id gets a numbered one. */
const HANDLE_ID = /^[A-Z][A-Z0-9]{1,30}$/;

/** A handle as it may stand in what the extractor returns: its whole run of word characters. */
const HANDLE_IN_TEXT = /@[A-Za-z0-9_]+(?![.-]\w)/g;

/** The text with its mentions as handles, and how to write them back. */
export interface MaskedMentions {
  text: string;
  /** The extracted minutes with each stand-in handle written as the mention it stood for. */
  restore(minutes: ExtractedMinutes): ExtractedMinutes;
}

/** Replaces each user mention in `text` with a handle; the first way a user is written is kept. */
export function maskMentions(text: string): MaskedMentions {
  const handles = new Map<string, string>();
  const written = new Map<string, string>();
  const masked = text.replace(MENTION, (whole, id: string) => {
    let handle = handles.get(id);
    if (!handle) {
      handle = HANDLE_ID.test(id) ? `@${id}` : `@mention_${handles.size + 1}`;
      handles.set(id, handle);
      written.set(handle, whole);
    }
    return handle;
  });
  if (written.size === 0) return { text, restore: (m) => m };
  // Each whole handle is looked up, rather than matched against an alternation of every handle, which
  // would cost the document's length times its number of mentions. A handle may end a sentence
  // ("… to @U2."), but not be the start of an address or a longer name ("@U2.org", "@U2-x").
  const put = (s: string): string => s.replace(HANDLE_IN_TEXT, (m) => written.get(m) ?? m);
  const putNullable = (s: string | null): string | null => (s === null ? null : put(s));
  return {
    text: masked,
    restore: (m) => ({
      ...m,
      meeting: { ...m.meeting, title: putNullable(m.meeting.title) },
      actions: m.actions.map((a) => ({
        ...a,
        agendaTitle: putNullable(a.agendaTitle),
        owners: a.owners.map(put),
        text: put(a.text),
      })),
    }),
  };
}
