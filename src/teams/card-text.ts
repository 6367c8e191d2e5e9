/**
 * The text of an Adaptive Card (adaptive-cards.ts puts the cards together): the core's spans as lines,
 * with user text that never becomes markup.
 *
 * Lines without mentions become RichTextBlocks of TextRuns, which no client reads as Markdown; lines with
 * a mention must be TextBlocks (Teams resolves `<at>` mentions only in TextBlock and FactSet), so their
 * user text is Markdown-escaped. Everywhere, `<at` typed by a user is broken with a zero-width space (it
 * is never a mention), and so are `${` (no templating host ever reads it as an expression), `{{` (no
 * renderer turns a typed `{{DATE(…)}}` into a date) and `&` before an entity name (Markdown would show
 * `&amp;` as `&`). One block of text of many lines keeps its first lines and a note of how many more
 * there are (MAX_BLOCK_BYTES).
 */

import { isSafeUrl } from '../core/text-entities';
import { withoutBidiControls } from '../core/text-limits';
import type { Block, Span } from '../core/view';
import { wrapMarker } from '../messaging/wrap-marker';

/** Longest text one element carries; past it the text is cut with `…`. */
export const MAX_ELEMENT_TEXT = 8000;

export const ELLIPSIS = '…';
const ZWSP = '\u200B';

export type CardElement = Record<string, unknown>;

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** A user's display name, when Arising has seen it; unknown users are shown as "someone". */
export type NameOf = (userId: string) => string | undefined;

/** A rendered piece of a card, with the mentions its text uses. */
export interface Unit {
  elements: CardElement[];
  mentions: MentionEntity[];
  /** The block is a reader's item (a section), counted when a cut leaves items out. */
  item: boolean;
}

/**
 * Text that no client reads as a mention tag, a template expression, a date function or an HTML entity:
 * `<` before a letter, `/`, `@` or `!` (or at the end, where a mention's `<at>` may follow), `$` before
 * `{`, `{` before `{`, and `&` before an entity name (`&amp;`, `&#42;`) get a zero-width space after
 * them. Bidirectional controls, which could make the text read otherwise than it says, are dropped.
 */
export function neutralize(text: string): string {
  return withoutBidiControls(text)
    .replace(/<(?=[A-Za-z/@!]|$)/g, `<${ZWSP}`)
    .replace(/\$(?=\{)/g, `$${ZWSP}`)
    .replace(/\{(?=\{)/g, `{${ZWSP}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, `&${ZWSP}`);
}

/**
 * Markdown-escaped text for a TextBlock or Fact: the characters of Teams' Markdown subset (bold,
 * italic, links, code) are backslash-escaped anywhere, and list, heading and quote markers at the start of
 * a line. Neutralized too.
 */
export function escapeMarkdown(text: string): string {
  return neutralize(text)
    .replace(/[\\*_[\]`~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Cuts text to `max` characters, ending in `…` when cut. Never splits a surrogate pair. */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

type TextSpan = Extract<Span, { kind: 'text' }>;

/** Spans split at newlines into lines; a span with several lines contributes to each. */
function splitLines(spans: Span[]): Span[][] {
  const lines: Span[][] = [[]];
  for (const span of spans) {
    if (span.kind === 'user') {
      lines[lines.length - 1]?.push(span);
      continue;
    }
    span.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]?.push({ ...span, text: part });
    });
  }
  return lines.filter((line) => line.some((s) => s.kind === 'user' || s.text.trim() !== ''));
}

/**
 * The spans with `backticked` words split out as code: the core writes commands that way (`done 4`), and
 * a run in a monospace font shows them as Slack shows inline code. The backticks themselves go.
 */
function codeRuns(spans: TextSpan[]): [TextSpan, boolean][] {
  const runs: [TextSpan, boolean][] = [];
  for (const span of spans) {
    span.text.split(/`([^`\n]+)`/).forEach((part, i) => {
      if (part !== '') runs.push([{ ...span, text: part }, i % 2 === 1]);
    });
  }
  return runs;
}

function markdownText(span: TextSpan): string {
  let out = escapeMarkdown(span.text);
  if (span.bold) out = wrapMarker(out, '**');
  if (span.italic) out = wrapMarker(out, '_');
  return out;
}

/** A display name fit for an `<at>` tag: no angle brackets, never empty. */
function tagName(name: string): string {
  const clean = name.replace(/[<>]/g, '').trim();
  return clean === '' ? 'someone' : cutText(clean, 100);
}

export interface Style {
  small?: boolean;
}

/**
 * A link the message itself carries (a download link Arising made) opens its address when the run is
 * tapped. Links in user text never get here as entities on Teams (text-entities.ts keeps them text).
 */
function linkOf(span: TextSpan): Record<string, unknown> {
  const entity = span.entity;
  if (entity?.kind !== 'link' || !isSafeUrl(entity.url)) return {};
  return { color: 'Accent', underline: true, selectAction: { type: 'Action.OpenUrl', url: entity.url } };
}

/** One line as a TextBlock with mentions (Markdown, escaped) or as a RichTextBlock of plain runs. */
function renderLine(line: Span[], names: NameOf, style: Style, mentions: MentionEntity[]): CardElement {
  const subtle = style.small ? { size: 'Small', isSubtle: true } : {};
  if (!line.some((s) => s.kind === 'user')) {
    let room = MAX_ELEMENT_TEXT;
    const inlines: CardElement[] = [];
    for (const [span, code] of codeRuns(line as TextSpan[])) {
      if (room <= 0) break;
      const runText = cutText(neutralize(span.text), room);
      room -= runText.length;
      inlines.push({
        type: 'TextRun',
        text: runText,
        ...subtle,
        ...(code ? { fontType: 'Monospace' } : {}),
        ...(span.bold ? { weight: 'Bolder' } : {}),
        ...(span.italic ? { italic: true } : {}),
        ...(span.strike ? { strikethrough: true } : {}),
        ...linkOf(span),
      });
    }
    return { type: 'RichTextBlock', inlines };
  }
  return { type: 'TextBlock', text: markdownLine(line, names, mentions), wrap: true, ...subtle };
}

/** Spans as Markdown, mentions as `<at>Name</at>` recorded in `mentions`; cut past MAX_ELEMENT_TEXT. */
function markdownLine(line: Span[], names: NameOf, mentions: MentionEntity[]): string {
  let out = '';
  for (const span of line) {
    let piece: string;
    if (span.kind === 'user') {
      const name = names(span.id);
      if (name === undefined) {
        piece = 'someone';
      } else {
        piece = `<at>${tagName(name)}</at>`;
        if (!mentions.some((m) => m.text === piece && m.mentioned.id === span.id)) {
          mentions.push({ type: 'mention', text: piece, mentioned: { id: span.id, name } });
        }
      }
    } else {
      const room = MAX_ELEMENT_TEXT - out.length;
      if (room <= 1) return `${out}${ELLIPSIS}`;
      piece = markdownText({ ...span, text: cutText(span.text, room) });
    }
    if (out.length + piece.length > MAX_ELEMENT_TEXT) return `${out}${ELLIPSIS}`;
    out += piece;
  }
  return out;
}

/** Spans as card elements, one a line, capped at MAX_BLOCK_BYTES. */
export function renderLines(spans: Span[], names: NameOf, style: Style): Unit {
  const mentions: MentionEntity[] = [];
  const elements = splitLines(spans).map((line, i) => {
    const element = renderLine(line, names, style, mentions);
    return i > 0 ? { ...element, spacing: 'None' } : element;
  });
  return capLines({ elements, mentions, item: !style.small });
}

/**
 * Most of a card one block of text may take. Each line is an element of its own (about 80 bytes before
 * its text), so text of many short lines (3,000 characters can be 1,500 lines) would otherwise fill a card
 * alone, and a card that must stay one would lose the whole block, number and task included.
 */
export const MAX_BLOCK_BYTES = 16 * 1024;

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * The unit within MAX_BLOCK_BYTES: when its lines take more, the first lines that fit are kept and the
 * rest give way to a note saying how many lines are not shown. Mentions only on cut lines go too.
 */
function capLines(unit: Unit): Unit {
  const { elements } = unit;
  if (elements.length < 2 || jsonBytes(elements) <= MAX_BLOCK_BYTES) return unit;
  const cut = (keep: number): CardElement[] => {
    const left = elements.length - keep;
    const note = {
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: `${ELLIPSIS}and ${left} more line${left === 1 ? '' : 's'} not shown here.`,
          size: 'Small',
          isSubtle: true,
        },
      ],
      spacing: 'None',
    };
    return [...elements.slice(0, keep), note];
  };
  // The most lines that fit, found by halving: bytes grow with every line kept.
  let low = 1;
  let high = elements.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (jsonBytes(cut(middle)) <= MAX_BLOCK_BYTES) low = middle;
    else high = middle - 1;
  }
  const kept = cut(low);
  const shown = JSON.stringify(kept);
  const mentions = unit.mentions.filter((m) => shown.includes(JSON.stringify(m.text).slice(1, -1)));
  return { ...unit, elements: kept, mentions };
}

/** Labelled fields as a FactSet; a field's value is one line (newlines become spaces). */
export function renderFacts(block: Extract<Block, { kind: 'fields' }>, names: NameOf): Unit {
  const mentions: MentionEntity[] = [];
  const facts = block.fields.map((field) => ({
    title: escapeMarkdown(cutText(field.label, 200)),
    value: markdownLine(
      field.spans.map((s) => (s.kind === 'text' ? { ...s, text: s.text.replace(/\n/g, ' ') } : s)),
      names,
      mentions,
    ),
  }));
  return { elements: [{ type: 'FactSet', facts }], mentions, item: false };
}
