/**
 * `ActionStore.openActionsOf` on Redis: each of the workspace's channels (from the channels set) is asked
 * with one read script on its owner index (owner-index.ts), all in parallel, and the records found are
 * read in one round trip per channel. A channel not yet marked as indexed (data stored before the index
 * existed) is indexed first. An action that is no longer open by the time it is read is left out.
 */
import type { ChainableCommander } from 'ioredis';
import { z } from 'zod';
import type { Action, ChannelRef } from '../core/domain';
import { type UserActions, userActionsOf, type Workspace } from '../core/user-actions';
import { channelKeys } from './keys';
import { backfillScript, indexKeysJson, ownerIndexKeys, userActionsScript } from './owner-index';
import { ACTION_FIELDS, decodeListedAction, dueScore } from './record-codec';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

export interface UserActionsSource {
  redis: RedisClient;
  prefix: string;
  channels(): Promise<ChannelRef[]>;
  /** The channel's open actions, for the backfill. */
  list(channel: ChannelRef): Promise<Action[]>;
}

/** The reply of userActionsScript: owned numbers, raised numbers; empty when the channel is not indexed. */
const NumberListSchema = z.array(z.string());
const UserActionsReplySchema = z.union([z.tuple([]), z.tuple([NumberListSchema, NumberListSchema])]);

export async function openActionsOnRedis(
  source: UserActionsSource,
  workspace: Workspace,
  userId: string,
): Promise<UserActions> {
  const channels = (await source.channels()).filter(
    (c) => c.platform === workspace.platform && c.team === workspace.team,
  );
  const found = await Promise.all(channels.map((c) => channelActionsOf(source, c, userId)));
  return userActionsOf(found.flat(), userId);
}

async function channelActionsOf(
  source: UserActionsSource,
  channel: ChannelRef,
  userId: string,
): Promise<{ action: Action; owned: boolean }[]> {
  const { redis, prefix } = source;
  const keys = channelKeys(prefix, channel);
  const index = ownerIndexKeys(prefix, channel);
  const ask = async () => {
    const reply = await redisIo(() =>
      userActionsScript.run(
        redis,
        [keys.aliases, index.user(userId), index.raised(userId), index.marker],
        [userId, index.aliasBase],
      ),
    );
    return UserActionsReplySchema.parse(reply);
  };
  let reply = await ask();
  if (reply.length === 0) {
    await backfill(source, channel);
    reply = await ask();
  }
  const [owned = [], raised = []] = reply.map((list) => list.map(Number));
  const numbers = [...owned, ...raised];
  if (numbers.length === 0) return [];
  const rows = await redisIo(() =>
    pipelined(redis, (p) => {
      for (const n of numbers) p.hmget(keys.action(n), ...ACTION_FIELDS);
    }),
  );
  const ownedSet = new Set(owned);
  return numbers.map((n, i) => ({
    action: decodeListedAction(keys.action(n), channel, n, rows[i]),
    owned: ownedSet.has(n),
  }));
}

/** Indexes the channel's open actions stored before the owner index existed, then marks the channel. */
async function backfill(source: UserActionsSource, channel: ChannelRef): Promise<void> {
  const { redis, prefix } = source;
  const open = await source.list(channel);
  const args = open.flatMap((a) => [a.number, a.version, dueScore(a.due), indexKeysJson(prefix, a)]);
  const marker = ownerIndexKeys(prefix, channel).marker;
  await redisIo(() =>
    backfillScript.run(redis, [marker], [channelKeys(prefix, channel).actionBase, ...args]),
  );
}

/** Sends the queued commands in one round trip and returns their replies, throwing the first error. */
async function pipelined(redis: RedisClient, queue: (p: ChainableCommander) => void): Promise<unknown[]> {
  const pipeline = redis.pipeline();
  queue(pipeline);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([err, reply]) => {
    if (err) throw err;
    return reply;
  });
}
