/**
 * The store's Lua scripts: each writes an action and all its indexes in one atomic step, so no reader ever
 * sees an index entry without its record or a record without its history entry.
 *
 * The scripts never decode or re-encode JSON (Lua's cjson turns empty arrays into objects); the record's
 * JSON is written as the caller serialised it. The version and the card's message live in hash fields of
 * their own, so a script can compare the one and set the other without touching the JSON.
 *
 * Cluster note: `create` learns the action's number from INCR, so it builds the record and history keys
 * from a base passed in ARGV. Those keys are not declared in KEYS, but they carry the same hash tag as the
 * declared counter key, so they are always in the same slot on the same node.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-connection';

/** A Lua script run by SHA (EVALSHA), loaded with EVAL the first time the server does not know it. */
export class LuaScript {
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
        return redis.eval(this.lua, keys.length, ...keys, ...args);
      }
      throw err;
    }
  }
}

/**
 * Creates a batch of actions in one channel, numbered in order from the channel's counter.
 * KEYS: seq, state:open, state:done, state:dropped.
 * ARGV: actionBase, historyBase, then per action: state, score, record JSON, history JSON, message JSON
 * (empty when none), owner index keys JSON (owner-index.ts). Returns the first number. Checks every state before writing anything, so a bad one
 * writes nothing.
 */
export const createScript = new LuaScript(`
local indexes = { open = KEYS[2], done = KEYS[3], dropped = KEYS[4] }
local count = math.floor((#ARGV - 2) / 6)
if count < 1 or (#ARGV - 2) % 6 ~= 0 then
  return redis.error_reply('ERR arising create: bad argument count')
end
for i = 0, count - 1 do
  if not indexes[ARGV[3 + i * 6]] then
    return redis.error_reply('ERR arising create: unknown state ' .. tostring(ARGV[3 + i * 6]))
  end
end
local last = redis.call('INCRBY', KEYS[1], count)
local first = last - count + 1
for i = 0, count - 1 do
  local at = 3 + i * 6
  local n = first + i
  redis.call('HSET', ARGV[1] .. n, 'json', ARGV[at + 2], 'version', 0, 'idx', ARGV[at + 5])
  for _, key in ipairs(cjson.decode(ARGV[at + 5])) do redis.call('ZADD', key, ARGV[at + 1], n) end
  if ARGV[at + 4] ~= '' then redis.call('HSET', ARGV[1] .. n, 'message', ARGV[at + 4]) end
  redis.call('ZADD', indexes[ARGV[at]], ARGV[at + 1], n)
  redis.call('RPUSH', ARGV[2] .. n, ARGV[at + 3])
end
return first
`);

/** What `updateScript` returns instead of a version. */
export const UPDATE_MISSING = -1;
export const UPDATE_STALE = -2;

/**
 * Replaces an action if its stored version is the expected one.
 * KEYS: action:n, state:open, state:done, state:dropped, history:n.
 * ARGV: expected version, record JSON, state, score, history JSON, number, message JSON (empty: keep the
 * stored one, so an update built from data read before the card was attached does not lose the card),
 * owner index keys JSON: the action leaves the index sets its `idx` field names and joins these.
 * Returns `[new version, stored message JSON or '']`, or `[UPDATE_MISSING]` when there is no such action,
 * or `[UPDATE_STALE]` when the version differs (and then writes nothing).
 */
export const updateScript = new LuaScript(`
local stored = redis.call('HGET', KEYS[1], 'version')
if not stored then return { ${UPDATE_MISSING} } end
local version = tonumber(stored)
if version ~= tonumber(ARGV[1]) then return { ${UPDATE_STALE} } end
local index = ({ open = KEYS[2], done = KEYS[3], dropped = KEYS[4] })[ARGV[3]]
if not index then
  return redis.error_reply('ERR arising update: unknown state ' .. tostring(ARGV[3]))
end
local before = redis.call('HGET', KEYS[1], 'idx')
if before then
  for _, key in ipairs(cjson.decode(before)) do redis.call('ZREM', key, ARGV[6]) end
end
for _, key in ipairs(cjson.decode(ARGV[8])) do redis.call('ZADD', key, ARGV[4], ARGV[6]) end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', version + 1, 'idx', ARGV[8])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'message', ARGV[7]) end
redis.call('ZREM', KEYS[2], ARGV[6])
redis.call('ZREM', KEYS[3], ARGV[6])
redis.call('ZREM', KEYS[4], ARGV[6])
redis.call('ZADD', index, ARGV[4], ARGV[6])
redis.call('RPUSH', KEYS[5], ARGV[5])
return { version + 1, redis.call('HGET', KEYS[1], 'message') or '' }
`);

/**
 * Sets the card's message of an existing action, without a new version or history entry.
 * KEYS: action:n. ARGV: message JSON. Returns 1, or 0 when there is no such action.
 */
export const attachScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'message', ARGV[1])
return 1
`);

/**
 * Reads an action and its channel's settings, aliases and meetings in one step: one command and one reply
 * instead of four, and a consistent snapshot (no settings change lands between reading the action and
 * reading the settings). All four keys carry the channel's hash tag, so they share one slot.
 * KEYS: action:n, settings, aliases, meetings. ARGV: the action's hash fields, in the order wanted.
 * Returns `[action fields (nil for a missing one), settings JSON or nil, aliases as HGETALL's flat
 * field/value list, meetings JSON or nil]`.
 */
export const actionWithChannelScript = new LuaScript(`
return {
  redis.call('HMGET', KEYS[1], unpack(ARGV)),
  redis.call('GET', KEYS[2]),
  redis.call('HGETALL', KEYS[3]),
  redis.call('GET', KEYS[4])
}
`);
