/**
 * The names of the people who own actions, for papers a clerk reads: Teams' display names as the bot
 * has seen them (kept in Redis by the Teams adapter), the console's demo people. Slack's are not known:
 * the app does not ask for `users:read`, so a Slack owner stays `@U123` on the papers.
 */

import { demoNames } from '../console/demo';
import type { Action, ChannelRef } from '../core/domain';
import { RedisConversationReferences } from '../store/redis-conversation-references';
import type { StoreSession } from './cli-store';

export async function peopleNames(
  session: Pick<StoreSession, 'redis' | 'config'>,
  channel: ChannelRef,
  actions: Action[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(actions.flatMap((a) => a.owners.flatMap((o) => (o.kind === 'user' ? [o.id] : [])))),
  ];
  if (channel.platform === 'console') return demoNames();
  if (channel.platform !== 'teams' || ids.length === 0) return new Map();
  return new RedisConversationReferences(session.redis, session.config.redisPrefix).names(channel.team, ids);
}
