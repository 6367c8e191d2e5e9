/**
 * The owner index behind `ActionStore.openActionsOf` (the Slack Home tab): per channel, which open actions
 * each user owns, each alias owns, and each user raised. With `T` = the channel's keys' base
 * (`${prefix}:{platform:team:channel}`, keys.ts):
 * | key                  | type       | holds                                                      |
 * |----------------------|------------|------------------------------------------------------------|
 * | `T:owner:u:<userId>` | sorted set | numbers of open actions owned by that user, score = due ms |
 * | `T:owner:a:<alias>`  | sorted set | the same for an alias (name lower-cased, as the alias hash) |
 * | `T:raised:<userId>`  | sorted set | the same for actions that user raised                      |
 * and, on each action's hash, the field `idx`: the JSON list of the index keys the action is in, so that
 * the update script can take it out of its old owners' sets without reading its JSON.
 *
 * Why per channel, and not one per-user key across channels: the index is written by the very Lua
 * scripts that write the action (scripts.ts), so it can never disagree with the actions, not even after
 * a crash between two commands; a script may only touch one cluster slot, and every key here carries the
 * channel's hash tag. The price is on the read side: Home asks each of the workspace's channels (from the
 * channels set, never a keyspace scan) with one small read script each, in parallel. A per-user key would
 * be one read, but it would be written outside the action's script, so it could miss an action and
 * would need a repair pass; Home is opened far less often than actions change, so reads pay instead.
 *
 * Actions stored before the index existed have no `idx`. The first Home read of a channel that lacks the
 * marker `T:owner-index` indexes the channel's open actions that have none (`backfillScript`, which skips
 * any action changed since it was read: the update script has indexed it) and sets the marker, so an
 * upgraded install shows every action without a migration step.
 *
 * Alias owners are indexed by alias name, not by the alias's people, so mapping an alias to other people
 * needs no re-indexing: the read script looks up which of the channel's aliases name the user.
 *
 * The ids and names after the hash tag are not encoded: Redis takes the first `{…}` of a key as its tag,
 * so nothing after it can change the slot, and `u:`, `a:` and `raised:` keep the three kinds apart.
 */
import type { Action, ChannelRef } from '../core/domain';
import { channelTag } from './keys';
import { LuaScript } from './scripts';

export interface OwnerIndexKeys {
  /** Set once every action of the channel is indexed (see backfillScript). */
  marker: string;
  user(userId: string): string;
  /** `alias(name)` without the name, for the read script that learns the names from the alias hash. */
  aliasBase: string;
  alias(name: string): string;
  raised(userId: string): string;
}

export function ownerIndexKeys(prefix: string, ref: ChannelRef): OwnerIndexKeys {
  const base = `${prefix}:${channelTag(ref)}`;
  const aliasBase = `${base}:owner:a:`;
  return {
    marker: `${base}:owner-index`,
    user: (id) => `${base}:owner:u:${id}`,
    aliasBase,
    alias: (name) => `${aliasBase}${name.toLowerCase()}`,
    raised: (id) => `${base}:raised:${id}`,
  };
}

/** The index keys an action belongs in, as the JSON the scripts store in `idx`: none unless it is open. */
export function indexKeysJson(
  prefix: string,
  action: Pick<Action, 'channel' | 'owners' | 'raisedBy' | 'state'>,
): string {
  if (action.state !== 'open') return '[]';
  const keys = ownerIndexKeys(prefix, action.channel);
  // Email owners have no Home tab: they are not indexed.
  const owners = action.owners.flatMap((o) =>
    o.kind === 'user' ? [keys.user(o.id)] : o.kind === 'alias' ? [keys.alias(o.name)] : [],
  );
  return JSON.stringify([...new Set([...owners, keys.raised(action.raisedBy)])]);
}

/**
 * One channel's part of a user's Home: the numbers of open actions the user owns (directly or through an
 * alias of the channel that names them) and of those they raised and do not own.
 * KEYS: aliases, owner:u:<user>, raised:<user>, marker. ARGV: user id, alias index base.
 * Returns `[owned numbers, raised numbers]`, or `[]` when the channel is not yet marked as indexed (then
 * the caller backfills and asks again). Read only; every key carries the channel's hash tag.
 */
export const userActionsScript = new LuaScript(`
if redis.call('EXISTS', KEYS[4]) == 0 then return {} end
local owned, seen = {}, {}
local function add(numbers)
  for _, n in ipairs(numbers) do
    if not seen[n] then seen[n] = true; owned[#owned + 1] = n end
  end
end
add(redis.call('ZRANGE', KEYS[2], 0, -1))
local aliases = redis.call('HGETALL', KEYS[1])
for i = 2, #aliases, 2 do
  local ok, alias = pcall(cjson.decode, aliases[i])
  if ok and type(alias) == 'table' and type(alias.userIds) == 'table' then
    for _, id in ipairs(alias.userIds) do
      if id == ARGV[1] then add(redis.call('ZRANGE', ARGV[2] .. aliases[i - 1], 0, -1)); break end
    end
  end
end
local raised = {}
for _, n in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if not seen[n] then raised[#raised + 1] = n end
end
return { owned, raised }
`);

/**
 * Indexes actions stored before the owner index existed, then marks the channel as indexed.
 * KEYS: marker. ARGV: actionBase, then per action: number, version read, score, index keys JSON.
 * An action whose version changed since it was read, or that has an `idx` already, is left alone: the
 * update script indexed it. Returns how many were indexed.
 */
export const backfillScript = new LuaScript(`
local indexed = 0
for at = 2, #ARGV - 3, 4 do
  local key = ARGV[1] .. ARGV[at]
  local fields = redis.call('HMGET', key, 'version', 'idx')
  if fields[1] == ARGV[at + 1] and not fields[2] then
    redis.call('HSET', key, 'idx', ARGV[at + 3])
    for _, index in ipairs(cjson.decode(ARGV[at + 3])) do redis.call('ZADD', index, ARGV[at + 2], ARGV[at]) end
    indexed = indexed + 1
  end
end
redis.call('SET', KEYS[1], '1')
return indexed
`);
