/** Short answers: confirmations, refusals and errors, shown only to the person who acted. */
import { type Span, text, type View } from '../view';

export function notice(message: string, spans?: Span[]): View {
  return { text: message, blocks: [{ kind: 'section', spans: spans ?? [text(message)] }] };
}

export function errorNotice(message: string): View {
  return notice(`⚠️ ${message}`);
}
