/**
 * The ActionStore in memory, for core tests and a demo without Redis. Same promises as the Redis store
 * (src/core/ports.ts): per-channel numbering from 1, versions checked on update (ConflictError), a history
 * entry per write, state indexes read by `list` in due order, message links, aliases matched without case,
 * default settings and meetings, drafts and claims that expire by the injected clock.
 *
 * Every method does its work without awaiting in between, so each is one atomic step, as each Redis script
 * is. What is stored and what is returned are copies checked with the domain schemas: a caller that changes
 * an object it was given or gave changes nothing stored, as with the Redis store's serialised records.
 */
import type { ClaimStore } from '../../core/claim-store';
import {
  type Action,
  ActionSchema,
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
} from '../../core/domain';
import { ConflictError } from '../../core/errors';
import { sortByDue } from '../../core/list-filter';
import {
  type ActionStore,
  type ActionWithChannel,
  type Clock,
  type ListState,
  NO_CHANGE,
  type RecordChange,
  type RecordUpdate,
} from '../../core/ports';
import { ownedBy, type UserActions, userActionsOf, type Workspace } from '../../core/user-actions';
import { AliasRecordSchema, MessageTargetSchema, NewActionSchema } from '../record-codec';
import { ExpiringMap } from './expiring-map';
import { MemoryClaimStore } from './memory-claim-store';

/** One channel's records, as the Redis store keeps them under the channel's hash tag. */
interface ChannelRecords {
  seq: number;
  actions: Map<number, Action>;
  history: Map<number, HistoryEntry[]>;
  /** Lower-cased alias name to the name as typed and its people. */
  aliases: Map<string, { name: string; userIds: string[] }>;
  settings: ChannelSettings | null;
  meetings: ChannelMeetings | null;
}

type MessageTarget = { channel: ChannelRef; number: number };

/** A key for a tuple of ids that no choice of ids can make collide (ids may hold any character). */
function tupleKey(...parts: string[]): string {
  return JSON.stringify(parts);
}

function channelKey(ref: ChannelRef): string {
  return tupleKey(ref.platform, ref.team, ref.channel);
}

/**
 * Runs a change on a copy of a stored record: what to store (a checked copy; null for no change) and what
 * to return (copies, so the caller changes nothing stored).
 */
function changeCopy<T>(
  stored: T,
  change: RecordChange<T>,
  parse: (value: unknown) => T,
): { keep: T | null; update: RecordUpdate<T> } {
  const next = change(structuredClone(stored));
  if (next === NO_CHANGE) {
    return {
      keep: null,
      update: { before: structuredClone(stored), after: structuredClone(stored), changed: false },
    };
  }
  const keep = parse(structuredClone(next));
  return { keep, update: { before: structuredClone(stored), after: structuredClone(keep), changed: true } };
}

export class MemoryActionStore implements ActionStore {
  private readonly channelRecords = new Map<string, ChannelRecords>();
  private readonly known = new Map<string, ChannelRef>();
  private readonly links = new Map<string, MessageTarget>();
  private readonly drafts: ExpiringMap<string>;
  private readonly claims: ClaimStore;

  /** `claims`: the install's claims, shared with the adapters' ClaimStore as on Redis (one key space). */
  constructor(clock: Clock, claims: ClaimStore = new MemoryClaimStore(clock)) {
    this.drafts = new ExpiringMap(clock);
    this.claims = claims;
  }

  async create(action: NewAction, history: HistoryEntry): Promise<Action> {
    const [created] = await this.createMany([action], () => history);
    if (!created) throw new Error('create wrote no action');
    return created;
  }

  /** Checks every action before writing the first, then numbers them in the order given. */
  async createMany(actions: NewAction[], history: (a: NewAction) => HistoryEntry): Promise<Action[]> {
    const prepared = actions.map((a) => ({
      action: NewActionSchema.parse(structuredClone(a)),
      entry: HistoryEntrySchema.parse(structuredClone(history(a))),
    }));
    return prepared.map(({ action, entry }) => {
      const records = this.records(action.channel, true);
      this.known.set(channelKey(action.channel), ChannelRefSchema.parse(action.channel));
      records.seq += 1;
      const stored: Action = { ...action, number: records.seq, version: 0 };
      records.actions.set(stored.number, stored);
      records.history.set(stored.number, [entry]);
      return structuredClone(stored);
    });
  }

  async get(channel: ChannelRef, number: number): Promise<Action | null> {
    const stored = this.records(channel)?.actions.get(number);
    return stored ? structuredClone(stored) : null;
  }

  async getWithChannel(channel: ChannelRef, number: number): Promise<ActionWithChannel> {
    return {
      action: await this.get(channel, number),
      settings: await this.getSettings(channel),
      aliases: await this.getAliases(channel),
      meetings: await this.getMeetings(channel),
    };
  }

  /** Writes version + 1 and a history entry if the stored version is the one given; keeps a known card. */
  async update(action: Action, history: HistoryEntry): Promise<Action> {
    const next = ActionSchema.parse(structuredClone(action));
    const entry = HistoryEntrySchema.parse(structuredClone(history));
    const records = this.records(next.channel);
    const stored = records?.actions.get(next.number);
    if (!records || !stored)
      throw new ConflictError(`Action #${next.number} no longer exists in this channel`);
    if (stored.version !== next.version) throw new ConflictError();
    const written: Action = { ...next, version: stored.version + 1, message: next.message ?? stored.message };
    records.actions.set(written.number, written);
    records.history.get(written.number)?.push(entry);
    return structuredClone(written);
  }

  async list(channel: ChannelRef, state: ListState): Promise<Action[]> {
    const all = [...(this.records(channel)?.actions.values() ?? [])];
    const kept = state === 'all' ? all : all.filter((a) => a.state === state);
    return sortByDue(kept.map((a) => structuredClone(a)));
  }

  async channels(): Promise<ChannelRef[]> {
    return [...this.known.values()].map((ref) => ({ ...ref }));
  }

  /** Reads every open action of the workspace: memory needs no index to answer at once. */
  async openActionsOf(workspace: Workspace, userId: string): Promise<UserActions> {
    const candidates: { action: Action; owned: boolean }[] = [];
    for (const ref of this.known.values()) {
      if (ref.platform !== workspace.platform || ref.team !== workspace.team) continue;
      const aliases = await this.getAliases(ref);
      for (const action of this.records(ref)?.actions.values() ?? []) {
        if (action.state !== 'open') continue;
        candidates.push({ action: structuredClone(action), owned: ownedBy(action, userId, aliases) });
      }
    }
    return userActionsOf(candidates, userId);
  }

  async history(channel: ChannelRef, number: number): Promise<HistoryEntry[]> {
    return structuredClone(this.records(channel)?.history.get(number) ?? []);
  }

  async attachMessage(channel: ChannelRef, number: number, message: MessageRef): Promise<void> {
    const card = MessageRefSchema.parse(message);
    const stored = this.records(channel)?.actions.get(number);
    if (!stored) throw new Error(`Cannot attach a message to action #${number}: it does not exist`);
    stored.message = card;
    await this.linkMessage(channel.platform, card, channel, number);
  }

  async findByMessage(platform: Platform, message: MessageRef): Promise<MessageTarget | null> {
    const { conversation, id } = MessageRefSchema.parse(message);
    const target = this.links.get(tupleKey(platform, conversation, id));
    return target ? structuredClone(target) : null;
  }

  async linkMessage(
    platform: Platform,
    message: MessageRef,
    channel: ChannelRef,
    number: number,
  ): Promise<void> {
    const { conversation, id } = MessageRefSchema.parse(message);
    this.links.set(tupleKey(platform, conversation, id), MessageTargetSchema.parse({ channel, number }));
  }

  async getAliases(channel: ChannelRef): Promise<Record<string, string[]>> {
    const aliases = this.records(channel)?.aliases.values() ?? [];
    return Object.fromEntries([...aliases].map((a) => [a.name, [...a.userIds]]));
  }

  async setAlias(channel: ChannelRef, name: string, userIds: string[]): Promise<void> {
    const alias = AliasRecordSchema.parse({ name, userIds: [...userIds] });
    const aliases = this.records(channel, true).aliases;
    if (alias.userIds.length === 0) aliases.delete(alias.name.toLowerCase());
    else aliases.set(alias.name.toLowerCase(), alias);
  }

  async getSettings(channel: ChannelRef): Promise<ChannelSettings> {
    return structuredClone(this.records(channel)?.settings ?? ChannelSettingsSchema.parse({}));
  }

  async saveSettings(channel: ChannelRef, settings: ChannelSettings): Promise<void> {
    this.records(channel, true).settings = ChannelSettingsSchema.parse(structuredClone(settings));
  }

  /** Reads, changes and stores without awaiting in between: one atomic step, so never a lost update. */
  async updateSettings(
    channel: ChannelRef,
    change: RecordChange<ChannelSettings>,
  ): Promise<RecordUpdate<ChannelSettings>> {
    const stored = this.records(channel)?.settings ?? ChannelSettingsSchema.parse({});
    const { keep, update } = changeCopy(stored, change, (v) => ChannelSettingsSchema.parse(v));
    if (keep) this.records(channel, true).settings = keep;
    return update;
  }

  async getMeetings(channel: ChannelRef): Promise<ChannelMeetings> {
    return structuredClone(this.records(channel)?.meetings ?? ChannelMeetingsSchema.parse({}));
  }

  async saveMeetings(channel: ChannelRef, meetings: ChannelMeetings): Promise<void> {
    this.records(channel, true).meetings = ChannelMeetingsSchema.parse(structuredClone(meetings));
  }

  /** As `updateSettings`. */
  async updateMeetings(
    channel: ChannelRef,
    change: RecordChange<ChannelMeetings>,
  ): Promise<RecordUpdate<ChannelMeetings>> {
    const stored = this.records(channel)?.meetings ?? ChannelMeetingsSchema.parse({});
    const { keep, update } = changeCopy(stored, change, (v) => ChannelMeetingsSchema.parse(v));
    if (keep) this.records(channel, true).meetings = keep;
    return update;
  }

  async putDraft(channel: ChannelRef, id: string, data: string, ttlSeconds: number): Promise<void> {
    this.drafts.set(tupleKey(channelKey(channel), id), data, ttlSeconds * 1000);
  }

  async takeDraft(channel: ChannelRef, id: string): Promise<string | null> {
    const key = tupleKey(channelKey(channel), id);
    const data = this.drafts.get(key);
    this.drafts.delete(key);
    return data ?? null;
  }

  claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    return this.claims.claimOnce(key, ttlSeconds);
  }

  release(key: string): Promise<void> {
    return this.claims.release(key);
  }

  /** The channel's records; made empty on first write (`create`), undefined on a read of none. */
  private records(channel: ChannelRef, create: true): ChannelRecords;
  private records(channel: ChannelRef, create?: false): ChannelRecords | undefined;
  private records(channel: ChannelRef, create = false): ChannelRecords | undefined {
    const key = channelKey(channel);
    let records = this.channelRecords.get(key);
    if (!records && create) {
      records = {
        seq: 0,
        actions: new Map(),
        history: new Map(),
        aliases: new Map(),
        settings: null,
        meetings: null,
      };
      this.channelRecords.set(key, records);
    }
    return records;
  }
}
