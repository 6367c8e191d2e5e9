/**
 * The overdue digest as Markdown (`arising digest --channel …`), from the same selection and grouping as
 * the chat digest (overdueItems, groupByOwner), so the command line and the channel never disagree. Unlike
 * a chat post it is not cut short: a file or a terminal has no message-size limit.
 */

import type { Action } from '../domain';
import { formatDue } from '../format-date';
import { ownerPlain } from '../matters/matters-markdown';
import { type DigestContext, groupByOwner, lateLabel, type OwnerGroup, overdueItems } from './digest-view';

/** One line of text: Markdown lists break on new lines inside an item. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function ownerSection(group: OwnerGroup, ctx: DigestContext): string[] {
  const owner = group.owner ? ownerPlain(group.owner) : 'No owner';
  const lines = group.items.map(({ action, days }) => {
    const when = action.due ? ` (due ${formatDue(action.due, ctx)})` : '';
    return `- **#${action.number}** ${inline(action.text)} — ${lateLabel(days)}${when}`;
  });
  return [`## ${owner} — ${group.items.length} overdue`, '', ...lines, ''];
}

/** The digest of these actions as of `ctx.now`; says so plainly when nothing is overdue. */
export function overdueDigestMarkdown(actions: readonly Action[], ctx: DigestContext): string {
  const items = overdueItems(actions, ctx);
  if (items.length === 0) return '# Overdue actions\n\nNothing is overdue.\n';
  const out = [`# Overdue actions: ${items.length}`, ''];
  for (const group of groupByOwner(items)) out.push(...ownerSection(group, ctx));
  return `${out.join('\n').trimEnd()}\n`;
}
