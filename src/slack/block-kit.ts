/**
 * Renders the core's neutral View as a Slack message: Block Kit blocks plus the fallback `text`.
 *
 * Safety: every piece of user text goes through `escapeMrkdwn`, so `<!channel>`, `<@U…>` or `<http://x|y>`
 * in a text span shows as typed and pings or links nothing. The only markup in the output is the spans the
 * core made on purpose: `user` spans, and the channels, user groups and links a task was written with
 * (text spans carrying an entity, text-entities.ts), each checked again here before it becomes markup.
 * A broadcast (`<!channel>`, `<!here>`) is never an entity, so it is always escaped. Formatting characters (`*`, `_`, `~`, backticks) inside user
 * text are left alone: they may style a word, which is harmless, and hiding them behind zero-width
 * characters would corrupt text that users copy out of Slack.
 *
 * Limits: the renderer keeps every message inside Block Kit's limits so Slack never refuses a post — at
 * most 50 blocks (the rest replaced by a note saying how many items were left out), 3,000 characters a
 * section, 150 a header, 75 a button label, 25 elements an actions block, 2–5 options an overflow menu and
 * 4,000 characters of fallback text. Anything cut ends with `…`.
 */
import type { types } from '@slack/bolt';
import { traitsOf } from '../core/conversation/platform-traits';
import { isSafeUrl, isSlackId } from '../core/text-entities';
import { withoutBidiControls } from '../core/text-limits';
import { type Block, type Button, type ButtonId, isButtonId, type Span, type View } from '../core/view';
import { wrapMarker } from '../messaging/wrap-marker';

type KnownBlock = types.KnownBlock;
type ActionsElement = types.ActionsBlockElement;

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionValue: 150,
  actionsElements: 25,
  overflowMin: 2,
  overflowMax: 5,
  fallbackText: 4000,
} as const;

const ELLIPSIS = '…';

/** The action_id of the overflow menu; its options carry `buttonId:value`. */
export const MENU_ACTION_ID = 'arising-menu';

/** Escapes the three characters Slack's mrkdwn gives a meaning to (mentions, links, entities). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts plain text to `max` characters, ending in `…` when cut. Never splits a surrogate pair. */
export function cutPlain(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

/** A text span as mrkdwn: escaped, and without bidirectional controls (the fallback text is a span too). */
function renderTextSpan(span: Extract<Span, { kind: 'text' }>, raw: string): string {
  let out = escapeMrkdwn(withoutBidiControls(raw));
  if (span.bold) out = wrapMarker(out, '*');
  if (span.italic) out = wrapMarker(out, '_');
  if (span.strike) out = wrapMarker(out, '~');
  return out;
}

/** A mention of a user id; an id that is not a plain Slack id is shown as escaped text, never as markup. */
function renderUser(id: string): string {
  return isSlackId(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/**
 * A channel, user group or link of user text as live mrkdwn (`<#C1>`, `<!subteam^S1>`, `<https://…|label>`),
 * styled like the text around it; null when the span carries none, or one whose id or URL could break
 * out of its markup (it is then shown as escaped text).
 */
function renderEntity(span: Extract<Span, { kind: 'text' }>): string | null {
  const { entity } = span;
  if (!entity) return null;
  let out: string;
  if (entity.kind === 'link') {
    if (!isSafeUrl(entity.url)) return null;
    out = entity.label
      ? `<${entity.url}|${escapeMrkdwn(withoutBidiControls(entity.label))}>`
      : `<${entity.url}>`;
  } else {
    if (!isSlackId(entity.id)) return null;
    out = entity.kind === 'channel' ? `<#${entity.id}>` : `<!subteam^${entity.id}>`;
  }
  if (span.bold) out = wrapMarker(out, '*');
  if (span.italic) out = wrapMarker(out, '_');
  if (span.strike) out = wrapMarker(out, '~');
  return out;
}

/** A span as mrkdwn; entities (people, channels, groups, links) are whole pieces, never cut. */
function renderPiece(span: Span): { piece: string; whole: boolean } {
  if (span.kind === 'user') return { piece: renderUser(span.id), whole: true };
  const entity = renderEntity(span);
  return entity === null
    ? { piece: renderTextSpan(span, span.text), whole: false }
    : { piece: entity, whole: true };
}

/**
 * Renders spans as mrkdwn of at most `max` characters. A cut happens inside user text (before escaping,
 * so no `&amp;` is split) or before a mention (never inside one), and ends with `…`.
 */
export function renderSpans(spans: Span[], max: number): string {
  let out = '';
  for (const span of spans) {
    const { piece, whole } = renderPiece(span);
    if (out.length + piece.length <= max) {
      out += piece;
      continue;
    }
    const room = max - out.length - ELLIPSIS.length;
    if (span.kind === 'text' && !whole) out += longestTextFitting(span, room);
    return `${out}${ELLIPSIS}`;
  }
  return out;
}

/** The longest prefix of the span's text whose rendering fits in `room` characters. */
function longestTextFitting(span: Extract<Span, { kind: 'text' }>, room: number): string {
  const chars = Array.from(span.text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderTextSpan(span, chars.slice(0, mid).join('')).length <= room) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : renderTextSpan(span, chars.slice(0, low).join(''));
}

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: cutPlain(text, max),
  emoji: true,
});

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

function renderButton(button: Button, actionId: string): types.Button {
  if (button.value.length > LIMITS.buttonValue) {
    // An opaque value cannot be cut without breaking it; the core keeps values short.
    throw new Error(`Button value for ${button.id} is ${button.value.length} characters (limit 2,000)`);
  }
  return {
    type: 'button',
    action_id: actionId,
    text: plain(button.label, LIMITS.buttonText),
    value: button.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

/** Overflow option values carry the button id and its value, as `id:value`. */
export function encodeMenuValue(id: ButtonId, value: string): string {
  const encoded = `${id}:${value}`;
  if (encoded.length > LIMITS.optionValue) {
    throw new Error(`Menu value for ${id} is ${encoded.length} characters (limit 150)`);
  }
  return encoded;
}

export function decodeMenuValue(encoded: string): { id: ButtonId; value: string } | null {
  const colon = encoded.indexOf(':');
  if (colon < 0) return null;
  const id = encoded.slice(0, colon);
  return isButtonId(id) ? { id, value: encoded.slice(colon + 1) } : null;
}

/**
 * Buttons and menu as action elements. action_ids must be unique within a block, so a repeated id gets a
 * `#n` suffix that `buttonIdOf` strips. A one-item menu becomes a button (an overflow needs two options);
 * menu items past five become buttons too.
 */
function actionElements(block: Extract<Block, { kind: 'buttons' }>): ActionsElement[] {
  const menu = block.menu ?? [];
  const asButtons = [...block.buttons, ...(menu.length < LIMITS.overflowMin ? menu : [])];
  const overflow = menu.length >= LIMITS.overflowMin ? menu.slice(0, LIMITS.overflowMax) : [];
  asButtons.push(...menu.slice(LIMITS.overflowMax));
  const seen = new Map<string, number>();
  const elements: ActionsElement[] = asButtons.map((button) => {
    const count = seen.get(button.id) ?? 0;
    seen.set(button.id, count + 1);
    return renderButton(button, count === 0 ? button.id : `${button.id}#${count}`);
  });
  if (overflow.length > 0) {
    elements.push({
      type: 'overflow',
      action_id: MENU_ACTION_ID,
      options: overflow.map((item) => ({
        text: plain(item.label, LIMITS.buttonText),
        value: encodeMenuValue(item.id, item.value),
      })),
    });
  }
  return elements;
}

/** The ButtonId behind a button's action_id (without the `#n` de-duplication suffix). */
export function buttonIdOf(actionId: string): ButtonId | null {
  const id = actionId.split('#')[0] ?? '';
  return isButtonId(id) ? id : null;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One View block as zero or more Block Kit blocks (empty text renders nothing: Slack refuses it). */
function renderBlock(block: Block): KnownBlock[] {
  switch (block.kind) {
    case 'header': {
      const text = block.text.trim();
      return text === '' ? [] : [{ type: 'header', text: plain(text, LIMITS.header) }];
    }
    case 'section': {
      const text = renderSpans(block.spans, LIMITS.sectionText);
      return text.trim() === '' ? [] : [{ type: 'section', text: mrkdwn(text) }];
    }
    case 'fields':
      return chunk(block.fields, LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((f) =>
          mrkdwn(
            renderSpans(
              [{ kind: 'text', text: f.label, bold: true }, { kind: 'text', text: '\n' }, ...f.spans],
              LIMITS.fieldText,
            ),
          ),
        ),
      }));
    case 'context': {
      const text = renderSpans(block.spans, LIMITS.contextText);
      return text.trim() === '' ? [] : [{ type: 'context', elements: [mrkdwn(text)] }];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'buttons':
      return chunk(actionElements(block), LIMITS.actionsElements).map((elements) => ({
        type: 'actions',
        elements,
      }));
  }
}

/** Items are what a reader counts: sections (an action, a line of a list); dividers and buttons are not. */
function countItems(blocks: KnownBlock[]): number {
  return blocks.filter((b) => b.type === 'section').length;
}

/**
 * At most 50 blocks: when more, the first 49 stay and the last says how many items were left out.
 * A trailing divider or actions block cut off from its section is dropped with the rest.
 */
function capBlocks(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  const cut = blocks.slice(LIMITS.blocks - 1);
  const hidden = countItems(cut) || cut.length;
  const prefix = traitsOf('slack').commandPrefix;
  const note = `${ELLIPSIS}and ${hidden} more not shown here. Narrow the list, e.g. \`${prefix}list mine\` or \`${prefix}list overdue\`.`;
  return [...kept, { type: 'context', elements: [mrkdwn(note)] }];
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The message Slack is sent for a View: blocks within the limits and escaped fallback text. */
export function renderView(view: View): SlackMessage {
  const blocks = capBlocks(view.blocks.flatMap(renderBlock));
  const fallback = view.text.trim() === '' ? 'Arising' : view.text;
  return { text: renderSpans([{ kind: 'text', text: fallback }], LIMITS.fallbackText), blocks };
}
