/**
 * The answer to `list`: one line per action, soonest due first, overdue ones marked. Long lists are cut
 * with a note saying how many more there are, so the message stays within every platform's limits.
 */
import type { ListFilter } from '../command';
import type { Action } from '../domain';
import { isOverdue } from '../list-filter';
import { type Block, type Span, text, type View } from '../view';
import { type CardContext, dueLabel, ownerSpans, taskSpans } from './action-card';

/** Most actions shown in one list; the rest are counted. */
export const MAX_LISTED = 40;

function describeFilter(filter: ListFilter): string {
  switch (filter.kind) {
    case 'open':
      return 'Open actions';
    case 'overdue':
      return 'Overdue actions';
    case 'mine':
      return 'Your open actions';
    case 'done':
      return 'Closed actions';
    case 'all':
      return 'All actions';
    case 'owner':
      return `Open actions of ${filter.owner.kind === 'alias' ? filter.owner.name : 'that person'}`;
  }
}

function lineFor(action: Action, ctx: CardContext): Span[] {
  const overdue = isOverdue(action, ctx.now);
  const mark = overdue ? '⚠️ ' : action.state === 'done' ? '✅ ' : action.state === 'dropped' ? '🚫 ' : '';
  return [
    text(`${mark}#${action.number} `, { bold: true }),
    ...ownerSpans(action.owners),
    text(' — '),
    ...taskSpans(action, { strike: action.state !== 'open' }),
    text(` · ${dueLabel(action, ctx)}`, { bold: overdue }),
  ];
}

/** `commandPrefix`: what goes before `add` where the list is shown (the platform's, from its traits). */
export function listView(
  actions: Action[],
  filter: ListFilter,
  ctx: CardContext,
  commandPrefix = '/action ',
): View {
  const title = describeFilter(filter);
  if (actions.length === 0) {
    const hint =
      filter.kind === 'open'
        ? ` Add one with \`${commandPrefix}add @someone to do something by Friday\`.`
        : '';
    return {
      text: `${title}: none.`,
      blocks: [{ kind: 'section', spans: [text(`${title}: none.${hint}`)] }],
    };
  }
  const overdue = actions.filter((a) => isOverdue(a, ctx.now)).length;
  const summary = `${title}: ${actions.length}${overdue > 0 ? `, ${overdue} overdue` : ''}`;
  const blocks: Block[] = [{ kind: 'header', text: summary }];
  for (const action of actions.slice(0, MAX_LISTED))
    blocks.push({ kind: 'section', spans: lineFor(action, ctx) });
  if (actions.length > MAX_LISTED) {
    const more = actions.length - MAX_LISTED;
    blocks.push({
      kind: 'context',
      spans: [
        text(`…and ${more} more. Narrow the list with \`list overdue\`, \`list mine\` or \`list @someone\`.`),
      ],
    });
  }
  return { text: summary, blocks };
}
