/** The names of the people who own a channel's actions, for the papers (src/app/people-names.ts). */
import { peopleNamesFrom } from '../app/people-names';
import type { Action, ChannelRef } from '../core/domain';
import { RedisConversationReferences } from '../store/redis-conversation-references';
import type { StoreSession } from './cli-store';

export function peopleNames(
  session: Pick<StoreSession, 'redis' | 'config'>,
  channel: ChannelRef,
  actions: Action[],
): Promise<Map<string, string>> {
  const ids = actions.flatMap((a) => a.owners.flatMap((o) => (o.kind === 'user' ? [o.id] : [])));
  const references = new RedisConversationReferences(session.redis, session.config.redisPrefix);
  return peopleNamesFrom(references)(channel, ids);
}
