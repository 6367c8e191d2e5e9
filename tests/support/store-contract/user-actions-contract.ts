/**
 * `openActionsOf`, the Home tab's query: one user's open actions in every channel of one workspace, owned
 * (directly or through a channel's alias) then raised, each in due order, kept right by every create and
 * update (done, reassign, snooze) and by alias changes.
 */
import type { Action, ChannelRef } from '../../../src/core/domain';
import { draft, due, entry, freshChannel } from '../action-fixtures';
import type { GetFixture } from './fixture';

let teams = 0;

/** Channels of a workspace no other test uses. */
function workspaceChannels(count: number): ChannelRef[] {
  teams += 1;
  return Array.from({ length: count }, () => freshChannel({ team: `T_HOME${teams}` }));
}

const where = (a: Action) => `${a.channel.channel}#${a.number}`;

export function userActionsContract(fixture: GetFixture): void {
  const store = () => fixture().actions;

  describe("actions: a user's open actions across a workspace", () => {
    it('gives those the user owns in every channel, soonest due first, then those they raised', async () => {
      const [a, b] = workspaceChannels(2) as [ChannelRef, ChannelRef];
      const elsewhere = freshChannel({ team: 'T_OTHER' });
      const mine = (over: Parameters<typeof draft>[1]) => draft(a, { ...over });
      const late = await store().create(mine({ due: due('2026-06-01T16:00:00.000Z') }), entry('created'));
      const undated = await store().create(mine({ due: null }), entry('created'));
      const soon = await store().create(draft(b, { due: due('2026-07-02T16:00:00.000Z') }), entry('created'));
      await store().create(draft(b, { owners: [{ kind: 'user', id: 'U_OTHER' }] }), entry('created'));
      await store().create(draft(elsewhere), entry('created'));
      const raised = await store().create(
        draft(b, { owners: [{ kind: 'user', id: 'U_OTHER' }], raisedBy: 'U_PRIYA' }),
        entry('created'),
      );
      const both = await store().create(draft(a, { raisedBy: 'U_PRIYA', due: null }), entry('created'));

      const home = await store().openActionsOf({ platform: 'slack', team: a.team }, 'U_PRIYA');
      expect(home.owned.map(where)).toEqual([late, soon, undated, both].map(where));
      expect(home.raised.map(where)).toEqual([raised].map(where));
      expect(home.owned[0]).toEqual(late);
    });

    it('drops an action once done, and moves it from the old owner to the new on reassign', async () => {
      const [a] = workspaceChannels(1) as [ChannelRef];
      const workspace = { platform: 'slack' as const, team: a.team };
      const first = await store().create(draft(a), entry('created'));
      const second = await store().create(draft(a), entry('created'));
      await store().update({ ...first, state: 'done', closedBy: 'U_PRIYA' }, entry('done'));
      await store().update({ ...second, owners: [{ kind: 'user', id: 'U_RUSS' }] }, entry('reassign'));

      expect((await store().openActionsOf(workspace, 'U_PRIYA')).owned).toEqual([]);
      const russ = await store().openActionsOf(workspace, 'U_RUSS');
      expect(russ.owned.map(where)).toEqual([where(second)]);
      expect(russ.owned[0]?.version).toBe(1);
      // Whoever raised it still sees it among those they raised.
      expect((await store().openActionsOf(workspace, 'U_CHAIR')).raised.map(where)).toEqual([where(second)]);
    });

    it("counts an alias's people as owners, as the alias is mapped when asked", async () => {
      const [a] = workspaceChannels(1) as [ChannelRef];
      const workspace = { platform: 'slack' as const, team: a.team };
      const byAlias = await store().create(
        draft(a, { owners: [{ kind: 'alias', name: 'WYP' }] }),
        entry('created'),
      );
      expect((await store().openActionsOf(workspace, 'U_RUSS')).owned).toEqual([]);
      await store().setAlias(a, 'wyp', ['U_RUSS']);
      expect((await store().openActionsOf(workspace, 'U_RUSS')).owned.map(where)).toEqual([where(byAlias)]);
      await store().setAlias(a, 'WYP', ['U_PRIYA']);
      expect((await store().openActionsOf(workspace, 'U_RUSS')).owned).toEqual([]);
    });

    it('answers for 120 actions spread over three channels, all of them, in due order', async () => {
      const channels = workspaceChannels(3);
      const made = channels.flatMap((channel) =>
        Array.from({ length: 40 }, (_, i) =>
          draft(channel, { due: due(`2026-08-${String((i % 28) + 1).padStart(2, '0')}T16:00:00.000Z`) }),
        ),
      );
      await store().createMany(made, () => entry('imported'));
      const home = await store().openActionsOf(
        { platform: 'slack', team: channels[0]?.team ?? '' },
        'U_PRIYA',
      );
      expect(home.owned).toHaveLength(120);
      const dues = home.owned.map((x) => x.due?.at ?? '');
      expect(dues).toEqual([...dues].sort());
    });
  });
}
