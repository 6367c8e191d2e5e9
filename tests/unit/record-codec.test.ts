/**
 * decodeAction validates each record in one pass with the compiled action schema. These tests hold it
 * to the two-pass decoding it replaced (a JSON object, then ActionSchema over the record spread with the
 * hash fields): the same action, key order included, for every valid record, and the same error for
 * every corrupt one, so that the faster path neither lets a corrupt record through nor words it otherwise.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { type Action, ActionSchema, type ChannelRef, MessageRefSchema } from '../../src/core/domain';
import {
  CorruptRecordError,
  decodeAction,
  decodeListedAction,
  parseStored,
} from '../../src/store/record-codec';
import { draft, due, T0 } from '../support/action-fixtures';

const KEY = 'test:{slack:T1:C1}:action:7';
const CHANNEL: ChannelRef = { platform: 'slack', team: 'T1', channel: 'C1' };

/** The decoding before the compiled schema, kept here as the reference. */
function twoPassDecode(
  key: string,
  channel: ChannelRef,
  number: number,
  fields: readonly (string | null)[],
): Action | null {
  const [json, version, message] = fields;
  if (json === null || json === undefined) return null;
  const raw = parseStored(z.record(z.string(), z.unknown()), json, key);
  // A compact record (0.3 on) names no channel, its key does, and may leave out a due date's null time.
  const due = raw.due;
  const record = {
    ...('channel' in raw ? {} : { channel }),
    ...raw,
    ...(typeof due === 'object' && due !== null && !('time' in due) ? { due: { ...due, time: null } } : {}),
  };
  const parsed = ActionSchema.safeParse({
    ...record,
    message: message ? parseStored(MessageRefSchema, message, key) : null,
    number,
    version: Number(version),
  });
  if (!parsed.success) throw new CorruptRecordError(key, z.prettifyError(parsed.error));
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

/** What a decoding gives: the action as JSON (so key order counts), or the error's class and message. */
function outcome(decode: () => Action | null): string {
  try {
    return `ok ${JSON.stringify(decode())}`;
  } catch (err) {
    return err instanceof CorruptRecordError ? `corrupt ${err.message}` : `other ${String(err)}`;
  }
}

const ABSENT = Symbol('absent');
/** Each field's candidates, valid and invalid; absent where a default applies, or where it must not. */
const FIELD_VALUES: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
  // A compact record (0.3 on) leaves the channel to its key; one that names another channel is corrupt.
  channel: {
    valid: [CHANNEL, ABSENT],
    invalid: [{ ...CHANNEL, channel: 'C2' }, { platform: 'irc', team: 'T1', channel: 'C1' }, null],
  },
  owners: { valid: [[{ kind: 'user', id: 'U1' }], []], invalid: [[{ kind: 'alias', name: '' }], 'U1'] },
  text: { valid: ['send the figures'], invalid: ['', 42] },
  due: {
    valid: [
      null,
      due('2026-07-31T16:00:00.000Z'),
      { at: '2026-07-31T16:00:00Z', date: '2026-07-31', time: '16:00' },
      { at: '2026-07-31T16:00:00Z', date: '2026-07-31' },
    ],
    invalid: [
      { at: '2026-07-31T17:00:00+01:00', date: '2026-07-31', time: null, nextMeeting: false },
      { at: 'Friday', date: '2026-02-30', time: '4pm', nextMeeting: 'yes' },
      ABSENT,
    ],
  },
  state: { valid: ['open', 'done', 'dropped'], invalid: ['closed'] },
  raisedBy: { valid: ['U_CHAIR'], invalid: [''] },
  createdAt: { valid: [T0, '2026-07-01T09:00:00Z'], invalid: ['2026-07-01', 'yesterday'] },
  updatedAt: { valid: [T0], invalid: [null] },
  closedBy: { valid: [null, 'U_CHAIR', ABSENT], invalid: [7] },
  closedAt: { valid: [null, T0, ABSENT], invalid: ['today'] },
  closeNote: { valid: [null, 'sent', ABSENT], invalid: [] },
  notes: { valid: [[], [{ by: 'U1', at: T0, text: 'half done' }], ABSENT], invalid: [[{ by: 'U1' }]] },
  meetingId: { valid: [null, 'm1', ABSENT], invalid: [5] },
  agendaItem: { valid: [null, '3a', ABSENT], invalid: [] },
  agendaTitle: { valid: [null, 'Finance', ABSENT], invalid: [] },
  // The hash fields and the key win over these, so they are harmless.
  number: { valid: [ABSENT, 99, 'x'], invalid: [] },
  version: { valid: [ABSENT, -1], invalid: [] },
  message: { valid: [ABSENT, { conversation: 'C1', id: '1.2' }, 'card'], invalid: [] },
  extra: { valid: [ABSENT, 'ignored'], invalid: [] },
};

/** Mostly valid, so that about a third of the records are valid throughout and the rest fail somewhere. */
function mostlyValid<T>(valid: T[], invalid: T[]): fc.Arbitrary<T> {
  const good = fc.constantFrom(...valid);
  return invalid.length === 0
    ? good
    : fc.oneof({ arbitrary: good, weight: 19 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
}

const recordArb = fc.record(
  Object.fromEntries(
    Object.entries(FIELD_VALUES).map(([field, { valid, invalid }]) => [field, mostlyValid(valid, invalid)]),
  ) as Record<string, fc.Arbitrary<unknown>>,
);
// Number('') and Number(null) are 0, a valid version.
const versionArb = mostlyValid<string | null>(['0', '3', '', null], ['-1', '1.5', 'x']);
const messageArb = mostlyValid<string | null>(
  ['', null, '{"conversation":"C1","id":"1700000000.000100"}'],
  ['{"conversation":""}', '[]', 'not json'],
);

function jsonOf(record: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ABSENT)));
}

describe('decodeAction', () => {
  it('gives what the two-pass decoding gave, for valid and corrupt records alike', () => {
    fc.assert(
      fc.property(
        recordArb,
        versionArb,
        messageArb,
        fc.integer({ min: 1, max: 10_000 }),
        (record, v, m, n) => {
          const fields = [jsonOf(record), v, m] as const;
          expect(outcome(() => decodeAction(KEY, CHANNEL, n, fields))).toBe(
            outcome(() => twoPassDecode(KEY, CHANNEL, n, fields)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes a stored action exactly, and finds a corrupt one', () => {
    const { message: _message, ...stored } = draft(CHANNEL, { meetingId: 'm1', notes: [] });
    const json = JSON.stringify(stored);
    const card = '{"conversation":"C1","id":"1.2"}';
    expect(decodeAction(KEY, CHANNEL, 7, [json, '2', card])).toEqual({
      ...draft(CHANNEL, { meetingId: 'm1' }),
      number: 7,
      version: 2,
      message: { conversation: 'C1', id: '1.2' },
    });
    expect(decodeAction(KEY, CHANNEL, 7, [null, null, null])).toBeNull();
    expect(() => decodeAction(KEY, CHANNEL, 7, ['{"text": 42}', '1', ''])).toThrow(CorruptRecordError);
    expect(() => decodeAction(KEY, CHANNEL, 7, ['not json', '1', ''])).toThrow('not JSON');
    expect(() => decodeAction(KEY, CHANNEL, 7, [json, 'x', ''])).toThrow('version');
    expect(() => decodeAction(KEY, { ...CHANNEL, team: 'T2' }, 7, [json, '1', ''])).toThrow(
      'another channel',
    );
    for (const notAnObject of ['[1]', '"text"', '42', 'null', 'true']) {
      expect(() => decodeAction(KEY, CHANNEL, 7, [notAnObject, '1', ''])).toThrow(KEY);
    }
  });

  it("uses zod's compiled fast path: the action schema compiles whole, with nothing left to the interpreter", () => {
    expect(() => z.compile(ActionSchema, { strict: true })).not.toThrow();
  });
});

describe('decodeListedAction', () => {
  it('checks the HMGET reply and treats a missing record as corrupt', () => {
    const { message: _message, ...stored } = draft(CHANNEL);
    expect(decodeListedAction(KEY, CHANNEL, 7, [JSON.stringify(stored), '0', null]).number).toBe(7);
    expect(() => decodeListedAction(KEY, CHANNEL, 7, [null, null, null])).toThrow('missing');
    expect(() => decodeListedAction(KEY, CHANNEL, 7, 'OK')).toThrow();
  });
});
