/**
 * The overdue digest: every open action past its due moment, grouped by owner, most overdue first, with
 * how many days late each is. An action with two owners appears under both, since each should see it.
 * The owner most behind comes first. Long digests are cut with a count, so the post stays within every
 * platform's limits.
 */
import type { Action, Owner } from '../domain';
import { formatDue, overdueDays } from '../format-date';
import { ownerKey } from '../owners';
import { type Block, type Span, text, type View } from '../view';
import { ownerSpan, taskSpans } from '../views/action-card';

/** Owners shown in one digest; the rest are counted. */
export const MAX_DIGEST_OWNERS = 20;
/** Actions shown under one owner; the rest are counted. */
export const MAX_DIGEST_LINES = 10;

export interface DigestContext {
  now: Date;
  timezone: string;
}

export interface OverdueItem {
  action: Action;
  /** Whole local calendar days late (0 on the due day after the due time). */
  days: number;
}

export interface OwnerGroup {
  /** Null for actions with no owner. */
  owner: Owner | null;
  items: OverdueItem[];
}

/** Open actions whose due moment has passed, most overdue first (then by number). */
export function overdueItems(actions: readonly Action[], ctx: DigestContext): OverdueItem[] {
  return actions
    .filter((a) => a.state === 'open' && a.due !== null && Date.parse(a.due.at) < ctx.now.getTime())
    .map((action) => ({ action, days: action.due ? overdueDays(action.due, ctx.now, ctx.timezone) : 0 }))
    .sort((a, b) => dueMs(a.action) - dueMs(b.action) || a.action.number - b.action.number);
}

function dueMs(action: Action): number {
  return action.due ? Date.parse(action.due.at) : Number.POSITIVE_INFINITY;
}

/** Groups by owner (an alias in any case is one owner); groups ordered by their most overdue action. */
export function groupByOwner(items: readonly OverdueItem[]): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const item of items) {
    const owners: (Owner | null)[] = item.action.owners.length > 0 ? item.action.owners : [null];
    for (const owner of owners) {
      const key = owner ? ownerKey(owner) : 'none';
      const group = groups.get(key) ?? { owner, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
  }
  // Items arrive most overdue first, so each group's first item is its most overdue; Map keeps first-seen
  // order, which is therefore already "most overdue owner first". Sorting again keeps that explicit.
  return [...groups.values()].sort((a, b) => firstDue(a) - firstDue(b));
}

function firstDue(group: OwnerGroup): number {
  const first = group.items[0];
  return first ? dueMs(first.action) : Number.POSITIVE_INFINITY;
}

/** `3 days overdue`, or `due earlier today`: the words every rendering of the digest uses. */
export function lateLabel(days: number): string {
  if (days === 0) return 'due earlier today';
  return `${days} day${days === 1 ? '' : 's'} overdue`;
}

function ownerHeading(owner: Owner | null): Span[] {
  if (owner === null) return [text('No owner', { bold: true })];
  return [ownerSpan(owner)];
}

function groupBlock(group: OwnerGroup, ctx: DigestContext): Block {
  const spans: Span[] = [...ownerHeading(group.owner), text(` — ${group.items.length} overdue`)];
  for (const { action, days } of group.items.slice(0, MAX_DIGEST_LINES)) {
    const when = action.due ? ` (due ${formatDue(action.due, ctx)})` : '';
    spans.push(
      text('\n• '),
      text(`#${action.number} `, { bold: true }),
      ...taskSpans(action),
      text(` — ${lateLabel(days)}${when}`),
    );
  }
  const more = group.items.length - MAX_DIGEST_LINES;
  if (more > 0) spans.push(text(`\n…and ${more} more`));
  return { kind: 'section', spans };
}

/** The digest of these actions, or null when none is overdue (nothing is posted then). */
export function overdueDigestView(actions: readonly Action[], ctx: DigestContext): View | null {
  const items = overdueItems(actions, ctx);
  if (items.length === 0) return null;
  const groups = groupByOwner(items);
  const title = `Overdue actions: ${items.length}`;
  const blocks: Block[] = [{ kind: 'header', text: title }];
  for (const group of groups.slice(0, MAX_DIGEST_OWNERS)) blocks.push(groupBlock(group, ctx));
  const moreOwners = groups.length - MAX_DIGEST_OWNERS;
  const footer = [
    moreOwners > 0 ? `…and ${moreOwners} more owners; \`list overdue\` shows them all. ` : '',
    'Close one with `done 4`, or move it on with `snooze 4`.',
  ].join('');
  blocks.push({ kind: 'context', spans: [text(footer)] });
  const worst = items[0];
  const summary = worst ? `, the oldest ${lateLabel(worst.days)}` : '';
  return { text: `${title}${summary}`, blocks };
}
