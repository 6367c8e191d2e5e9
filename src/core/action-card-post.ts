/**
 * Posting an action's card in its channel, the one way both the add command and the repair pass do it.
 *
 * Every card carries a key of its own (`cardKey`), derived from the action alone, so that a card whose
 * post reached the platform but was never linked to its action (the process died, or Redis went away,
 * between the post and `attachMessage`) can be found again with `Messenger.findPosted` instead of being
 * posted a second time.
 */

import { meetingTitleOf } from './action-updates';
import type { Action, MessageRef } from './domain';
import type { ChannelContext, ServiceDeps } from './service-deps';
import { actionCard } from './views/action-card';

/** The card's send key: `card:<platform>:<team>:<channel>:<number>`, the same whoever posts it. */
export function cardKey(action: Pick<Action, 'channel' | 'number'>): string {
  const { platform, team, channel } = action.channel;
  return `card:${platform}:${team}:${channel}:${action.number}`;
}

/** Posts the action's card with its key; null where the platform cannot deliver it (not in the channel). */
export function postCard(
  deps: Pick<ServiceDeps, 'messenger' | 'clock'>,
  action: Action,
  ctx: ChannelContext,
): Promise<MessageRef | null> {
  const view = actionCard(action, {
    now: deps.clock.now(),
    timezone: ctx.timezone,
    meetingTitle: meetingTitleOf(action, ctx),
  });
  return deps.messenger.post({ kind: 'channel', channel: action.channel }, view, { key: cardKey(action) });
}
