/**
 * A channel record kept as one JSON string key (its settings, its meetings): read, and changed atomically.
 *
 * Commands run side by side (Slack hands each slash command over on its own after the ack), so a read,
 * a change in JavaScript and a plain SET would lose whatever another command stored in between. The
 * update instead writes with a compare-and-set script: the new JSON is stored only if the key still holds
 * exactly what the change was computed from; otherwise the change runs again on the fresh record. It is
 * one key, so it works the same on a cluster. (WATCH would need a connection of its own per update: the
 * store shares one connection, on which another caller's EXEC would clear the watch.)
 */
import type { z } from 'zod';
import { ConflictError } from '../core/errors';
import { NO_CHANGE, type RecordChange, type RecordUpdate } from '../core/ports';
import { parseStored } from './record-codec';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';
import { LuaScript } from './scripts';

/**
 * How many times a change is tried before ConflictError. Each round of a race stores at least one of the
 * racers, so this many commands on one channel at the very same moment all get through.
 */
export const RECORD_UPDATE_ATTEMPTS = 50;

/**
 * Stores ARGV[3] in KEYS[1] if the key still holds ARGV[2] (ARGV[1] = '1'), or is still absent
 * (ARGV[1] = '0'). Returns 1 when it stored, 0 when the key had changed.
 */
const compareAndSetScript = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
return 1
`);

/** The record at `key`: the schema's defaults when there is none, CorruptRecordError when it is unreadable. */
export function decodeRecord<S extends z.ZodType>(schema: S, raw: string | null, key: string): z.output<S> {
  return raw === null ? schema.parse({}) : parseStored(schema, raw, key);
}

/** Reads the record at `key`, or its defaults. */
export async function readRecord<S extends z.ZodType>(
  redis: RedisClient,
  schema: S,
  key: string,
): Promise<z.output<S>> {
  return decodeRecord(schema, await redisIo(() => redis.get(key)), key);
}

/** Replaces the record at `key` whole, checked by the schema. */
export async function saveRecord<S extends z.ZodType>(
  redis: RedisClient,
  schema: S,
  key: string,
  record: z.output<S>,
): Promise<void> {
  const value = JSON.stringify(schema.parse(record));
  await redisIo(() => redis.set(key, value));
}

/**
 * Applies `change` to the record at `key` and stores the result if nothing else wrote the key meanwhile,
 * else tries again on what is there now (ActionStore.updateSettings). A lost connection is not retried:
 * the write may have happened, and running an appending change twice would store it twice.
 */
export async function updateRecord<S extends z.ZodType>(
  redis: RedisClient,
  schema: S,
  key: string,
  change: RecordChange<z.output<S>>,
): Promise<RecordUpdate<z.output<S>>> {
  for (let attempt = 0; attempt < RECORD_UPDATE_ATTEMPTS; attempt += 1) {
    const raw = await redisIo(() => redis.get(key));
    const before = decodeRecord(schema, raw, key);
    const next = change(decodeRecord(schema, raw, key));
    if (next === NO_CHANGE) return { before, after: before, changed: false };
    const value = JSON.stringify(schema.parse(next));
    const args = raw === null ? ['0', '', value] : ['1', raw, value];
    const stored = await redisIo(() => compareAndSetScript.run(redis, [key], args));
    if (stored === 1) return { before, after: decodeRecord(schema, value, key), changed: true };
  }
  throw new ConflictError(`${key} kept changing while a change of it was being made`);
}
