/**
 * The ActionStore's actions: numbering per channel, optimistic updates, history, listing in due order,
 * scoping between channels, teams and platforms, and copies that callers cannot change behind its back.
 */
import type { Action, ChannelRef } from '../../../src/core/domain';
import { ConflictError } from '../../../src/core/errors';
import { draft, due, entry, freshChannel, T0 } from '../action-fixtures';
import type { GetFixture } from './fixture';

export function actionStoreContract(fixture: GetFixture): void {
  const store = () => fixture().actions;

  describe('actions: create, get and update', () => {
    it('stores an action and reads back the same fields, number 1 and version 0', async () => {
      const channel = freshChannel();
      const created = await store().create(draft(channel), entry('created'));
      expect(created).toMatchObject({ number: 1, version: 0, state: 'open', channel });
      expect(await store().get(channel, 1)).toEqual(created);
      expect(await store().get(channel, 2)).toBeNull();
    });

    it('numbers 1, 2, 3 per channel, independently in each channel', async () => {
      const a = freshChannel();
      const b = freshChannel();
      const numbers: number[] = [];
      for (const ch of [a, a, b, a, b]) {
        numbers.push((await store().create(draft(ch), entry('created'))).number);
      }
      expect(numbers).toEqual([1, 2, 1, 3, 2]);
    });

    it('gives 50 concurrent creates the distinct numbers 1 to 50, each stored with its own text', async () => {
      const channel = freshChannel();
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().create(draft(channel, { text: `task ${i}` }), entry('created')),
        ),
      );
      expect(created.map((a) => a.number).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      for (const a of created) expect((await store().get(channel, a.number))?.text).toBe(a.text);
      expect(await store().list(channel, 'open')).toHaveLength(50);
    });

    it('updates with version + 1, moves the action between state lists and appends history', async () => {
      const channel = freshChannel();
      const created = await store().create(draft(channel), entry('created'));
      const closedAt = '2026-07-02T10:00:00.000Z';
      const done: Action = { ...created, state: 'done', closedBy: 'U_PRIYA', closedAt, updatedAt: closedAt };
      const changes = { state: { from: 'open', to: 'done' } };
      const updated = await store().update(done, entry('done', 'U_PRIYA', closedAt, changes));
      expect(updated.version).toBe(1);
      expect(await store().get(channel, 1)).toEqual(updated);
      expect(await store().list(channel, 'open')).toEqual([]);
      expect(await store().list(channel, 'done')).toEqual([updated]);
      expect(await store().history(channel, 1)).toEqual([
        entry('created'),
        { at: closedAt, by: 'U_PRIYA', kind: 'done', changes, text: null },
      ]);
    });

    it('refuses a stale update with ConflictError and writes nothing', async () => {
      const channel = freshChannel();
      const created = await store().create(draft(channel), entry('created'));
      await store().update({ ...created, text: 'first edit' }, entry('edit'));
      const stale = { ...created, state: 'dropped' as const, text: 'stale edit' };
      await expect(store().update(stale, entry('drop'))).rejects.toBeInstanceOf(ConflictError);
      expect(await store().get(channel, 1)).toMatchObject({ text: 'first edit', state: 'open', version: 1 });
      expect(await store().history(channel, 1)).toHaveLength(2);
      expect(await store().list(channel, 'dropped')).toEqual([]);
    });

    it('lets exactly one of two concurrent updates of the same version win', async () => {
      const channel = freshChannel();
      const created = await store().create(draft(channel), entry('created'));
      const results = await Promise.allSettled([
        store().update({ ...created, text: 'edit A' }, entry('edit')),
        store().update({ ...created, text: 'edit B' }, entry('edit')),
      ]);
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((x) => x.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
      expect(await store().history(channel, 1)).toHaveLength(2);
    });

    it('refuses to update an action that was never created', async () => {
      const channel = freshChannel();
      const ghost: Action = { ...draft(channel), number: 7, version: 0 };
      await expect(store().update(ghost, entry('edit'))).rejects.toBeInstanceOf(ConflictError);
      expect(await store().get(channel, 7)).toBeNull();
      expect(await store().list(channel, 'all')).toEqual([]);
    });

    it('creates many in the given order with consecutive numbers and one history entry each', async () => {
      const channel = freshChannel();
      await store().create(draft(channel), entry('created'));
      const texts = Array.from({ length: 450 }, (_, i) => `imported ${i}`);
      const created = await store().createMany(
        texts.map((text) => draft(channel, { text })),
        (a) => ({ ...entry('imported'), text: a.text }),
      );
      expect(created.map((a) => a.number)).toEqual(texts.map((_, i) => i + 2));
      expect((await store().get(channel, 451))?.text).toBe('imported 449');
      expect(await store().history(channel, 2)).toEqual([{ ...entry('imported'), text: 'imported 0' }]);
      expect(await store().list(channel, 'open')).toHaveLength(451);
    });

    it('writes none of many when one of them is not a valid action', async () => {
      const channel = freshChannel();
      const bad = { ...draft(channel), state: 'finished' } as unknown as Action;
      await expect(
        store().createMany([draft(channel), bad, draft(channel)], () => entry('imported')),
      ).rejects.toThrow();
      expect(await store().list(channel, 'all')).toEqual([]);
      expect((await store().create(draft(channel), entry('created'))).number).toBe(1);
    });

    it('hands out copies: changing what it returned or was given changes nothing stored', async () => {
      const channel = freshChannel();
      const given = draft(channel, { notes: [] });
      const created = await store().create(given, entry('created'));
      given.text = 'changed after create';
      created.text = 'changed by the caller';
      created.owners.push({ kind: 'user', id: 'U_MALLORY' });
      const read = await store().get(channel, 1);
      expect(read?.text).toBe(draft(channel).text);
      expect(read?.owners).toEqual([{ kind: 'user', id: 'U_PRIYA' }]);
      const history = await store().history(channel, 1);
      history[0] = entry('forged');
      expect((await store().history(channel, 1))[0]?.kind).toBe('created');
    });
  });

  describe('actions: scoping, history and lists', () => {
    it('keeps actions, aliases, settings and meetings apart per channel, team and platform', async () => {
      const home = freshChannel();
      const others: ChannelRef[] = [
        { ...home, channel: `${home.channel}-other` },
        { ...home, team: 'T2' },
        { ...home, platform: 'teams' },
      ];
      await store().create(draft(home, { text: 'home task' }), entry('created'));
      await store().setAlias(home, 'WYP', ['U_RUSS']);
      const settings = await store().getSettings(home);
      await store().saveSettings(home, { ...settings, timezone: 'Europe/Paris', chairs: ['U1'] });
      await store().saveMeetings(home, { ...(await store().getMeetings(home)), next: '2026-09-01' });
      for (const other of others) {
        expect(await store().get(other, 1)).toBeNull();
        expect(await store().list(other, 'all')).toEqual([]);
        expect(await store().getAliases(other)).toEqual({});
        expect((await store().getSettings(other)).timezone).toBeNull();
        expect((await store().getMeetings(other)).next).toBeNull();
        const own = await store().create(draft(other, { text: 'their task' }), entry('created'));
        expect(own.number).toBe(1);
      }
      expect((await store().list(home, 'all')).map((a) => a.text)).toEqual(['home task']);
    });

    it('records an entry per change with who, when and what, oldest first', async () => {
      const channel = freshChannel();
      const a0 = await store().create(draft(channel), entry('created', 'U_CHAIR', T0));
      const newDue = due('2026-08-14T16:00:00.000Z');
      const a1 = await store().update(
        { ...a0, due: newDue },
        entry('due', 'U_PRIYA', '2026-07-03T08:00:00.000Z', { due: { from: a0.due, to: newDue } }),
      );
      await store().update(
        { ...a1, state: 'dropped', closeNote: 'no longer needed' },
        { ...entry('drop', 'U_CHAIR', '2026-07-04T08:00:00.000Z'), text: 'no longer needed' },
      );
      const history = await store().history(channel, 1);
      expect(history.map((h) => [h.kind, h.by, h.at])).toEqual([
        ['created', 'U_CHAIR', T0],
        ['due', 'U_PRIYA', '2026-07-03T08:00:00.000Z'],
        ['drop', 'U_CHAIR', '2026-07-04T08:00:00.000Z'],
      ]);
      expect(history[1]?.changes).toEqual({ due: { from: a0.due, to: newDue } });
      expect(history[2]?.text).toBe('no longer needed');
      expect(await store().history(channel, 2)).toEqual([]);
    });

    it('lists by due date, undated last, ties by number (10 after 9)', async () => {
      const channel = freshChannel();
      const dues = [
        '2026-09-01T16:00:00.000Z',
        null,
        '2026-07-15T16:00:00.000Z',
        ...Array.from({ length: 7 }, () => '2026-08-01T16:00:00.000Z'),
        null,
        '2026-08-01T16:00:00.000Z',
      ];
      for (const d of dues) {
        await store().create(draft(channel, { due: d ? due(d) : null }), entry('created'));
      }
      const numbers = (await store().list(channel, 'open')).map((a) => a.number);
      expect(numbers).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 12, 1, 2, 11]);
    });

    it('lists each state apart and all of them together, following updates', async () => {
      const channel = freshChannel();
      await store().create(draft(channel, { state: 'open' }), entry('created'));
      await store().create(draft(channel, { state: 'done' }), entry('created'));
      const third = await store().create(draft(channel, { state: 'dropped' }), entry('created'));
      expect((await store().list(channel, 'open')).map((a) => a.number)).toEqual([1]);
      expect((await store().list(channel, 'done')).map((a) => a.number)).toEqual([2]);
      expect((await store().list(channel, 'dropped')).map((a) => a.number)).toEqual([3]);
      expect((await store().list(channel, 'all')).map((a) => a.number)).toEqual([1, 2, 3]);
      await store().update({ ...third, state: 'open' }, entry('reopen'));
      expect((await store().list(channel, 'open')).map((a) => a.number)).toEqual([1, 3]);
      expect(await store().list(channel, 'dropped')).toEqual([]);
    });

    it('names every channel that has had an action among its channels', async () => {
      const a = freshChannel({ team: 'Tchannels' });
      const b = freshChannel({ platform: 'teams', team: 'Tchannels' });
      const quiet = freshChannel({ team: 'Tchannels' });
      await store().create(draft(a), entry('created'));
      await store().createMany([draft(b), draft(b)], () => entry('imported'));
      await store().setAlias(quiet, 'WYP', ['U_RUSS']);
      const mine = (await store().channels()).filter((c) => c.team === 'Tchannels');
      expect(mine).toEqual(expect.arrayContaining([a, b]));
      expect(mine).toHaveLength(2);
    });
  });
}
