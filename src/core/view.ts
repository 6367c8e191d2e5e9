/**
 * The neutral description of what the bot shows: one View, rendered to Block Kit for Slack, to an
 * Adaptive Card for Teams and to HTML for the console. The core builds Views; it never writes mrkdwn.
 * User text stays in `text` spans, so each renderer escapes it for its own markup, and the only mentions
 * are `user` spans the core put there on purpose.
 */
import type { SpanEntity } from './text-entities';
import { withoutBidiControls } from './text-limits';

/**
 * A piece of what is shown. A text span may carry an entity of user text (a channel, a user group or a
 * link, text-entities.ts): its `text` is then the entity's plain words, which a renderer with no use for
 * the entity shows (escaped, like any text), and a renderer that can make it live reads `entity`.
 */
export type Span =
  | { kind: 'text'; text: string; bold?: boolean; strike?: boolean; italic?: boolean; entity?: SpanEntity }
  | { kind: 'user'; id: string };

/**
 * Every button and menu id the adapters route back to the core, in one list: ids come back from Slack,
 * Teams and the console as untrusted strings, and each adapter checks them against this (isButtonId).
 */
export const BUTTON_IDS = [
  'done',
  'snooze',
  'snooze-1d',
  'snooze-1w',
  'snooze-meeting',
  'change-due',
  'add-note',
  'reassign',
  'drop',
  'import-confirm',
  'import-cancel',
] as const;

/** Button and menu ids the adapters route back to the core. */
export type ButtonId = (typeof BUTTON_IDS)[number];

/** Whether a string a platform sent back is one of our ButtonIds, before it reaches the core. */
export function isButtonId(id: string): id is ButtonId {
  return (BUTTON_IDS as readonly string[]).includes(id);
}

export interface Button {
  id: ButtonId;
  label: string;
  /** Opaque payload the core reads back: which action, which import. Always re-checked on the way in. */
  value: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { kind: 'header'; text: string }
  | { kind: 'section'; spans: Span[] }
  | { kind: 'fields'; fields: { label: string; spans: Span[] }[] }
  | { kind: 'context'; spans: Span[] }
  | { kind: 'divider' }
  | { kind: 'buttons'; buttons: Button[]; menu?: Button[] };

export interface View {
  /** Plain-text fallback: notifications, screen readers, clients that cannot show blocks. */
  text: string;
  blocks: Block[];
  /**
   * Replies to the message showing this view act on its action (`done` closes it, anything else is a
   * note): set on the views whose messages the core links to their action, the card and the reminder.
   * A platform that offers "reply" only where a reply means something (the console) reads it.
   */
  takesReplies?: boolean;
}

/**
 * A span of text. Bidirectional controls are dropped here as well as where text comes in, so an action
 * stored before they were stripped on input cannot reorder what a card, list or matters arising shows.
 */
export const text = (
  t: string,
  style: Omit<Extract<Span, { kind: 'text' }>, 'kind' | 'text'> = {},
): Span => ({
  kind: 'text',
  text: withoutBidiControls(t),
  ...style,
});
export const user = (id: string): Span => ({ kind: 'user', id });

type TextSpan = Extract<Span, { kind: 'text' }>;

const sameStyle = (a: TextSpan, b: TextSpan): boolean =>
  !a.entity && !b.entity && a.bold === b.bold && a.strike === b.strike && a.italic === b.italic;

/**
 * Adjacent text spans of the same style as one, empty ones dropped: a line built from parts (some of
 * which may hold mentions or links) reads as one run wherever it holds none.
 */
export function joinSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (span.kind === 'text' && span.text === '' && !span.entity) continue;
    if (span.kind === 'text' && last?.kind === 'text' && sameStyle(last, span)) {
      out[out.length - 1] = { ...last, text: last.text + span.text };
    } else out.push(span);
  }
  return out;
}
