/**
 * The SendLedger on Redis: one hash per keyed send (`${prefix}:send:<key>`, keys.ts) with
 * - `state`: `leased` (a sender is posting), `open` (a sender gave its lease back after a failed post) or
 *   `sent` (the platform answered);
 * - `token` and `until` (Redis server time, ms) while leased: whose lease it is and when it runs out;
 * - `startedAt` (the first attempt's start, the caller's clock in ms): where a retry looks for the post;
 * - `attempts`: how many senders began it; `message`: the posted message's JSON ('' when undeliverable).
 *
 * Each step is one Lua script, so two senders can never both take a lease. Lease expiry is judged by
 * Redis's own clock (TIME), so workers on machines whose clocks differ agree on it.
 */
import { z } from 'zod';
import { type MessageRef, MessageRefSchema } from '../core/domain';
import type { SendBegin, SendLedger } from '../core/ports';
import { sendKey } from './keys';
import type { RedisClient } from './redis-connection';
import { LuaScript } from './scripts';

/** Redis server time in ms, as a Lua expression's prelude. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * KEYS: send. ARGV: token, lease ms, startedAt ms, keep ms.
 * Returns {'sent', message JSON or ''}, {'busy', ms left} or {'leased', attempt, earlier startedAt or ''}.
 */
const BEGIN = new LuaScript(`${NOW}
local s = redis.call('HMGET', KEYS[1], 'state', 'until', 'message', 'startedAt')
if s[1] == 'sent' then return { 'sent', s[3] or '' } end
if s[1] == 'leased' and tonumber(s[2]) > now then return { 'busy', tostring(tonumber(s[2]) - now) } end
local attempt = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'state', 'leased', 'token', ARGV[1], 'until', now + tonumber(ARGV[2]))
if not s[4] then redis.call('HSET', KEYS[1], 'startedAt', ARGV[3]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { 'leased', tostring(attempt), s[4] or '' }
`);

/** KEYS: send. ARGV: token, lease ms. 1 when the lease was this token's and is extended. */
const RENEW = new LuaScript(`${NOW}
local s = redis.call('HMGET', KEYS[1], 'state', 'token')
if s[1] ~= 'leased' or s[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'until', now + tonumber(ARGV[2]))
return 1
`);

/** KEYS: send. ARGV: message JSON or '', keep ms. Sent is a fact, whoever held the lease. */
const MARK_SENT = new LuaScript(`
redis.call('HSET', KEYS[1], 'state', 'sent', 'message', ARGV[1])
redis.call('HDEL', KEYS[1], 'token', 'until')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/** KEYS: send. ARGV: token. Keeps startedAt, so the retry checks whether the failed post landed. */
const RELEASE = new LuaScript(`
local s = redis.call('HMGET', KEYS[1], 'state', 'token')
if s[1] ~= 'leased' or s[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'open')
redis.call('HDEL', KEYS[1], 'token', 'until')
return 1
`);

const BeginReplySchema = z.union([
  z.tuple([z.literal('sent'), z.string()]),
  z.tuple([z.literal('busy'), z.string()]),
  z.tuple([z.literal('leased'), z.string(), z.string()]),
]);

function parseMessage(json: string): MessageRef | null {
  if (json === '') return null;
  const parsed = MessageRefSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export class RedisSendLedger implements SendLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async begin(
    key: string,
    token: string,
    startedAt: Date,
    leaseMs: number,
    keepSeconds: number,
  ): Promise<SendBegin> {
    const args = [token, Math.ceil(leaseMs), startedAt.getTime(), keepSeconds * 1000];
    const reply = BeginReplySchema.parse(await BEGIN.run(this.redis, [this.key(key)], args));
    switch (reply[0]) {
      case 'sent':
        return { kind: 'sent', message: parseMessage(reply[1]) };
      case 'busy':
        return { kind: 'busy', leaseLeftMs: Number(reply[1]) };
      case 'leased': {
        const earlier = reply[2] === '' ? null : new Date(Number(reply[2]));
        return { kind: 'leased', attempt: Number(reply[1]), earlierAttemptAt: earlier };
      }
    }
  }

  async renew(key: string, token: string, leaseMs: number): Promise<boolean> {
    return (await RENEW.run(this.redis, [this.key(key)], [token, Math.ceil(leaseMs)])) === 1;
  }

  async markSent(key: string, message: MessageRef | null, keepSeconds: number): Promise<void> {
    const json = message ? JSON.stringify(message) : '';
    await MARK_SENT.run(this.redis, [this.key(key)], [json, keepSeconds * 1000]);
  }

  async release(key: string, token: string): Promise<void> {
    await RELEASE.run(this.redis, [this.key(key)], [token]);
  }

  private key(key: string): string {
    return sendKey(this.prefix, key);
  }
}
