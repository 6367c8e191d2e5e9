/** Short answers: confirmations, refusals and errors, shown only to the person who acted. */
import { type Span, text, type View } from '../view';

export function notice(message: string, spans?: Span[]): View {
  return { text: message, blocks: [{ kind: 'section', spans: spans ?? [text(message)] }] };
}

/** A refusal or error; `spans`, when given, show it with mentions (the message stays the plain text). */
export function errorNotice(message: string, spans?: Span[]): View {
  return notice(`⚠️ ${message}`, spans ? [text('⚠️ '), ...spans] : undefined);
}
