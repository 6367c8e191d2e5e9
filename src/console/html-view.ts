/**
 * Renders the core's neutral View as HTML for the console, beside Block Kit (Slack) and Adaptive Cards
 * (Teams). The page inserts this HTML as it is, so this is where the console's safety lies: every piece
 * of text (user text, labels, button values) is escaped here, and the only markup is the renderer's own.
 * A `user` span shows the person's name (the demo people's names, or `@id` for anyone else).
 *
 * Buttons carry their id and value in data attributes; the page sends them back unchanged and the core
 * re-checks the value. Menu items that need words (a new due date, new owners, a reason) also carry what
 * to ask for, and the page asks before pressing.
 */
import { escapeHtml } from '../core/html-escape';
import { isSafeUrl } from '../core/text-entities';
import type { Block, Button, ButtonId, Span, View } from '../core/view';

export { escapeHtml };

/** What the page asks for before pressing a menu item whose command needs words. */
export const BUTTON_INPUTS: Partial<
  Record<ButtonId, { label: string; placeholder: string; required: boolean }>
> = {
  'change-due': { label: 'New due date', placeholder: 'next Friday, 31 July, or none', required: true },
  'add-note': { label: 'Progress note', placeholder: 'draft sent; figures next week', required: true },
  reassign: { label: 'New owners', placeholder: '@Sam and WYP', required: true },
  drop: { label: 'Why drop it? (optional)', placeholder: 'no longer needed', required: false },
};

/** `command words` in backticks as code, the rest as text; an unpaired backtick stays as typed. */
function withCode(text: string): string {
  const parts = text.split('`');
  if (parts.length < 3) return escapeHtml(text);
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)}\`${parts.at(-1)}`];
  return paired
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

/** The page's own download of matters arising (console-adapter.ts), the one link that is a path. */
const PAPER_DOWNLOAD = /^\/console\/api\/papers\.docx\?as=[\w%-]+$/;

/**
 * A link of user text: http(s) and mailto only, opened in a new tab, address and words escaped; or the
 * page's own document download.
 */
function linkHtml(url: string, words: string): string {
  if (PAPER_DOWNLOAD.test(url)) return `<a href="${escapeHtml(url)}" download>${escapeHtml(words)}</a>`;
  if (!isSafeUrl(url)) return escapeHtml(words);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer nofollow">${escapeHtml(words)}</a>`;
}

function renderSpan(span: Span, names: ReadonlyMap<string, string>): string {
  if (span.kind === 'user') {
    const name = names.get(span.id) ?? span.id;
    return `<span class="mention" data-user="${escapeHtml(span.id)}">@${escapeHtml(name)}</span>`;
  }
  let out =
    span.entity?.kind === 'link'
      ? linkHtml(span.entity.url, span.entity.label ?? span.entity.url)
      : withCode(span.text);
  if (span.bold) out = `<strong>${out}</strong>`;
  if (span.italic) out = `<em>${out}</em>`;
  if (span.strike) out = `<s>${out}</s>`;
  return out;
}

function renderSpans(spans: Span[], names: ReadonlyMap<string, string>): string {
  return spans.map((s) => renderSpan(s, names)).join('');
}

function renderButton(button: Button, inMenu: boolean): string {
  const classes = ['v-button', button.style ?? '', inMenu ? 'v-menu-item' : ''].filter(Boolean).join(' ');
  const input = BUTTON_INPUTS[button.id];
  const asks = input
    ? ` data-input="${escapeHtml(input.label)}" data-placeholder="${escapeHtml(input.placeholder)}" data-required="${input.required}"`
    : '';
  const label = input ? `${button.label}…` : button.label;
  return (
    `<button type="button" class="${classes}" data-button="${escapeHtml(button.id)}" ` +
    `data-value="${escapeHtml(button.value)}"${asks}>${escapeHtml(label)}</button>`
  );
}

function renderButtons(block: Extract<Block, { kind: 'buttons' }>): string {
  const buttons = block.buttons.map((b) => renderButton(b, false)).join('');
  const menu = block.menu ?? [];
  const more =
    menu.length === 0
      ? ''
      : `<details class="v-menu"><summary>More</summary><div class="v-menu-items">${menu
          .map((b) => renderButton(b, true))
          .join('')}</div></details>`;
  return `<div class="v-buttons">${buttons}${more}</div>`;
}

function renderBlock(block: Block, names: ReadonlyMap<string, string>): string {
  switch (block.kind) {
    case 'header':
      return `<div class="v-header">${escapeHtml(block.text)}</div>`;
    case 'section':
      return `<div class="v-section">${renderSpans(block.spans, names)}</div>`;
    case 'fields':
      return `<dl class="v-fields">${block.fields
        .map(
          (f) =>
            `<div class="v-field"><dt>${escapeHtml(f.label)}</dt><dd>${renderSpans(f.spans, names)}</dd></div>`,
        )
        .join('')}</dl>`;
    case 'context':
      return `<div class="v-context">${renderSpans(block.spans, names)}</div>`;
    case 'divider':
      return '<hr class="v-divider">';
    case 'buttons':
      return renderButtons(block);
  }
}

/** The View as an HTML fragment; a View without blocks shows its plain text. */
export function renderViewHtml(view: View, names: ReadonlyMap<string, string>): string {
  if (view.blocks.length === 0)
    return `<div class="view"><div class="v-section">${withCode(view.text)}</div></div>`;
  return `<div class="view">${view.blocks.map((b) => renderBlock(b, names)).join('')}</div>`;
}
