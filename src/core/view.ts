/**
 * The neutral description of what the bot shows: one View, rendered to Block Kit for Slack, to an
 * Adaptive Card for Teams and to HTML for the console. The core builds Views; it never writes mrkdwn.
 * User text stays in `text` spans, so each renderer escapes it for its own markup, and the only mentions
 * are `user` spans the core put there on purpose.
 */
export type Span =
  | { kind: 'text'; text: string; bold?: boolean; strike?: boolean; italic?: boolean }
  | { kind: 'user'; id: string };

/** Button and menu ids the adapters route back to the core. */
export type ButtonId =
  | 'done'
  | 'snooze'
  | 'snooze-1d'
  | 'snooze-1w'
  | 'snooze-meeting'
  | 'change-due'
  | 'reassign'
  | 'drop'
  | 'import-confirm'
  | 'import-cancel';

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
}

export const text = (
  t: string,
  style: Omit<Extract<Span, { kind: 'text' }>, 'kind' | 'text'> = {},
): Span => ({
  kind: 'text',
  text: t,
  ...style,
});
export const user = (id: string): Span => ({ kind: 'user', id });
