/**
 * Who may do what (CONTRACT.md): anyone in the channel may add and note; the owners (directly or as one
 * of an alias's people, an email address acting on the action's page among them), whoever raised the
 * action and the channel's chairs may close, snooze, reassign or drop it; once a channel has chairs, only they may change its chairs, aliases, settings and meetings.
 * Kept in one place so Slack, Teams and the console refuse the same things the same way.
 */
import type { Action, ChannelSettings } from './domain';
import { UserError } from './errors';
import { isOwner } from './owners';
import { type Span, text, user } from './view';

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
  return isOwner(action.owners, aliases, userId);
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

/**
 * What only a channel's chairs may change once it has chairs, as the words that finish "Only this
 * channel's chairs can …". Aliases are among them because mapping an alias to yourself makes you one of its
 * owners, able to close, snooze, reassign or drop its actions and to take its reminders from its people;
 * meetings because moving the next meeting moves every action due by it.
 */
export type ChannelChange =
  | 'change its chairs'
  | 'change its aliases'
  | 'change its settings'
  | 'change its meetings';

/**
 * True when the user may change the channel's chairs, aliases, settings and meetings: anyone while it has
 * no chairs (so a new channel works at once, and whoever sets it up first becomes its chair), and once it
 * has chairs, only they.
 */
export function mayRunChannel(userId: string, settings: ChannelSettings): boolean {
  return settings.chairs.length === 0 || settings.chairs.includes(userId);
}

/** Throws a refusal that names the chairs to ask, when the user may not make the change. */
export function assertMayRunChannel(userId: string, settings: ChannelSettings, change: ChannelChange): void {
  if (mayRunChannel(userId, settings)) return;
  const spans: Span[] = [text("Only this channel's chairs (")];
  settings.chairs.forEach((id, i) => {
    if (i > 0) spans.push(text(', '));
    spans.push(user(id));
  });
  spans.push(text(`) can ${change}. Ask one of them.`));
  throw new UserError(
    'forbidden',
    `Only this channel's chairs can ${change}. Ask one of them; \`settings\` shows who they are.`,
    spans,
  );
}
