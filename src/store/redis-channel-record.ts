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

/** Stores ARGV[2] in KEYS[1] if the key still holds ARGV[1]. Returns 1 when it stored, 0 when it had changed. */
const compareAndSetScript = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
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
 * Stores `value` if the key still holds `raw`. A record not there yet needs no script: SET NX is the same
 * test in one command (and a new channel's first change then needs no scripting rights at all).
 */
async function storeIfUnchanged(
  redis: RedisClient,
  key: string,
  raw: string | null,
  value: string,
): Promise<boolean> {
  if (raw === null) return (await redisIo(() => redis.set(key, value, 'NX'))) === 'OK';
  return (await redisIo(() => compareAndSetScript.run(redis, [key], [raw, value]))) === 1;
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
    if (await storeIfUnchanged(redis, key, raw, value)) {
      return { before, after: decodeRecord(schema, value, key), changed: true };
    }
  }
  throw new ConflictError(`${key} kept changing while a change of it was being made`);
}
