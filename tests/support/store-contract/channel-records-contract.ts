/**
 * The ActionStore's other records: message links and cards, aliases, settings and meetings (also read
 * together with an action, getWithChannel), and import drafts that are taken once and expire.
 */
import type { ChannelRef } from '../../../src/core/domain';
import { draft, entry, freshChannel } from '../action-fixtures';
import type { GetFixture } from './fixture';

/** A Teams channel whose ids hold `:`, `@`, `;` and braces, as Teams ids can. */
function teamsChannel(suffix: string): ChannelRef {
  return {
    platform: 'teams',
    team: `72f988bf-86f1;19:abc${suffix}@thread.tacv2`,
    channel: `19:{odd}${suffix}@thread.skype;messageid=1`,
  };
}

export function channelRecordsContract(fixture: GetFixture): void {
  const store = () => fixture().actions;

  describe('message links', () => {
    it('finds the action a message is about, per platform, and nothing for an unknown message', async () => {
      const channel = teamsChannel('links');
      const dm = { conversation: 'a:1Xyz;DM@conv', id: '1712345678901' };
      await store().linkMessage('teams', dm, channel, 4);
      expect(await store().findByMessage('teams', dm)).toEqual({ channel, number: 4 });
      expect(await store().findByMessage('slack', dm)).toBeNull();
      expect(await store().findByMessage('teams', { ...dm, id: '1712345678902' })).toBeNull();
      expect(await store().findByMessage('teams', { ...dm, conversation: 'a:1Xyz' })).toBeNull();
    });

    it('attaches the card without a new version or history entry, and a later update keeps it', async () => {
      const channel = freshChannel();
      const created = await store().create(draft(channel), entry('created'));
      const card = { conversation: channel.channel, id: '1700000000.000100' };
      await store().attachMessage(channel, 1, card);
      expect(await store().get(channel, 1)).toEqual({ ...created, message: card });
      expect(await store().history(channel, 1)).toHaveLength(1);
      expect(await store().findByMessage('slack', card)).toEqual({ channel, number: 1 });
      // An update built from the action as read before the card was attached must not lose the card.
      const updated = await store().update({ ...created, text: 'edited' }, entry('edit'));
      expect(updated.message).toEqual(card);
      expect(await store().get(channel, 1)).toMatchObject({ text: 'edited', message: card, version: 1 });
    });

    it('refuses to attach a card to an action that does not exist, and links nothing', async () => {
      const channel = freshChannel();
      const card = { conversation: channel.channel, id: '1700000000.000200' };
      await expect(store().attachMessage(channel, 9, card)).rejects.toThrow('does not exist');
      expect(await store().findByMessage('slack', card)).toBeNull();
    });
  });

  describe('aliases, settings and meetings', () => {
    it('matches alias names without regard to case; an empty list removes the alias', async () => {
      const channel = freshChannel();
      expect(await store().getAliases(channel)).toEqual({});
      await store().setAlias(channel, 'WYP', ['U_RUSS', 'U_OZ']);
      await store().setAlias(channel, 'DMPC', ['U_DEE']);
      expect(await store().getAliases(channel)).toEqual({ WYP: ['U_RUSS', 'U_OZ'], DMPC: ['U_DEE'] });
      await store().setAlias(channel, 'wyp', ['U_OZ']);
      expect(await store().getAliases(channel)).toEqual({ wyp: ['U_OZ'], DMPC: ['U_DEE'] });
      await store().setAlias(channel, 'Wyp', []);
      expect(await store().getAliases(channel)).toEqual({ DMPC: ['U_DEE'] });
    });

    it('gives a new channel the default settings and keeps what is saved', async () => {
      const channel = freshChannel();
      const defaults = await store().getSettings(channel);
      expect(defaults).toMatchObject({ timezone: null, reminders: ['-2d', '0', '+1d'], chairs: [] });
      const saved = { ...defaults, timezone: 'America/New_York', digest: null, chairs: ['U_CHAIR'] };
      await store().saveSettings(channel, saved);
      saved.chairs.push('U_LATER');
      expect(await store().getSettings(channel)).toEqual({ ...saved, chairs: ['U_CHAIR'] });
    });

    it('refuses settings that are not valid and keeps the ones before', async () => {
      const channel = freshChannel();
      const before = { ...(await store().getSettings(channel)), chairs: ['U_CHAIR'] };
      await store().saveSettings(channel, before);
      await expect(store().saveSettings(channel, { ...before, workdays: [9] })).rejects.toThrow();
      expect(await store().getSettings(channel)).toEqual(before);
    });

    it('keeps the current and next meeting', async () => {
      const channel = freshChannel();
      const none = await store().getMeetings(channel);
      expect(none).toMatchObject({ current: null, next: null, past: [] });
      const meetings = {
        ...none,
        current: {
          id: 'm1',
          title: 'Board',
          date: '2026-07-01T18:30',
          createdAt: '2026-07-01T17:00:00.000Z',
        },
        next: '2026-08-05',
      };
      await store().saveMeetings(channel, meetings);
      expect(await store().getMeetings(channel)).toEqual(meetings);
    });

    it('reads an action with its channel settings, aliases and meetings, as the single reads give them', async () => {
      const channel = teamsChannel('with');
      const created = await store().create(draft(channel), entry('created'));
      const card = { conversation: 'a:conv', id: '1712345678901' };
      await store().attachMessage(channel, created.number, card);
      await store().saveSettings(channel, {
        ...(await store().getSettings(channel)),
        timezone: 'Asia/Tokyo',
      });
      await store().setAlias(channel, 'WYP', ['U_RUSS', 'U_OZ']);
      await store().setAlias(channel, 'Dmpc', ['U_DEE']);
      const meetings = { ...(await store().getMeetings(channel)), next: '2026-08-05' };
      await store().saveMeetings(channel, meetings);
      await store().setAlias(freshChannel(), 'ELSEWHERE', ['U_X']);

      const read = await store().getWithChannel(channel, created.number);

      expect(read).toEqual({
        action: { ...created, message: card },
        settings: { ...(await store().getSettings(freshChannel())), timezone: 'Asia/Tokyo' },
        aliases: { WYP: ['U_RUSS', 'U_OZ'], Dmpc: ['U_DEE'] },
        meetings,
      });
    });

    it('gives no action, the default settings, no aliases and no meetings for a channel with nothing', async () => {
      const channel = freshChannel();
      expect(await store().getWithChannel(channel, 7)).toEqual({
        action: null,
        settings: await store().getSettings(channel),
        aliases: {},
        meetings: await store().getMeetings(channel),
      });
    });
  });

  describe('drafts', () => {
    it('gives a draft back once, only in its channel, and nothing once its time is up', async () => {
      const channel = freshChannel();
      await store().putDraft(channel, 'd1', '{"minutes":1}', 60);
      expect(await store().takeDraft(freshChannel(), 'd1')).toBeNull();
      expect(await store().takeDraft(channel, 'd1')).toBe('{"minutes":1}');
      expect(await store().takeDraft(channel, 'd1')).toBeNull();
      await store().putDraft(channel, 'd2', 'short-lived', 1);
      await fixture().elapse(1.2);
      expect(await store().takeDraft(channel, 'd2')).toBeNull();
    });
  });
}
