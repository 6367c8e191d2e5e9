/**
 * The reminder ledger (src/core/reminders/reminder-ledger.ts) on Redis: each action's pending reminder job
 * ids, so cancelling needs no scan of the queue; the version last planned, so a slow process cannot
 * overwrite a newer plan with an older one; the version whose plan is complete, for the repair pass; and
 * the reminder DMs shown, so they can be updated when the action closes. Sends themselves are recorded by
 * the SendLedger (redis-send-ledger.ts).
 *
 * Per action, keys live in the channel's hash-tagged namespace (keys.ts), so they sit in the same Redis
 * Cluster slot as the action itself. With `T` = `${prefix}:{platform:team:channel}`:
 * | key                              | type   | holds                                                        |
 * |----------------------------------|--------|--------------------------------------------------------------|
 * | `T:reminder-jobs:<n>`            | set    | ids of the action's pending reminder jobs (cancel, no scan)  |
 * | `T:reminder-plan:<n>`            | string | the action version last planned (an older plan is skipped)   |
 * | `T:reminder-planned:<n>`         | string | the newest version whose plan was written in full (repair)   |
 * | `T:reminder-dms:<n>`             | list   | JSON MessageRefs of reminder DMs, updated when it closes     |
 * | `T:matters-arising-job`          | string | id of the channel's pending matters-arising job              |
 * These names are what earlier versions wrote: a deploy keeps reading the ledger it finds.
 */
import { z } from 'zod';
import { type Action, type ChannelRef, type MessageRef, MessageRefSchema } from '../core/domain';
import type { PendingChange, ReminderLedger } from '../core/reminders/reminder-ledger';
import { channelTag } from './keys';
import type { RedisClient } from './redis-connection';
import { LuaScript } from './scripts';

export interface ActionJobKeys {
  jobs: string;
  plan: string;
  planned: string;
  dms: string;
}

/** The ledger's keys for one action (see the module comment). */
export function actionJobKeys(prefix: string, channel: ChannelRef, number: number): ActionJobKeys {
  const base = `${prefix}:${channelTag(channel)}`;
  return {
    jobs: `${base}:reminder-jobs:${number}`,
    plan: `${base}:reminder-plan:${number}`,
    planned: `${base}:reminder-planned:${number}`,
    dms: `${base}:reminder-dms:${number}`,
  };
}

/** The key of the channel's pending matters-arising job id. */
export function mattersArisingKey(prefix: string, channel: ChannelRef): string {
  return `${prefix}:${channelTag(channel)}:matters-arising-job`;
}

const DAY_MS = 86_400_000;
/** How long the list of shown DMs is kept after the last one: an action closed later is not updated. */
const DMS_KEPT_MS = 120 * DAY_MS;
/** Most DMs remembered per action (weekly reminders to many owners for months). */
const MAX_DMS = 200;
/** The pending set outlives its last job by this much, then goes by itself. */
const PENDING_SLACK_MS = 14 * DAY_MS;

/** Built once: every plan reads the pending ids, and building a zod schema costs far more than using it. */
const JobIdsSchema = z.array(z.string());

/**
 * Sets a version number unless a newer one is already recorded; 1 when it was set. Two keys use it: the
 * version being planned (a slow process cannot overwrite a newer plan with an older one; the same version
 * may be planned again when a channel's settings change or a weekly reminder fires), and the version whose
 * plan was written in full (the repair pass re-plans an open action whose recorded version is behind its
 * own: a plan that a crash or a Redis outage cut short, or never began). KEYS: the key. ARGV: version, TTL ms.
 */
const SET_UNLESS_NEWER = new LuaScript(`
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if current > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

/**
 * Appends a shown DM (once: a send recovered after a crash remembers it again), keeps the newest MAX_DMS
 * and renews the expiry, atomically: one command per reminder sent rather than a MULTI of five.
 * KEYS: the DMs list. ARGV: message JSON, MAX_DMS, DMS_KEPT_MS.
 */
const REMEMBER_DM = new LuaScript(`
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

export class RedisReminderLedger implements ReminderLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async remember(action: Action, message: MessageRef): Promise<void> {
    const key = actionJobKeys(this.prefix, action.channel, action.number).dms;
    await REMEMBER_DM.run(this.redis, [key], [JSON.stringify(message), MAX_DMS, DMS_KEPT_MS]);
  }

  /** The reminder DMs shown for the action, oldest first. */
  async remembered(channel: ChannelRef, number: number): Promise<MessageRef[]> {
    const raw = await this.redis.lrange(actionJobKeys(this.prefix, channel, number).dms, 0, -1);
    return raw.flatMap((r) => {
      const parsed = MessageRefSchema.safeParse(safeJson(r));
      return parsed.success ? [parsed.data] : [];
    });
  }

  async forgetRemembered(channel: ChannelRef, number: number, messages: MessageRef[]): Promise<void> {
    const key = actionJobKeys(this.prefix, channel, number).dms;
    if (messages.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const m of messages) pipeline.lrem(key, 0, JSON.stringify(m));
    await pipeline.exec();
  }

  async pending(channel: ChannelRef, number: number): Promise<string[]> {
    return JobIdsSchema.parse(await this.redis.smembers(actionJobKeys(this.prefix, channel, number).jobs));
  }

  /** Records added and cancelled job ids; the set expires a while after its last job is due. */
  async updatePending(channel: ChannelRef, number: number, change: PendingChange): Promise<void> {
    const key = actionJobKeys(this.prefix, channel, number).jobs;
    const tx = this.redis.multi();
    if (change.remove.length > 0) tx.srem(key, ...change.remove);
    if (change.add.length > 0) tx.sadd(key, ...change.add);
    if (change.lastFireAt !== null) tx.pexpireat(key, change.lastFireAt + PENDING_SLACK_MS);
    await tx.exec();
  }

  async forgetPendingJob(channel: ChannelRef, number: number, jobId: string): Promise<void> {
    await this.redis.srem(actionJobKeys(this.prefix, channel, number).jobs, jobId);
  }

  /** The id of the channel's pending matters-arising job, if any. */
  async mattersArisingJob(channel: ChannelRef): Promise<string | null> {
    return this.redis.get(mattersArisingKey(this.prefix, channel));
  }

  async setMattersArisingJob(
    channel: ChannelRef,
    jobId: string | null,
    fireAt: number | null,
  ): Promise<void> {
    const key = mattersArisingKey(this.prefix, channel);
    if (jobId === null || fireAt === null) await this.redis.del(key);
    else await this.redis.set(key, jobId, 'PXAT', fireAt + PENDING_SLACK_MS);
  }

  /** Records that the plan of this version of the action is complete (see SET_UNLESS_NEWER). */
  async markPlanned(channel: ChannelRef, number: number, version: number): Promise<void> {
    const key = actionJobKeys(this.prefix, channel, number).planned;
    await SET_UNLESS_NEWER.run(this.redis, [key], [version, DMS_KEPT_MS]);
  }

  /**
   * The version whose plan was last completed, per action of one channel (null where none is recorded),
   * in one MGET: the keys share the channel's hash tag, so this stays within one Cluster slot.
   */
  async plannedVersions(channel: ChannelRef, numbers: number[]): Promise<(number | null)[]> {
    if (numbers.length === 0) return [];
    const keys = numbers.map((n) => actionJobKeys(this.prefix, channel, n).planned);
    const replies = await this.redis.mget(...keys);
    return replies.map((raw) => (raw === null ? null : Number(raw)));
  }

  /** True when this version (or a newer one than recorded) may be planned. */
  async claimPlan(channel: ChannelRef, number: number, version: number): Promise<boolean> {
    const key = actionJobKeys(this.prefix, channel, number).plan;
    // By SHA (EVALSHA): every change of an action plans it, and the script's text need not travel each time.
    const reply = await SET_UNLESS_NEWER.run(this.redis, [key], [version, DMS_KEPT_MS]);
    return reply === 1;
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
