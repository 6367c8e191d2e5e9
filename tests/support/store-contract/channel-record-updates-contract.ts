/**
 * The atomic updates of a channel's settings and meetings (ActionStore.updateSettings, updateMeetings):
 * commands that change one record side by side (Slack runs each slash command on its own) must each keep
 * the other's change, a change that says "no change" or throws stores nothing, and the caller gets back
 * the record that was stored, for what it does next.
 */
import { NO_CHANGE } from '../../../src/core/ports';
import { freshChannel } from '../action-fixtures';
import type { GetFixture } from './fixture';

/** How many changes race on one record: enough that a read-then-save loses some on any store. */
const RACERS = 20;

const ids = Array.from({ length: RACERS }, (_, i) => `U_${String(i).padStart(2, '0')}`);

function meeting(i: number) {
  const day = String(i + 1).padStart(2, '0');
  return {
    id: `m-${day}`,
    title: `Meeting ${day}`,
    date: `2026-03-${day}`,
    createdAt: '2026-07-01T09:00:00.000Z',
  };
}

export function channelRecordUpdatesContract(fixture: GetFixture): void {
  const store = () => fixture().actions;

  describe('atomic updates of settings and meetings', () => {
    it(`keeps all of ${RACERS} settings changes made at once, each to its own part`, async () => {
      const channel = freshChannel();
      await Promise.all([
        ...ids.map((id) => store().updateSettings(channel, (s) => ({ ...s, chairs: [...s.chairs, id] }))),
        store().updateSettings(channel, (s) => ({ ...s, timezone: 'America/New_York' })),
        store().updateSettings(channel, (s) => ({ ...s, reminders: ['-1d', '0'] })),
      ]);
      const settings = await store().getSettings(channel);
      expect([...settings.chairs].sort()).toEqual(ids);
      expect(settings).toMatchObject({ timezone: 'America/New_York', reminders: ['-1d', '0'] });
    });

    it(`keeps all of ${RACERS} meetings changes made at once, each to its own part`, async () => {
      const channel = freshChannel();
      await Promise.all([
        ...ids.map((_, i) =>
          store().updateMeetings(channel, (m) => ({ ...m, past: [...m.past, meeting(i)] })),
        ),
        store().updateMeetings(channel, (m) => ({ ...m, next: '2026-09-02T14:00', nextByHand: true })),
      ]);
      const meetings = await store().getMeetings(channel);
      expect(meetings.past.map((m) => m.id).sort()).toEqual(ids.map((_, i) => meeting(i).id));
      expect(meetings).toMatchObject({ next: '2026-09-02T14:00', nextByHand: true });
    });

    it('gives back the record it read and the one it stored, as a later read gives it', async () => {
      const channel = freshChannel();
      const defaults = await store().getSettings(channel);
      const first = await store().updateSettings(channel, (s) => ({ ...s, timezone: 'Europe/Paris' }));
      expect(first).toEqual({
        before: defaults,
        after: { ...defaults, timezone: 'Europe/Paris' },
        changed: true,
      });
      const second = await store().updateMeetings(channel, (m) => ({ ...m, next: '2026-08-05' }));
      expect(second.after).toEqual(await store().getMeetings(channel));
      expect(second.before.next).toBeNull();
    });

    it('stores nothing for "no change", or when the change throws or gives a record that cannot be stored', async () => {
      const channel = freshChannel();
      const saved = { ...(await store().getSettings(channel)), chairs: ['U_CHAIR'] };
      await store().saveSettings(channel, saved);
      expect(await store().updateSettings(channel, () => NO_CHANGE)).toEqual({
        before: saved,
        after: saved,
        changed: false,
      });
      const refused = store().updateSettings(channel, () => {
        throw new Error('only chairs may');
      });
      await expect(refused).rejects.toThrow('only chairs may');
      await expect(store().updateSettings(channel, (s) => ({ ...s, workdays: [9] }))).rejects.toThrow();
      expect(await store().getSettings(channel)).toEqual(saved);
    });
  });
}
