/**
 * Renders the core's neutral View as Adaptive Cards (schema 1.5, as Teams renders them), the Teams
 * counterpart of src/slack/block-kit.ts.
 *
 * Safety: user text never becomes markup. Lines without mentions become RichTextBlocks of TextRuns, which
 * no client reads as Markdown; lines with a mention must be TextBlocks (Teams resolves `<at>` mentions only
 * in TextBlock and FactSet), so their user text is Markdown-escaped. Everywhere, `<at` typed by a user is
 * broken with a zero-width space (it is never a mention: the only mentions are the `user` spans the core
 * put there, each with its `msteams.entities` entry), and so are `${` (no templating host ever reads it as
 * an expression), `{{` (no renderer turns a typed `{{DATE(…)}}` into a date) and `&` before an entity name
 * (Markdown would show `&amp;` as `&`).
 *
 * Buttons are Universal Actions: `Action.Execute` whose verb is the core's ButtonId and whose data carries
 * the button's value. A menu item becomes an `Action.ShowCard` with one Input.Text (new due date, new
 * owners, reason) submitted by an `Action.Execute` of the same verb.
 *
 * Size: Teams refuses a bot message over about 28 KB of card, so a long view (a digest, a list) is split
 * into several cards, and one card that must stay one (an update in place) is cut with a note. One block
 * of text of many lines keeps its first lines and a note of how many more there are (MAX_BLOCK_BYTES).
 */
import { type Block, type Button, type ButtonId, isButtonId, type Span, type View } from '../core/view';

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams' limit on a card, with room left for the activity around it. */
export const MAX_CARD_BYTES = 28 * 1024;
/** Longest text one element carries; past it the text is cut with `…`. */
export const MAX_ELEMENT_TEXT = 8000;

const ELLIPSIS = '…';
const ZWSP = '\u200B';

export type CardElement = Record<string, unknown>;

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  msteams: { width: 'Full'; entities?: MentionEntity[] };
}

/** A user's display name, when Arising has seen it; unknown users are shown as "someone". */
export type NameOf = (userId: string) => string | undefined;

/**
 * Text that no client reads as a mention tag, a template expression, a date function or an HTML entity:
 * `<` before a letter, `/`, `@` or `!`, `$` before `{`, `{` before `{`, and `&` before an entity name
 * (`&amp;`, `&#42;`) get a zero-width space after them.
 */
export function neutralize(text: string): string {
  return text
    .replace(/<(?=[A-Za-z/@!])/g, `<${ZWSP}`)
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

/** A rendered piece of a card, with the mentions its text uses. */
interface Unit {
  elements: CardElement[];
  mentions: MentionEntity[];
  /** The block is a reader's item (a section), counted when a cut leaves items out. */
  item: boolean;
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

/** Wraps text in a Markdown marker; markers must touch non-space characters, so spaces stay outside. */
function wrap(text: string, marker: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  if (!match || match[2] === '') return text;
  return `${match[1]}${marker}${match[2]}${marker}${match[3]}`;
}

function markdownText(span: TextSpan): string {
  let out = escapeMarkdown(span.text);
  if (span.bold) out = wrap(out, '**');
  if (span.italic) out = wrap(out, '_');
  return out;
}

/** A display name fit for an `<at>` tag: no angle brackets, never empty. */
function tagName(name: string): string {
  const clean = name.replace(/[<>]/g, '').trim();
  return clean === '' ? 'someone' : cutText(clean, 100);
}

interface Style {
  small?: boolean;
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

function renderLines(spans: Span[], names: NameOf, style: Style): Unit {
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

function renderFacts(block: Extract<Block, { kind: 'fields' }>, names: NameOf): Unit {
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

/** What the menu item's form asks for, by the verb it submits. */
const INPUT_PROMPTS: Partial<
  Record<ButtonId, { label: string; placeholder: string; required: boolean; submit: string }>
> = {
  'change-due': {
    label: 'New due date',
    placeholder: 'next Friday, 31 July, in 2 weeks, none',
    required: true,
    submit: 'Change',
  },
  reassign: {
    label: 'New owners',
    placeholder: 'WYP, Clerk (to @mention people, use the reassign command)',
    required: true,
    submit: 'Reassign',
  },
  drop: { label: 'Reason (optional)', placeholder: 'No longer needed', required: false, submit: 'Drop' },
};

/** The longest input Teams sends back for a form (the command limit of the core). */
export const MAX_INPUT_LENGTH = 3000;

function executeAction(button: Button, extra: Record<string, string> = {}, title = button.label) {
  return {
    type: 'Action.Execute',
    title: cutText(neutralize(title), 80),
    verb: button.id,
    data: { value: button.value, ...extra },
    ...(button.style === 'primary' ? { style: 'positive' } : {}),
    ...(button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/** A menu item: a ShowCard holding its form, or a plain Execute when it needs no input. */
function menuAction(button: Button, inputId: string): CardElement {
  const prompt = INPUT_PROMPTS[button.id];
  if (!prompt) return executeAction(button);
  return {
    type: 'Action.ShowCard',
    title: cutText(neutralize(button.label), 80),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: inputId,
          label: prompt.label,
          placeholder: prompt.placeholder,
          maxLength: MAX_INPUT_LENGTH,
          isRequired: prompt.required,
          ...(prompt.required ? { errorMessage: `Please give the ${prompt.label.toLowerCase()}.` } : {}),
        },
      ],
      actions: [executeAction(button, { input: inputId }, prompt.submit)],
    },
  };
}

function renderButtons(block: Extract<Block, { kind: 'buttons' }>, inputIds: Map<string, number>): Unit {
  const actions: CardElement[] = block.buttons.map((b) => executeAction(b));
  for (const item of block.menu ?? []) {
    const base = `input-${item.id}`;
    const seen = inputIds.get(base) ?? 0;
    inputIds.set(base, seen + 1);
    actions.push(menuAction(item, seen === 0 ? base : `${base}-${seen}`));
  }
  return { elements: actions.length > 0 ? [{ type: 'ActionSet', actions }] : [], mentions: [], item: false };
}

/** Every View block as units; a divider becomes the separator line of the element after it. */
function renderUnits(view: View, names: NameOf): Unit[] {
  const units: Unit[] = [];
  const inputIds = new Map<string, number>();
  let separate = false;
  for (const block of view.blocks) {
    let unit: Unit;
    switch (block.kind) {
      case 'divider':
        separate = units.length > 0;
        continue;
      case 'header': {
        const text = block.text.trim();
        if (text === '') continue;
        unit = {
          elements: [
            {
              type: 'TextBlock',
              text: escapeMarkdown(cutText(text, 500)),
              size: 'Medium',
              weight: 'Bolder',
              wrap: true,
            },
          ],
          mentions: [],
          item: false,
        };
        break;
      }
      case 'section':
        unit = renderLines(block.spans, names, {});
        break;
      case 'context':
        unit = renderLines(block.spans, names, { small: true });
        break;
      case 'fields':
        unit = renderFacts(block, names);
        break;
      case 'buttons':
        unit = renderButtons(block, inputIds);
        break;
    }
    const [first, ...rest] = unit.elements;
    if (!first) continue;
    if (separate) unit.elements = [{ ...first, separator: true }, ...rest];
    separate = false;
    units.push(unit);
  }
  return units;
}

function card(units: Unit[]): AdaptiveCard {
  const entities: MentionEntity[] = [];
  for (const m of units.flatMap((u) => u.mentions)) {
    if (!entities.some((e) => e.text === m.text && e.mentioned.id === m.mentioned.id)) entities.push(m);
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: units.flatMap((u) => u.elements),
    msteams: { width: 'Full', ...(entities.length > 0 ? { entities } : {}) },
  };
}

export function cardBytes(value: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function noteUnit(text: string): Unit {
  return renderLines([{ kind: 'text', text }], () => undefined, { small: true });
}

/**
 * The view as one or more cards, each under MAX_CARD_BYTES, in order. Buttons stay on the card of the
 * content before them. An empty view still gives one card (with its fallback text).
 */
export function renderCards(view: View, names: NameOf): AdaptiveCard[] {
  const units = renderUnits(view, names);
  if (units.length === 0) return [card([noteUnit(view.text.trim() || 'Arising')])];
  const cards: AdaptiveCard[] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    if (current.length > 0 && cardBytes(card([...current, unit])) > MAX_CARD_BYTES) {
      cards.push(card(current));
      current = [];
    }
    current.push(unit);
  }
  cards.push(card(current));
  return cards;
}

/**
 * The view as exactly one card under MAX_CARD_BYTES (an update replaces one message): when it does not
 * fit, the last items give way to a note saying how many were left out; buttons are kept.
 */
export function renderCard(view: View, names: NameOf): AdaptiveCard {
  const units = renderUnits(view, names);
  if (units.length === 0) return card([noteUnit(view.text.trim() || 'Arising')]);
  const full = card(units);
  if (cardBytes(full) <= MAX_CARD_BYTES) return full;
  const buttons = units.filter((u) => u.elements.some((e) => e.type === 'ActionSet'));
  const content = units.filter((u) => !buttons.includes(u));
  for (let keep = content.length - 1; keep >= 0; keep--) {
    const left = content.slice(keep).filter((u) => u.item).length || content.length - keep;
    const note = noteUnit(`${ELLIPSIS}and ${left} more not shown here.`);
    const cut = card([...content.slice(0, keep), note, ...buttons]);
    if (cardBytes(cut) <= MAX_CARD_BYTES) return cut;
  }
  return card([noteUnit(cutText(view.text, 2000)), ...buttons]);
}

/** The user ids a view mentions, to look up their names before rendering. */
export function userIdsIn(view: View): string[] {
  const ids = new Set<string>();
  for (const block of view.blocks) {
    const spans =
      block.kind === 'section' || block.kind === 'context'
        ? block.spans
        : block.kind === 'fields'
          ? block.fields.flatMap((f) => f.spans)
          : [];
    for (const span of spans) if (span.kind === 'user') ids.add(span.id);
  }
  return [...ids];
}

/** A card as a Bot Framework attachment. */
export function cardAttachment(value: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: value };
}

/** The plain summary Teams shows in notifications for a card message. */
export function summaryOf(view: View): string {
  return cutText(neutralize(view.text.trim() || 'Arising'), 250);
}

/**
 * The button an `adaptiveCard/action` invoke stands for: the verb (a ButtonId), the value the card carried
 * and the text typed into the form it came from. Null for anything that is not one of ours.
 */
export function readExecuteAction(
  action: unknown,
): { id: ButtonId; value: string; input: string | undefined } | null {
  if (typeof action !== 'object' || action === null) return null;
  const { verb, data } = action as { verb?: unknown; data?: unknown };
  if (typeof verb !== 'string' || !isButtonId(verb)) return null;
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as Record<string, unknown>;
  if (typeof fields.value !== 'string') return null;
  const inputId = typeof fields.input === 'string' && fields.input.startsWith('input-') ? fields.input : null;
  const typed = inputId ? fields[inputId] : undefined;
  return { id: verb, value: fields.value, input: typeof typed === 'string' ? typed : undefined };
}

/**
 * The card with a notice above it (the answer to a button press, shown only to whoever pressed it):
 * the notice's text is plain, as any user text.
 */
export function withBanner(base: AdaptiveCard, message: string): AdaptiveCard {
  const banner = renderLines([{ kind: 'text', text: message }], () => undefined, {}).elements;
  return {
    ...base,
    body: [...banner, ...base.body.map((e, i) => (i === 0 ? { ...e, separator: true } : e))],
  };
}
