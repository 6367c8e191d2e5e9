/**
 * Renders the core's neutral View as Adaptive Cards (schema 1.5, as Teams renders them), the Teams
 * counterpart of src/slack/block-kit.ts, and the entry point of the Teams renderer: the text of a card
 * (escaping, lines, mentions) is card-text.ts, its buttons and forms card-buttons.ts.
 *
 * Safety: user text never becomes markup (card-text.ts). `<at` typed by a user is never a mention: the
 * only mentions are the `user` spans the core put there, each with its `msteams.entities` entry.
 *
 * Size: Teams refuses a bot message over about 28 KB of card, so a long view (a digest, a list) is split
 * into several cards, and one card that must stay one (an update in place) is cut with a note. One block
 * of text of many lines keeps its first lines and a note of how many more there are (MAX_BLOCK_BYTES).
 */
import type { View } from '../core/view';
import { renderButtons } from './card-buttons';
import {
  type CardElement,
  cutText,
  ELLIPSIS,
  escapeMarkdown,
  type MentionEntity,
  type NameOf,
  neutralize,
  renderFacts,
  renderLines,
  type Unit,
} from './card-text';

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams' limit on a card, with room left for the activity around it. */
export const MAX_CARD_BYTES = 28 * 1024;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  msteams: { width: 'Full'; entities?: MentionEntity[] };
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
