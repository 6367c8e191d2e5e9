/**
 * The TeamsMessenger against the fake Bot Connector and the real Redis: where posts go, what a refusal
 * means (403/404 are "cannot reach", not failures), retries, long views split across cards, updates.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ChannelRef } from '../../src/core/domain';
import { text, user, type View } from '../../src/core/view';
import { RedisConversationReferences } from '../../src/store/redis-conversation-references';
import { RedisLastReminders } from '../../src/store/redis-last-reminders';
import { TeamsMessenger } from '../../src/teams/teams-messenger';
import { cardProblems } from '../support/adaptive-card-check';
import { cardsOf, FakeBotConnector } from '../support/fake-bot-connector';
import { recordingLogger } from '../support/recording-logger';
import { type TestRedis, testRedis } from '../support/redis';

const TENANT = 'tenant-m';
const CHANNEL: ChannelRef = { platform: 'teams', team: TENANT, channel: '19:messenger@thread.tacv2' };
const BOT = { id: '28:bot', name: 'Arising' };

let connector: FakeBotConnector;
let r: TestRedis;
let references: RedisConversationReferences;
let lastReminders: RedisLastReminders;
let messenger: TeamsMessenger;
const log = recordingLogger();
/** What the messenger warned of, one line each. */
const warnings = (): string => log.lines.filter((line) => line.startsWith('warn ')).join('\n');

beforeAll(async () => {
  connector = await new FakeBotConnector().start();
  r = await testRedis();
  references = new RedisConversationReferences(r.redis, r.prefix);
  lastReminders = new RedisLastReminders(r.redis, r.prefix);
  messenger = new TeamsMessenger({
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    appId: '',
    references,
    lastReminders,
    logger: log.logger,
    retry: { attempts: 3, baseMs: 1, maxMs: 10 },
  });
  await references.save(CHANNEL, {
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    conversation: { id: CHANNEL.channel, conversationType: 'channel', tenantId: TENANT },
    bot: BOT,
  });
  await references.rememberNames(TENANT, [{ id: '29:priya', name: 'Priya Patel' }]);
});

afterAll(async () => {
  await connector.stop();
  await r.cleanup();
});

beforeEach(() => {
  connector.reset();
  log.lines.length = 0;
});

const small: View = {
  text: 'Hello',
  blocks: [{ kind: 'section', spans: [text('Hello '), user('29:priya')] }],
};

describe('posting in a channel', () => {
  it('sends one card to the channel conversation and returns its message', async () => {
    const posted = await messenger.post({ kind: 'channel', channel: CHANNEL }, small);
    const [call] = connector.callsOf('send');
    expect(call?.conversation).toBe(CHANNEL.channel);
    expect(posted).toEqual({ conversation: CHANNEL.channel, id: call?.id });
    expect(JSON.stringify(cardsOf(call as never))).toContain('<at>Priya Patel</at>');
  });

  it('splits a view too long for one card into several, in order, answering with the first', async () => {
    const long: View = {
      text: 'Overdue actions: 400',
      blocks: Array.from({ length: 400 }, (_, i) => ({
        kind: 'section' as const,
        spans: [text(`#${i + 1} ${'follow up on the quarterly figures with the finance team '.repeat(3)}`)],
      })),
    };
    const posted = await messenger.post({ kind: 'channel', channel: CHANNEL }, long);
    const sends = connector.callsOf('send');
    expect(sends.length).toBeGreaterThan(1);
    expect(posted?.id).toBe(sends[0]?.id);
    for (const call of sends) {
      expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThan(40 * 1024);
      for (const card of cardsOf(call)) expect(cardProblems(card)).toEqual([]);
    }
    expect(JSON.stringify(sends.at(-1)?.body)).toContain('#400 ');
  });

  it('answers null for a conversation Arising has never seen, and for a 403 from Teams', async () => {
    const unknown = { ...CHANNEL, channel: '19:never-seen@thread.tacv2' };
    expect(await messenger.post({ kind: 'channel', channel: unknown }, small)).toBeNull();
    connector.failNext('send', 403);
    expect(await messenger.post({ kind: 'channel', channel: CHANNEL }, small)).toBeNull();
    expect(warnings()).toContain('403');
  });

  it('retries 502 and gives up after its attempts with the error', async () => {
    connector.failNext('send', 502, 2);
    expect(await messenger.post({ kind: 'channel', channel: CHANNEL }, small)).not.toBeNull();
    connector.failNext('send', 500, 1);
    await expect(messenger.post({ kind: 'channel', channel: CHANNEL }, small)).rejects.toMatchObject({
      statusCode: 500,
    });
  });

  it('sends to one conversation in order, one at a time', async () => {
    const views = Array.from({ length: 5 }, (_, i) => ({
      ...small,
      text: `n${i}`,
      blocks: [{ kind: 'section' as const, spans: [text(`n${i}`)] }],
    }));
    await Promise.all(views.map((v) => messenger.post({ kind: 'channel', channel: CHANNEL }, v)));
    const order = connector.callsOf('send').map((c) => JSON.stringify(c.body).match(/"text":"(n\d)"/)?.[1]);
    expect(order).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });
});

describe('direct messages', () => {
  it('opens a personal chat once, then reuses it', async () => {
    const first = await messenger.post({ kind: 'user', channel: CHANNEL, userId: '29:new-user' }, small);
    const second = await messenger.post({ kind: 'user', channel: CHANNEL, userId: '29:new-user' }, small);
    expect(connector.callsOf('create-conversation')).toHaveLength(1);
    const created = connector.callsOf('create-conversation')[0];
    expect(created?.body).toMatchObject({
      isGroup: false,
      members: [{ id: '29:new-user' }],
      tenantId: TENANT,
    });
    expect(first?.conversation).toBe(created?.id);
    expect(second?.conversation).toBe(created?.id);
    const chat = { ...CHANNEL, channel: created?.id as string };
    expect(await lastReminders.lastReminder(chat)).toBe(second?.id);
  });

  it('answers null when Teams will not open a chat with someone who has not installed the app', async () => {
    connector.failNext('create-conversation', 403);
    expect(await messenger.post({ kind: 'user', channel: CHANNEL, userId: '29:no-app' }, small)).toBeNull();
    expect(connector.callsOf('send')).toHaveLength(0);
  });
});

describe('updates', () => {
  it('replace the message with one card, and a message that is gone is only a warning', async () => {
    await messenger.update(CHANNEL, { conversation: CHANNEL.channel, id: '1700000000999' }, small);
    const [update] = connector.callsOf('update');
    expect(update?.activityId).toBe('1700000000999');
    connector.failNext('update', 404);
    await expect(
      messenger.update(CHANNEL, { conversation: CHANNEL.channel, id: 'gone' }, small),
    ).resolves.toBeUndefined();
    expect(warnings()).toContain('Could not update Teams message gone');
  });

  it('refuse a Slack channel outright', async () => {
    await expect(
      messenger.post({ kind: 'channel', channel: { platform: 'slack', team: 'T', channel: 'C' } }, small),
    ).rejects.toThrow(/cannot deliver to a slack channel/);
  });
});
