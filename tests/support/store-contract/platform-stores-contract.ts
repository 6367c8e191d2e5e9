/**
 * What the platforms keep beside the actions: Teams' conversation references, personal chats and names,
 * the latest reminder of each direct-message conversation, and the console's panes with their feed.
 */
import type { ConsoleEvent, NewConsoleMessage } from '../../../src/core/console-pane-store';
import { CHANNEL_PANE, dmPane, PANE_CAP } from '../../../src/core/console-pane-store';
import type { StoredReference } from '../../../src/core/conversation-reference-store';
import type { ChannelRef } from '../../../src/core/domain';
import type { View } from '../../../src/core/view';
import { freshChannel } from '../action-fixtures';
import type { GetFixture } from './fixture';

const TENANT = 'tenant-contract';

function reference(conversation: string, serviceUrl = 'https://smba.example.net/emea/'): StoredReference {
  return {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: conversation, conversationType: 'channel', tenantId: TENANT },
    bot: { id: '28:bot', name: 'Arising' },
  };
}

function said(text: string, from: string | null = 'priya', pane = CHANNEL_PANE): NewConsoleMessage {
  return { pane, thread: null, from, view: null, text, visibleTo: null };
}

const viewOf = (text: string): View => ({ text, blocks: [] });

/** Resolves once `heard` holds an event that `match` accepts, adding a probe message until the feed hears. */
async function untilHeard(
  heard: ConsoleEvent[],
  probe: () => Promise<unknown>,
  match: (e: ConsoleEvent) => boolean,
): Promise<ConsoleEvent> {
  for (let i = 0; i < 50; i++) {
    const found = heard.find(match);
    if (found) return found;
    await probe();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The console feed heard nothing');
}

export function platformStoresContract(fixture: GetFixture): void {
  describe('conversation references', () => {
    it('keeps the latest reference of each conversation, apart per tenant', async () => {
      const { references } = fixture();
      const channel: ChannelRef = { platform: 'teams', team: TENANT, channel: '19:{odd}@thread.tacv2' };
      expect(await references.get(channel)).toBeNull();
      await references.save(channel, reference(channel.channel));
      await references.save(channel, reference(channel.channel, 'https://smba.example.net/amer/'));
      expect((await references.get(channel))?.serviceUrl).toBe('https://smba.example.net/amer/');
      expect(await references.get({ ...channel, team: 'another-tenant' })).toBeNull();
    });

    it('finds a user’s personal chat, which is a conversation it can reach too', async () => {
      const { references } = fixture();
      expect(await references.personalChat(TENANT, '29:priya')).toBeNull();
      const chat = {
        ...reference('a:1personal'),
        conversation: { id: 'a:1personal', conversationType: 'personal' },
      };
      await references.savePersonalChat(TENANT, '29:priya', chat);
      expect(await references.personalChat(TENANT, '29:priya')).toEqual(chat);
      expect(await references.get({ platform: 'teams', team: TENANT, channel: 'a:1personal' })).toEqual(chat);
      expect(await references.personalChat('another-tenant', '29:priya')).toBeNull();
      expect(await references.personalChat(TENANT, '29:sam')).toBeNull();
    });

    it('remembers display names per tenant, ignoring blank ones', async () => {
      const { references } = fixture();
      expect(await references.names(TENANT, [])).toEqual(new Map());
      await references.rememberNames(TENANT, [
        { id: '29:priya', name: 'Priya Patel' },
        { id: '29:blank', name: '  ' },
      ]);
      await references.rememberNames(TENANT, [{ id: '29:priya', name: 'Priya P.' }]);
      await references.rememberNames('another-tenant', [{ id: '29:sam', name: 'Sam Smith' }]);
      expect(await references.names(TENANT, ['29:priya', '29:blank', '29:sam'])).toEqual(
        new Map([['29:priya', 'Priya P.']]),
      );
    });
  });

  describe('last reminders', () => {
    it('keeps the latest reminder of each direct-message conversation', async () => {
      const { lastReminders } = fixture();
      const chat: ChannelRef = { platform: 'teams', team: TENANT, channel: 'a:1dm' };
      expect(await lastReminders.lastReminder(chat)).toBeNull();
      await lastReminders.setLastReminder(chat, 'activity-1');
      await lastReminders.setLastReminder(chat, 'activity-2');
      expect(await lastReminders.lastReminder(chat)).toBe('activity-2');
      expect(await lastReminders.lastReminder({ ...chat, channel: 'a:2dm' })).toBeNull();
      expect(await lastReminders.lastReminder({ ...chat, platform: 'console' })).toBeNull();
    });
  });

  describe('console panes', () => {
    it('keeps each pane’s messages in order with unique ids and the store’s time', async () => {
      const { consolePanes, clock } = fixture();
      const channel = freshChannel({ platform: 'console' });
      clock.now = new Date('2026-07-01T09:00:00.000Z');
      const first = await consolePanes.add(channel, said('add @priya to send the figures'));
      clock.now = new Date('2026-07-01T09:01:00.000Z');
      const dm = await consolePanes.add(channel, {
        ...said('Reminder', null, dmPane('priya')),
        view: viewOf('Due'),
      });
      const reply = await consolePanes.add(channel, { ...said('done'), thread: first.id });
      expect(new Set([first.id, dm.id, reply.id]).size).toBe(3);
      expect(first).toMatchObject({ at: '2026-07-01T09:00:00.000Z', editedAt: null, from: 'priya' });
      expect(await consolePanes.pane(channel, CHANNEL_PANE)).toEqual([first, reply]);
      expect(await consolePanes.pane(channel, dmPane('priya'))).toEqual([dm]);
      expect(await consolePanes.pane(channel, dmPane('sam'))).toEqual([]);
      expect(await consolePanes.get(channel, dm.id)).toEqual(dm);
      expect(await consolePanes.get(freshChannel({ platform: 'console' }), dm.id)).toBeNull();
    });

    it(`keeps the newest ${PANE_CAP} messages of a pane`, async () => {
      const { consolePanes } = fixture();
      const channel = freshChannel({ platform: 'console' });
      const added = [];
      for (let i = 0; i <= PANE_CAP; i++) added.push(await consolePanes.add(channel, said(`message ${i}`)));
      const pane = await consolePanes.pane(channel, CHANNEL_PANE);
      expect(pane).toHaveLength(PANE_CAP);
      expect(pane[0]?.text).toBe('message 1');
      expect(pane.at(-1)?.id).toBe(added.at(-1)?.id);
    });

    it('replaces the view of a message and says when, and updates nothing that is gone', async () => {
      const { consolePanes, clock } = fixture();
      const channel = freshChannel({ platform: 'console' });
      const card = await consolePanes.add(channel, { ...said('', null), view: viewOf('#1 open') });
      clock.now = new Date('2026-07-02T10:00:00.000Z');
      const updated = await consolePanes.update(channel, card.id, viewOf('#1 done'));
      expect(updated).toEqual({ ...card, view: viewOf('#1 done'), editedAt: '2026-07-02T10:00:00.000Z' });
      expect(await consolePanes.pane(channel, CHANNEL_PANE)).toEqual([updated]);
      expect(await consolePanes.update(channel, 'm-none', viewOf('x'))).toBeNull();
      expect(await consolePanes.pane(channel, CHANNEL_PANE)).toHaveLength(1);
    });

    it('lets the demo set-up be claimed once per channel, and again once released', async () => {
      const { consolePanes } = fixture();
      const channel = freshChannel({ platform: 'console' });
      expect(await consolePanes.claimSetup(channel)).toBe(true);
      expect(await consolePanes.claimSetup(channel)).toBe(false);
      expect(await consolePanes.claimSetup(freshChannel({ platform: 'console' }))).toBe(true);
      await consolePanes.releaseSetup(channel);
      expect(await consolePanes.claimSetup(channel)).toBe(true);
    });

    it('announces every new and changed message on the feed', async () => {
      const { consolePanes, consoleFeed } = fixture();
      const heard: ConsoleEvent[] = [];
      consoleFeed.listen((event) => heard.push(event));
      const channel = freshChannel({ platform: 'console' });
      const probes = freshChannel({ platform: 'console' });
      await untilHeard(
        heard,
        () => consolePanes.add(probes, said('probe')),
        (e) => e.channel.channel === probes.channel,
      );
      const posted = await consolePanes.add(channel, { ...said('', null), view: viewOf('#1 open') });
      const updated = await consolePanes.update(channel, posted.id, viewOf('#1 done'));
      const mine = (e: ConsoleEvent) => e.channel.channel === channel.channel;
      await untilHeard(
        heard,
        async () => {},
        (e) => mine(e) && e.type === 'update',
      );
      expect(heard.filter(mine)).toEqual([
        { type: 'post', channel, message: posted },
        { type: 'update', channel, message: updated },
      ]);
    });
  });
}
