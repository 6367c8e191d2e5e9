/**
 * How actions and the other records are written to and read back from Redis. Everything read back is
 * parsed with the domain's zod schemas, so a corrupted or hand-edited record fails loudly, naming its key,
 * instead of travelling on as a half-valid object.
 */
import { z } from 'zod';
import {
  type Action,
  ActionSchema,
  type ChannelRef,
  ChannelRefSchema,
  type Due,
  type HistoryEntry,
  HistoryEntrySchema,
  type MessageRef,
  MessageRefSchema,
  type NewAction,
} from '../core/domain';

/** A record in Redis that does not parse: not JSON, or not the shape the domain requires. */
export class CorruptRecordError extends Error {
  constructor(
    readonly key: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Corrupted record at ${key}: ${detail}`, options);
    this.name = 'CorruptRecordError';
  }
}

/** What a caller supplies for a new action, checked before anything is written. */
export const NewActionSchema = ActionSchema.omit({ number: true, version: true });

/** The value of a message-index key: the action a message is about. */
export const MessageTargetSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
});

/** The value of an alias field: the name as typed, and the people it stands for. */
export const AliasRecordSchema = z.object({
  name: z.string().min(1),
  userIds: z.array(z.string().min(1)),
});

/** The JSON value of a stored string, or a CorruptRecordError naming the key. */
function parseJson(raw: string, key: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new CorruptRecordError(key, 'not JSON', { cause: err });
  }
}

/** Parses a stored JSON value with a schema, or throws a CorruptRecordError naming the key. */
export function parseStored<S extends z.ZodType>(schema: S, raw: string, key: string): z.output<S> {
  const result = schema.safeParse(parseJson(raw, key));
  if (!result.success) {
    throw new CorruptRecordError(key, z.prettifyError(result.error), { cause: result.error });
  }
  return result.data;
}

/** The sorted-set score of an action: its due instant in epoch ms, or +inf so undated ones sort last. */
export function dueScore(due: Due | null): string {
  return due ? String(Date.parse(due.at)) : '+inf';
}

/**
 * The record JSON of an action, checked against the schema, in its compact form: it leaves out the
 * number (the key holds it), the version and the card's message (hash fields of their own, so the scripts
 * can compare the version and attach a message without decoding JSON), the channel (its key's hash tag
 * names it), and every field that holds its default (`closedBy`, `closeNote`, … when null, `notes` when
 * empty, a due date's `time` when null and `nextMeeting` when false). That is about a third of the JSON
 * and of the record's memory in Redis; decodeAction puts them all back. Records written before (0.1 and
 * 0.2, with every field) read the same.
 */
export function recordJson(action: NewAction): string {
  // Parsing strips `number` and `version` when an Action is passed, and fills defaults.
  const { message: _message, channel: _channel, ...rest } = NewActionSchema.parse(action);
  const record: Record<string, unknown> = withoutDefaults(rest, RECORD_DEFAULTS);
  if (rest.due) record.due = withoutDefaults(rest.due, DUE_DEFAULTS);
  return JSON.stringify(record);
}

/** A history entry's JSON, without `changes` when there are none and `text` when null (their defaults). */
export function historyJson(entry: HistoryEntry): string {
  return JSON.stringify(withoutDefaults(HistoryEntrySchema.parse(entry), HISTORY_DEFAULTS));
}

/** Fields left out of a stored record when they hold these values; the schema's defaults restore them. */
const RECORD_DEFAULTS = {
  closedBy: null,
  closedAt: null,
  closeNote: null,
  notes: [],
  meetingId: null,
  agendaItem: null,
  agendaTitle: null,
} as const;
const DUE_DEFAULTS = { time: null, nextMeeting: false } as const;
const HISTORY_DEFAULTS = { changes: {}, text: null } as const;

/** A copy of `value` without the fields that hold their default (null, false, an empty array or object). */
function withoutDefaults<T extends object>(
  value: T,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(value)) {
    if (field in defaults && isDefault(v, defaults[field])) continue;
    out[field] = v;
  }
  return out;
}

function isDefault(value: unknown, fallback: unknown): boolean {
  if (value === fallback) return true;
  if (Array.isArray(fallback)) return Array.isArray(value) && value.length === 0;
  if (typeof fallback === 'object' && fallback !== null) {
    return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  }
  return false;
}

/** The `message` hash field: the card's message as JSON, or empty for none. */
export function messageField(message: MessageRef | null): string {
  return message === null ? '' : JSON.stringify(MessageRefSchema.parse(message));
}

/**
 * The action schema compiled by zod (z.compile): decodeAction runs for every action a list reads (10,000
 * for matters arising in a large channel), and the generated check is about five times faster than zod's
 * interpreter. It is the same schema: a record the fast path rejects is parsed again by the interpreter,
 * so a corrupt record fails with the same issues. tests/unit/record-codec.test.ts checks it compiles.
 */
const STORED_ACTION = z.compile(ActionSchema);

/** A pipelined HMGET reply, as `list` checks each one: built once, not per action. */
const ACTION_ROW = z.array(z.string().nullable());

/** The hash fields of an action record, as HMGET returns them in this order. */
export const ACTION_FIELDS = ['json', 'version', 'message'] as const;

/**
 * Rebuilds an action from its hash fields (in ACTION_FIELDS order) and checks that it belongs to the
 * channel whose key held it.
 */
export function decodeAction(
  key: string,
  channel: ChannelRef,
  number: number,
  fields: readonly (string | null | undefined)[],
): Action | null {
  const [json, version, message] = fields;
  if (json === null || json === undefined) return null;
  const record = parseJson(json, key);
  const card = message ? parseStored(MessageRefSchema, message, key) : null;
  // The hash fields go into the freshly parsed record itself, in one pass and without a copy; a record
  // that is not an object is left as it is, for the schema to reject.
  if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
    // A compact record names no channel (its key does) and may leave out a due date's null time.
    const fields = record as Record<string, unknown>;
    if (!('channel' in fields)) fields.channel = channel;
    const due = fields.due;
    if (typeof due === 'object' && due !== null && !('time' in due)) Object.assign(due, { time: null });
    Object.assign(record, { message: card, number, version: Number(version) });
  }
  const parsed = STORED_ACTION.safeParse(record);
  if (!parsed.success) {
    throw new CorruptRecordError(key, z.prettifyError(parsed.error), { cause: parsed.error });
  }
  const stored = parsed.data.channel;
  if (
    stored.platform !== channel.platform ||
    stored.team !== channel.team ||
    stored.channel !== channel.channel
  ) {
    throw new CorruptRecordError(key, 'the record names another channel');
  }
  return parsed.data;
}

/**
 * An action `list` found in a state index, from its pipelined HMGET reply: a record the index names must
 * exist, so a missing one is corrupt too.
 */
export function decodeListedAction(key: string, channel: ChannelRef, number: number, reply: unknown): Action {
  const action = decodeAction(key, channel, number, ACTION_ROW.parse(reply));
  if (!action) throw new CorruptRecordError(key, 'listed in a state index but missing');
  return action;
}

export function decodeHistory(key: string, raw: string): HistoryEntry {
  return parseStored(HistoryEntrySchema, raw, key);
}
