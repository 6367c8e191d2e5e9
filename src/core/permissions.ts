/**
 * Who may do what (CONTRACT.md): anyone in the channel may add and note; the owners (directly or as one
 * of an alias's people), whoever raised the action and the channel's chairs may close, snooze, reassign
 * or drop it. Kept in one place so Slack, Teams and the console refuse the same things the same way.
 */
import type { Action, ChannelSettings } from './domain';
import { UserError } from './errors';
import { resolveOwnerUsers } from './owners';

export type GuardedChange = 'close' | 'snooze' | 'change the due date of' | 'reassign' | 'drop';

/** True when the user may close, snooze, reassign or drop the action. */
export function mayModify(
  userId: string,
  action: Action,
  aliases: Record<string, string[]>,
  settings: ChannelSettings,
): boolean {
  if (action.raisedBy === userId) return true;
  if (settings.chairs.includes(userId)) return true;
  return resolveOwnerUsers(action.owners, aliases).includes(userId);
}

/** Throws a refusal that says why, when the user may not make the change. */
export function assertMayModify(
  userId: string,
  action: Action,
  aliases: Record<string, string[]>,
  settings: ChannelSettings,
  change: GuardedChange,
): void {
  if (mayModify(userId, action, aliases, settings)) return;
  const mapped = new Set(Object.keys(aliases).map((name) => name.toLowerCase()));
  const aliasHint = action.owners.some((o) => o.kind === 'alias' && !mapped.has(o.name.toLowerCase()))
    ? ' If you speak for an owner such as an organisation, ask a chair to map it to people with `owner NAME = @you`.'
    : '';
  throw new UserError(
    'forbidden',
    `You can't ${change} #${action.number}: only its owners, whoever raised it and the channel's chairs may.${aliasHint}`,
  );
}
