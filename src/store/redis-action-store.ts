/**
 * The ActionStore on Redis. The key scheme is in keys.ts; the atomic writes are Lua scripts (scripts.ts);
 * what is read back is parsed with the domain schemas (record-codec.ts).
 *
 * Every call that fails because Redis cannot be reached rejects with UnavailableError, so adapters can
 * tell the user to try again shortly; any other Redis error is a bug and surfaces as itself.
 */
import type { ChainableCommander } from 'ioredis';
import { z } from 'zod';
import {
  type Action,
  ActionSchema,
  type ActionState,
  type ChannelMeetings,
  ChannelMeetingsSchema,
  type ChannelRef,
  ChannelRefSchema,
  type ChannelSettings,
  ChannelSettingsSchema,
  type HistoryEntry,
  HistoryEntrySchema,
  type MessageRef,
  MessageRefSchema,
  type NewAction,
  type Platform,
} from '../core/domain';
import { ConflictError } from '../core/errors';
import { sortByDue } from '../core/list-filter';
import type { ActionStore, ActionWithChannel, ListState, RecordChange, RecordUpdate } from '../core/ports';
import type { UserActions, Workspace } from '../core/user-actions';
import {
  assertValidPrefix,
  type ChannelKeys,
  channelKeys,
  channelsKey,
  channelTag,
  messageKey,
} from './keys';
import { indexKeysJson } from './owner-index';
import {
  ACTION_FIELDS,
  AliasRecordSchema,
  decodeAction,
  decodeHistory,
  decodeListedAction,
  dueScore,
  historyJson,
  MessageTargetSchema,
  messageField,
  NewActionSchema,
  parseStored,
  recordJson,
} from './record-codec';
import { decodeRecord, readRecord, saveRecord, updateRecord } from './redis-channel-record';
import { RedisClaimStore } from './redis-claim-store';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';
import { openActionsOnRedis } from './redis-user-actions';
import {
  actionWithChannelScript,
  attachScript,
  createScript,
  UPDATE_MISSING,
  UPDATE_STALE,
  updateScript,
} from './scripts';

export interface RedisActionStoreOptions {
  redis: RedisClient;
  /** `REDIS_PREFIX`: every key starts with it. */
  prefix: string;
}

/** Actions per create script call in `createMany`: big imports go in a few short atomic steps. */
const CREATE_BATCH = 200;

const ALL_STATES: readonly ActionState[] = ['open', 'done', 'dropped'];

/** The update script's reply: `[version, message]`, or `[UPDATE_MISSING]` / `[UPDATE_STALE]`. */
const UpdateReplySchema = z.tuple([z.number().int(), z.string().optional()]);

/**
 * Schemas of replies and arguments, built once: building a zod schema costs far more than using it
 * (about 18 µs against 0.2 µs for a number), and list runs for every digest and reminder.
 */
const PositiveIntSchema = z.number().int().positive();
const NumberListSchema = z.array(z.string());

/** The reply of actionWithChannelScript: action fields, settings, aliases (field, value, …), meetings. */
const ActionWithChannelReplySchema = z.tuple([
  z.array(z.string().nullable()),
  z.string().nullable(),
  z.array(z.string()),
  z.string().nullable(),
]);

/** A new action checked and serialised, with its place in the caller's list. */
interface Prepared {
  i: number;
  action: z.output<typeof NewActionSchema>;
  json: string;
  message: string;
  history: string;
}

export class RedisActionStore implements ActionStore {
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly claims: RedisClaimStore;

  constructor(options: RedisActionStoreOptions) {
    assertValidPrefix(options.prefix);
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.claims = new RedisClaimStore(options.redis, options.prefix);
  }

  async create(action: NewAction, history: HistoryEntry): Promise<Action> {
    const [created] = await this.createMany([action], () => history);
    if (!created) throw new Error('create wrote no action');
    return created;
  }

  /**
   * Numbers the actions in the order given. Each batch of up to CREATE_BATCH actions of one channel is one
   * atomic script; every action is checked before the first is written.
   */
  async createMany(actions: NewAction[], history: (a: NewAction) => HistoryEntry): Promise<Action[]> {
    const byChannel = new Map<string, Prepared[]>();
    actions.forEach((a, i) => {
      const action = NewActionSchema.parse(a);
      const entry = HistoryEntrySchema.parse(history(a));
      const tag = channelTag(action.channel);
      const group = byChannel.get(tag) ?? [];
      group.push({
        i,
        action,
        json: recordJson(action),
        message: messageField(action.message),
        history: historyJson(entry),
      });
      byChannel.set(tag, group);
    });
    const created: Action[] = new Array(actions.length);
    for (const group of byChannel.values()) {
      await this.registerChannel(group[0]?.action.channel);
      for (let start = 0; start < group.length; start += CREATE_BATCH) {
        const batch = group.slice(start, start + CREATE_BATCH);
        const first = await this.createBatch(batch);
        batch.forEach((p, offset) => {
          created[p.i] = { ...p.action, number: first + offset, version: 0 };
        });
      }
    }
    return created;
  }

  /**
   * Adds the channel to the set of channels with actions, before its first action is written, so that the
   * repair pass never misses a channel (a failed create leaves a harmless extra entry).
   */
  private async registerChannel(channel: ChannelRef | undefined): Promise<void> {
    if (!channel) return;
    const member = JSON.stringify(ChannelRefSchema.parse(channel));
    await this.io(() => this.redis.sadd(channelsKey(this.prefix), member));
  }

  async channels(): Promise<ChannelRef[]> {
    const members = await this.io(() => this.redis.smembers(channelsKey(this.prefix)));
    return members.map((raw) => parseStored(ChannelRefSchema, raw, channelsKey(this.prefix)));
  }

  /** One atomic script for actions of one channel; returns the first of their consecutive numbers. */
  private async createBatch(batch: Prepared[]): Promise<number> {
    const channel = batch[0]?.action.channel;
    if (!channel) throw new Error('createBatch needs at least one action');
    const keys = this.keys(channel);
    const args = batch.flatMap((p) => [
      p.action.state,
      dueScore(p.action.due),
      p.json,
      p.history,
      p.message,
      indexKeysJson(this.prefix, p.action),
    ]);
    const first = await this.io(() =>
      createScript.run(
        this.redis,
        [keys.seq, keys.state('open'), keys.state('done'), keys.state('dropped')],
        [keys.actionBase, keys.historyBase, ...args],
      ),
    );
    return PositiveIntSchema.parse(first);
  }

  async get(channel: ChannelRef, number: number): Promise<Action | null> {
    const key = this.keys(channel).action(number);
    const fields = await this.io(() => this.redis.hmget(key, ...ACTION_FIELDS));
    return decodeAction(key, channel, number, fields);
  }

  async getWithChannel(channel: ChannelRef, number: number): Promise<ActionWithChannel> {
    const keys = this.keys(channel);
    const key = keys.action(number);
    const reply = await this.io(() =>
      actionWithChannelScript.run(
        this.redis,
        [key, keys.settings, keys.aliases, keys.meetings],
        [...ACTION_FIELDS],
      ),
    );
    const [fields, settings, aliasPairs, meetings] = ActionWithChannelReplySchema.parse(reply);
    return {
      action: decodeAction(key, channel, number, fields),
      settings: decodeRecord(ChannelSettingsSchema, settings, keys.settings),
      // HGETALL's flat list inside a script: every other entry, from the second, is a value.
      aliases: decodeAliases(
        aliasPairs.filter((_, i) => i % 2 === 1),
        keys.aliases,
      ),
      meetings: decodeRecord(ChannelMeetingsSchema, meetings, keys.meetings),
    };
  }

  async update(action: Action, history: HistoryEntry): Promise<Action> {
    const current = ActionSchema.parse(action);
    const entry = HistoryEntrySchema.parse(history);
    const keys = this.keys(current.channel);
    const result = await this.io(() =>
      updateScript.run(
        this.redis,
        [
          keys.action(current.number),
          keys.state('open'),
          keys.state('done'),
          keys.state('dropped'),
          keys.history(current.number),
        ],
        [
          current.version,
          recordJson(current),
          current.state,
          dueScore(current.due),
          historyJson(entry),
          current.number,
          messageField(current.message),
          indexKeysJson(this.prefix, current),
        ],
      ),
    );
    const [version, message] = UpdateReplySchema.parse(result);
    if (version === UPDATE_STALE) throw new ConflictError();
    if (version === UPDATE_MISSING) {
      throw new ConflictError(`Action #${current.number} no longer exists in this channel`);
    }
    const key = keys.action(current.number);
    return {
      ...current,
      version,
      message: message ? parseStored(MessageRefSchema, message, key) : current.message,
    };
  }

  /**
   * Sets the card's message and links it for thread replies. Two steps, not one: the message index is
   * outside the channel's slot (see keys.ts). The record is written first, so a link never names an
   * action that does not know its card.
   */
  async attachMessage(channel: ChannelRef, number: number, message: MessageRef): Promise<void> {
    const key = this.keys(channel).action(number);
    const attached = await this.io(() => attachScript.run(this.redis, [key], [messageField(message)]));
    if (attached !== 1) throw new Error(`Cannot attach a message to action #${number}: it does not exist`);
    await this.linkMessage(channel.platform, message, channel, number);
  }

  /**
   * Reads the state index (or all three) and then the records, each in one round trip. An action that
   * changed state between the two reads is left out rather than shown under the wrong state.
   */
  async list(channel: ChannelRef, state: ListState): Promise<Action[]> {
    const keys = this.keys(channel);
    const states = state === 'all' ? ALL_STATES : [state];
    const indexed = await this.io(() =>
      this.pipelined((p) => {
        for (const s of states) p.zrange(keys.state(s), 0, '-1');
      }),
    );
    const numbers = indexed.flatMap((reply) => NumberListSchema.parse(reply).map(Number));
    if (numbers.length === 0) return [];
    const rows = await this.io(() =>
      this.pipelined((p) => {
        for (const n of numbers) p.hmget(keys.action(n), ...ACTION_FIELDS);
      }),
    );
    const actions = numbers.map((n, i) => decodeListedAction(keys.action(n), channel, n, rows[i]));
    return sortByDue(actions.filter((a) => states.includes(a.state)));
  }

  /** From the owner index, channel by channel (redis-user-actions.ts). */
  openActionsOf(workspace: Workspace, userId: string): Promise<UserActions> {
    return openActionsOnRedis(
      {
        redis: this.redis,
        prefix: this.prefix,
        channels: () => this.channels(),
        list: (c) => this.list(c, 'open'),
      },
      workspace,
      userId,
    );
  }

  async history(channel: ChannelRef, number: number): Promise<HistoryEntry[]> {
    const key = this.keys(channel).history(number);
    const entries = await this.io(() => this.redis.lrange(key, 0, -1));
    return entries.map((raw) => decodeHistory(key, raw));
  }

  async findByMessage(
    platform: Platform,
    message: MessageRef,
  ): Promise<{ channel: ChannelRef; number: number } | null> {
    const key = messageKey(this.prefix, platform, MessageRefSchema.parse(message));
    const raw = await this.io(() => this.redis.get(key));
    return raw === null ? null : parseStored(MessageTargetSchema, raw, key);
  }

  async linkMessage(
    platform: Platform,
    message: MessageRef,
    channel: ChannelRef,
    number: number,
  ): Promise<void> {
    const key = messageKey(this.prefix, platform, MessageRefSchema.parse(message));
    const value = JSON.stringify(MessageTargetSchema.parse({ channel, number }));
    await this.io(() => this.redis.set(key, value));
  }

  async getAliases(channel: ChannelRef): Promise<Record<string, string[]>> {
    const key = this.keys(channel).aliases;
    const fields = await this.io(() => this.redis.hgetall(key));
    return decodeAliases(Object.values(fields), key);
  }

  async setAlias(channel: ChannelRef, name: string, userIds: string[]): Promise<void> {
    const alias = AliasRecordSchema.parse({ name, userIds });
    const key = this.keys(channel).aliases;
    const field = alias.name.toLowerCase();
    if (alias.userIds.length === 0) {
      await this.io(() => this.redis.hdel(key, field));
    } else {
      await this.io(() => this.redis.hset(key, field, JSON.stringify(alias)));
    }
  }

  getSettings(channel: ChannelRef): Promise<ChannelSettings> {
    return readRecord(this.redis, ChannelSettingsSchema, this.keys(channel).settings);
  }

  saveSettings(channel: ChannelRef, settings: ChannelSettings): Promise<void> {
    return saveRecord(this.redis, ChannelSettingsSchema, this.keys(channel).settings, settings);
  }

  updateSettings(
    channel: ChannelRef,
    change: RecordChange<ChannelSettings>,
  ): Promise<RecordUpdate<ChannelSettings>> {
    return updateRecord(this.redis, ChannelSettingsSchema, this.keys(channel).settings, change);
  }

  getMeetings(channel: ChannelRef): Promise<ChannelMeetings> {
    return readRecord(this.redis, ChannelMeetingsSchema, this.keys(channel).meetings);
  }

  saveMeetings(channel: ChannelRef, meetings: ChannelMeetings): Promise<void> {
    return saveRecord(this.redis, ChannelMeetingsSchema, this.keys(channel).meetings, meetings);
  }

  updateMeetings(
    channel: ChannelRef,
    change: RecordChange<ChannelMeetings>,
  ): Promise<RecordUpdate<ChannelMeetings>> {
    return updateRecord(this.redis, ChannelMeetingsSchema, this.keys(channel).meetings, change);
  }

  async putDraft(channel: ChannelRef, id: string, data: string, ttlSeconds: number): Promise<void> {
    const key = this.keys(channel).draft(id);
    await this.io(() => this.redis.set(key, data, 'EX', ttlSeconds));
  }

  async takeDraft(channel: ChannelRef, id: string): Promise<string | null> {
    const key = this.keys(channel).draft(id);
    return this.io(() => this.redis.getdel(key));
  }

  claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    return this.claims.claimOnce(key, ttlSeconds);
  }

  release(key: string): Promise<void> {
    return this.claims.release(key);
  }

  private keys(channel: ChannelRef): ChannelKeys {
    return channelKeys(this.prefix, channel);
  }

  /** Runs Redis I/O, turning "Redis cannot be reached" into UnavailableError (redis-io.ts). */
  private io<T>(call: () => Promise<T>): Promise<T> {
    return redisIo(call);
  }

  /** Sends the queued commands in one round trip and returns their replies, throwing the first error. */
  private async pipelined(queue: (p: ChainableCommander) => void): Promise<unknown[]> {
    const pipeline = this.redis.pipeline();
    queue(pipeline);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([err, reply]) => {
      if (err) throw err;
      return reply;
    });
  }
}

/** Alias name (as typed) to user ids, from the alias hash's values. */
function decodeAliases(values: readonly string[], key: string): Record<string, string[]> {
  return Object.fromEntries(
    values.map((raw) => {
      const alias = parseStored(AliasRecordSchema, raw, key);
      return [alias.name, alias.userIds];
    }),
  );
}
