/** The order `list` shows, and the store returns: by due instant, undated last, then by number. */
import type { Action, ChannelRef } from '../../src/core/domain';
import { sortByDue } from '../../src/core/list-filter';
import { draft, due } from '../support/action-fixtures';

const CHANNEL: ChannelRef = { platform: 'slack', team: 'T1', channel: 'C1' };

describe('sortByDue', () => {
  it('orders by due instant (fractions of a second included), undated last, then by number', () => {
    const at = (number: number, dueAt: string | null): Action => ({
      ...draft(CHANNEL, { due: dueAt ? due(dueAt) : null }),
      number,
      version: 0,
    });
    const actions = [
      at(1, null),
      at(2, '2026-07-31T16:00:00.500Z'),
      at(3, '2026-07-31T16:00:00Z'),
      at(4, '2026-07-01T09:00:00.000Z'),
      at(5, '2026-07-31T16:00:00Z'),
      at(0, null),
    ];
    expect(sortByDue(actions).map((a) => a.number)).toEqual([4, 3, 5, 2, 0, 1]);
    expect(actions.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 0]);
  });
});
