/**
 * One person's open actions across every channel of a workspace, as the Slack Home tab ("My actions")
 * shows them: those they own, then those they raised. The store answers the query from an owner index
 * (src/store/owner-index.ts); the rules of who counts as an owner and of the order live here, so the
 * Redis and in-memory stores agree.
 */
import type { Action, Platform } from './domain';
import { isOwner } from './owners';

/** A workspace: a Slack team (or a Teams tenant) on one platform. */
export interface Workspace {
  platform: Platform;
  team: string;
}

export interface UserActions {
  /**
   * Open actions the user owns, by id or as one of the people of an alias of the action's channel (the
   * same owners the permission check accepts), in due order: overdue first, undated last.
   */
  owned: Action[];
  /** Open actions the user raised and does not own, in due order. */
  raised: Action[];
}

/** Whether the user owns the action, directly or through the channel's aliases. */
export function ownedBy(action: Action, userId: string, aliases: Record<string, string[]>): boolean {
  return isOwner(action.owners, aliases, userId);
}

/**
 * Splits one user's candidate actions (found in any number of channels) into owned and raised, each in
 * due order across channels, then by channel and number, so two calls give the same order.
 */
export function userActionsOf(
  candidates: readonly { action: Action; owned: boolean }[],
  userId: string,
): UserActions {
  const open = candidates.filter((c) => c.action.state === 'open');
  const owned = open.filter((c) => c.owned).map((c) => c.action);
  const raised = open.filter((c) => !c.owned && c.action.raisedBy === userId).map((c) => c.action);
  return { owned: acrossChannels(owned), raised: acrossChannels(raised) };
}

/** Due order across channels: by due instant (undated last), then channel, then number. */
function acrossChannels(actions: Action[]): Action[] {
  return actions
    .map((action) => ({ action, due: action.due ? Date.parse(action.due.at) : Number.POSITIVE_INFINITY }))
    .sort((a, b) => {
      if (a.due !== b.due) return a.due - b.due;
      const [ca, cb] = [a.action.channel.channel, b.action.channel.channel];
      if (ca !== cb) return ca < cb ? -1 : 1;
      return a.action.number - b.action.number;
    })
    .map((keyed) => keyed.action);
}
