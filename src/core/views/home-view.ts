/**
 * "My actions", the Slack Home tab: the open actions a person owns in every channel of the workspace,
 * overdue first then by due date, each with Done and Snooze (the card's own buttons and values, so a
 * press takes the card's path and its permission check); then those they raised. A page holds PAGE_SIZE
 * actions (two blocks each), so a page stays far inside Slack's 100 blocks a Home view may hold; the
 * platform adds Previous and Next from `page` and `pages`.
 */
import { traitsOf } from '../conversation/platform-traits';
import type { Action } from '../domain';
import { isOverdue } from '../list-filter';
import type { UserActions } from '../user-actions';
import { type Block, type Span, text, type View } from '../view';
import { type CardContext, dueLabel, ownerSpans } from './action-card';
import { actionButtonValue } from './button-value';

/** Actions per page: 2 blocks each, plus headings, a notice and the pager, well under 100 blocks. */
export const HOME_PAGE_SIZE = 20;

export interface HomeView {
  view: View;
  /** The page shown, from 0 (a page past the end shows the last). */
  page: number;
  pages: number;
}

/** How to word one action's due date: in its own channel's zone. */
export type HomeContext = (action: Action) => CardContext;

type Item = { action: Action; group: 'owned' | 'raised' };

/**
 * The action's channel, as a live mention: numbers are per channel, so two `#1`s on one Home differ
 * only by where they are. The plain words (for a renderer with no use for the entity) say the same.
 */
function channelSpan(action: Action): Span {
  const id = action.channel.channel;
  return text(`#${id}`, { entity: { kind: 'channel', id, label: null } });
}

function actionBlocks(action: Action, ctx: CardContext, group: Item['group']): Block[] {
  const overdue = isOverdue(action, ctx.now);
  const spans: Span[] = [
    text(`${overdue ? '⚠️ ' : ''}#${action.number}`, { bold: true }),
    text(' in '),
    channelSpan(action),
    text(' · '),
    text(action.text),
    text(` · ${dueLabel(action, ctx)}`, { bold: overdue }),
  ];
  if (group === 'raised') spans.push(text(' · owned by '), ...ownerSpans(action.owners));
  const value = actionButtonValue(action.channel, action.number);
  return [
    { kind: 'section', spans },
    {
      kind: 'buttons',
      buttons: [
        { id: 'done', label: 'Done', value, style: 'primary' },
        { id: 'snooze', label: 'Snooze a week', value },
      ],
    },
  ];
}

/** Names the workspace's own slash command (SLACK_COMMAND), as every Slack hint does. */
function emptyHint(): string {
  const command = traitsOf('slack').commandPrefix.trim();
  return `You have no open actions. Add one in any channel with \`${command} add @someone to do something by Friday\`; the actions you own or raise show up here.`;
}

/** The Home view for one page; `notice`, the answer to the person's last press, goes on top. */
export function homeView(
  actions: UserActions,
  page: number,
  contextOf: HomeContext,
  notice: View | null = null,
): HomeView {
  const top: Block[] = notice ? [...notice.blocks, { kind: 'divider' }] : [];
  const items: Item[] = [
    ...actions.owned.map((action) => ({ action, group: 'owned' as const })),
    ...actions.raised.map((action) => ({ action, group: 'raised' as const })),
  ];
  if (items.length === 0) {
    const blocks: Block[] = [...top, { kind: 'header', text: 'My actions' }];
    blocks.push({ kind: 'section', spans: [text(emptyHint())] });
    return { view: { text: 'My actions: none open.', blocks }, page: 0, pages: 1 };
  }
  const pages = Math.ceil(items.length / HOME_PAGE_SIZE);
  const shown = Math.min(Math.max(0, page), pages - 1);
  const onPage = items.slice(shown * HOME_PAGE_SIZE, (shown + 1) * HOME_PAGE_SIZE);
  const overdue = actions.owned.filter((a) => isOverdue(a, contextOf(a).now)).length;
  const summary = `You own ${actions.owned.length} open action${actions.owned.length === 1 ? '' : 's'}${
    overdue > 0 ? `, ${overdue} overdue` : ''
  }; you raised ${actions.raised.length} more.`;
  const blocks: Block[] = [
    ...top,
    { kind: 'header', text: 'My actions' },
    { kind: 'context', spans: [text(pages > 1 ? `${summary} Page ${shown + 1} of ${pages}.` : summary)] },
  ];
  let group: Item['group'] | null = null;
  for (const item of onPage) {
    if (item.group !== group) {
      if (item.group === 'raised')
        blocks.push({ kind: 'divider' }, { kind: 'header', text: 'Actions you raised' });
      group = item.group;
    }
    blocks.push(...actionBlocks(item.action, contextOf(item.action), item.group));
  }
  return { view: { text: `My actions: ${summary}`, blocks }, page: shown, pages };
}
