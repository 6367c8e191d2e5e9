/**
 * The Home tab's core view: pages of HOME_PAGE_SIZE actions, owned before raised, a page past the end
 * showing the last, each action with the card's Done and Snooze, and the answer to a press on top.
 */
import type { Action } from '../../src/core/domain';
import { HOME_PAGE_SIZE, homeView } from '../../src/core/views/home-view';
import { notice } from '../../src/core/views/notice';
import { draft, due } from '../support/action-fixtures';

const channel = { platform: 'slack' as const, team: 'T1', channel: 'C1' };
const action = (number: number, over: Partial<Action> = {}): Action => ({
  ...draft(channel, { due: due('2026-07-31T16:00:00.000Z') }),
  number,
  version: 0,
  ...over,
});
const ctx = () => ({ now: new Date('2026-07-01T09:00:00Z'), timezone: 'Europe/London' });
const texts = (blocks: ReturnType<typeof homeView>['view']['blocks']) =>
  blocks.flatMap((b) =>
    b.kind === 'section' ? [b.spans.map((s) => (s.kind === 'text' ? s.text : '')).join('')] : [],
  );

describe('the Home view', () => {
  const owned = Array.from({ length: 45 }, (_, i) => action(i + 1));
  const raised = [action(100, { raisedBy: 'U_PRIYA', owners: [{ kind: 'user', id: 'U_SAM' }] })];

  it('pages the owned actions first, then the raised ones, HOME_PAGE_SIZE a page', () => {
    const first = homeView({ owned, raised }, 0, ctx);
    expect(first.pages).toBe(Math.ceil(46 / HOME_PAGE_SIZE));
    expect(texts(first.view.blocks)).toHaveLength(HOME_PAGE_SIZE);
    expect(texts(first.view.blocks)[0]).toContain('#1 ');
    const last = homeView({ owned, raised }, 99, ctx);
    expect(last.page).toBe(first.pages - 1);
    expect(last.view.blocks).toContainEqual({ kind: 'header', text: 'Actions you raised' });
    expect(texts(last.view.blocks).at(-1)).toContain('#100 ');
  });

  it('says which channel each action is in, as a channel mention', () => {
    const other = { ...channel, channel: 'C2' };
    const { view } = homeView({ owned: [action(1), action(1, { channel: other })], raised: [] }, 0, ctx);
    const sections = view.blocks.flatMap((b) => (b.kind === 'section' ? [b.spans] : []));
    const channels = sections.map((spans) =>
      spans.flatMap((s) => (s.kind === 'text' && s.entity?.kind === 'channel' ? [s.entity.id] : [])),
    );
    expect(channels).toEqual([['C1'], ['C2']]);
    expect(texts(view.blocks)[0]).toContain('#1 in #C1 · ');
  });

  it('gives every action the Done and Snooze of its card', () => {
    const { view } = homeView({ owned: owned.slice(0, 1), raised: [] }, 0, ctx);
    const buttons = view.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => b.id)).toEqual(['done', 'snooze']);
    expect(buttons[0]?.value).toBe(JSON.stringify({ c: channel, n: 1 }));
  });

  it('puts the answer to a press on top, and a hint when there is nothing', () => {
    const { view } = homeView({ owned: [], raised: [] }, 0, ctx, notice('Snoozed #3'));
    expect(texts(view.blocks)[0]).toBe('Snoozed #3');
    expect(texts(view.blocks)[1]).toContain('You have no open actions');
  });
});
