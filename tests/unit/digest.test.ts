/**
 * The overdue digest: only overdue open actions, grouped by owner, the most overdue owner and action first,
 * with how many days late; nothing at all when nothing is overdue; long digests cut with a count.
 */
import { MAX_DIGEST_LINES, overdueDigestView } from '../../src/core/digest/digest-view';
import type { Action, Owner } from '../../src/core/domain';
import type { Block, Span } from '../../src/core/view';
import { due, storedAction } from '../support/action-fixtures';

const NOW = new Date('2026-08-10T08:00:00Z');
const CTX = { now: NOW, timezone: 'Europe/London' };

let counter = 0;
function action(owners: Owner[], dueAt: string | null, over: Partial<Action> = {}): Action {
  counter += 1;
  return storedAction({
    number: counter,
    owners,
    text: `task ${counter}`,
    due: dueAt ? due(dueAt) : null,
    ...over,
  });
}

const priya: Owner = { kind: 'user', id: 'UPRIYA' };
const sam: Owner = { kind: 'user', id: 'USAM' };
const wyp: Owner = { kind: 'alias', name: 'WYP' };

/** Each section as plain text, user spans written `@id`. */
function sections(blocks: Block[]): string[] {
  const plain = (spans: Span[]) => spans.map((s) => (s.kind === 'user' ? `@${s.id}` : s.text)).join('');
  return blocks.flatMap((b) => (b.kind === 'section' ? [plain(b.spans)] : []));
}

beforeEach(() => {
  counter = 0;
});

describe('overdue digest', () => {
  it('is nothing at all when nothing is overdue (no post is made)', () => {
    const notYet = action([priya], '2026-08-20T16:00:00.000Z');
    const noDue = action([priya], null);
    const closed = action([priya], '2026-07-01T16:00:00.000Z', { state: 'done' });
    expect(overdueDigestView([notYet, noDue, closed], CTX)).toBeNull();
  });

  it('groups overdue actions by owner, the most overdue owner and action first, with days late', () => {
    const a1 = action([sam], '2026-08-07T16:00:00.000Z'); // Fri 7 Aug: 3 days
    const a2 = action([priya], '2026-07-31T16:00:00.000Z'); // Fri 31 Jul: 10 days
    const a3 = action([sam, wyp], '2026-07-20T16:00:00.000Z'); // Mon 20 Jul: 21 days
    const a4 = action([priya], '2026-08-09T16:00:00.000Z'); // Sun 9 Aug: 1 day
    action([priya], '2026-08-21T16:00:00.000Z'); // not overdue: left out
    const view = overdueDigestView([a1, a2, a3, a4], CTX);
    if (!view) throw new Error('expected a digest');
    expect(view.blocks[0]).toEqual({ kind: 'header', text: 'Overdue actions: 4' });
    expect(sections(view.blocks)).toEqual([
      '@USAM — 2 overdue\n• #3 task 3 — 21 days overdue (due Mon 20 Jul)\n• #1 task 1 — 3 days overdue (due Fri 7 Aug)',
      'WYP — 1 overdue\n• #3 task 3 — 21 days overdue (due Mon 20 Jul)',
      '@UPRIYA — 2 overdue\n• #2 task 2 — 10 days overdue (due Fri 31 Jul)\n• #4 task 4 — 1 day overdue (due Sun 9 Aug)',
    ]);
    expect(view.text).toBe('Overdue actions: 4, the oldest 21 days overdue');
  });

  it('counts days in the channel zone: due earlier today is not yet a day late', () => {
    const earlier = action([priya], '2026-08-10T07:00:00.000Z', {
      due: { at: '2026-08-10T07:00:00.000Z', date: '2026-08-10', time: '08:00', nextMeeting: false },
    });
    const view = overdueDigestView([earlier], CTX);
    expect(sections(view?.blocks ?? [])[0]).toContain('due earlier today');
  });

  it('lists actions with no owner under "No owner"', () => {
    const view = overdueDigestView([action([], '2026-08-03T16:00:00.000Z')], CTX);
    expect(sections(view?.blocks ?? [])[0]).toMatch(/^No owner — 1 overdue/);
  });

  it('cuts a long list under one owner with a count of the rest', () => {
    const many = Array.from({ length: MAX_DIGEST_LINES + 3 }, () =>
      action([priya], '2026-08-03T16:00:00.000Z'),
    );
    const [only] = sections(overdueDigestView(many, CTX)?.blocks ?? []);
    expect(only?.split('\n• ')).toHaveLength(MAX_DIGEST_LINES + 1);
    expect(only).toMatch(/…and 3 more$/);
  });
});
