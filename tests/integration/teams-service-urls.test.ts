/**
 * With TEAMS_EMULATOR=on only loopback service URLs are ever called, proactive posts included: a
 * conversation reference kept from an earlier run (an install of 0.1 let anyone store one) whose
 * serviceUrl is elsewhere is refused by the connection's guard (src/teams/service-url-guard.ts), and the
 * post answers null, as for a conversation Teams says is out of reach.
 *
 * The messenger is the service's own: connectTeams with the configuration loadConfig gives for
 * TEAMS_EMULATOR=on, the real Redis, and the fake Bot Connector on 127.0.0.1.
 */
import { loadConfig } from '../../src/config';
import type { ConversationReferenceStore } from '../../src/core/conversation-reference-store';
import type { ChannelRef } from '../../src/core/domain';
import { text, type View } from '../../src/core/view';
import { RedisConversationReferences } from '../../src/store/redis-conversation-references';
import { RedisLastReminders } from '../../src/store/redis-last-reminders';
import { connectTeams } from '../../src/teams/teams-app';
import { TeamsMessenger } from '../../src/teams/teams-messenger';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { recordingLogger } from '../support/recording-logger';
import { type TestRedis, testRedis } from '../support/redis';

const TENANT = 'tenant-urls';
const BOT = { id: '28:bot', name: 'Arising' };
const HERE: ChannelRef = { platform: 'teams', team: TENANT, channel: '19:here@thread.tacv2' };
const ELSEWHERE: ChannelRef = { platform: 'teams', team: TENANT, channel: '19:elsewhere@thread.tacv2' };
const hello: View = { text: 'Hello', blocks: [{ kind: 'section', spans: [text('Hello')] }] };

let connector: FakeBotConnector;
let r: TestRedis;
let messenger: TeamsMessenger;
const log = recordingLogger();
/** What the messenger warned of, one line each. */
const warnings = (): string => log.lines.filter((line) => line.startsWith('warn ')).join('\n');

async function keep(channel: ChannelRef, serviceUrl: string, references: ConversationReferenceStore) {
  await references.save(channel, {
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: channel.channel, conversationType: 'channel', tenantId: TENANT },
    bot: BOT,
  });
}

beforeAll(async () => {
  connector = await new FakeBotConnector().start();
  r = await testRedis();
  const references = new RedisConversationReferences(r.redis, r.prefix);
  const lastReminders = new RedisLastReminders(r.redis, r.prefix);
  const logger = log.logger;
  const config = loadConfig({ TEAMS_EMULATOR: 'on' });
  const connection = connectTeams(config.teams, logger);
  messenger = new TeamsMessenger({
    adapter: connection.adapter,
    appId: '',
    references,
    lastReminders,
    logger,
  });
  await keep(HERE, connector.serviceUrl, references);
  // 0.0.0.0 is not loopback, yet on Linux it reaches the fake on 127.0.0.1: a missing check would show.
  await keep(ELSEWHERE, connector.serviceUrl.replace('127.0.0.1', '0.0.0.0'), references);
});

afterAll(async () => {
  await connector.stop();
  await r.cleanup();
});

describe('a proactive post with TEAMS_EMULATOR=on', () => {
  it('is refused, calling nothing, when the kept serviceUrl is not on loopback', async () => {
    expect(await messenger.post({ kind: 'channel', channel: ELSEWHERE }, hello)).toBeNull();
    expect(await messenger.post({ kind: 'user', channel: ELSEWHERE, userId: '29:priya' }, hello)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls).toEqual([]);
    expect(warnings()).toMatch(
      /Refusing to call Teams service URL http:\/\/0\.0\.0\.0:\d+\/: with TEAMS_EMULATOR=on only loopback URLs are called/,
    );
  });

  it('is sent when the kept serviceUrl is on loopback, so the refusal above is for the address', async () => {
    const posted = await messenger.post({ kind: 'channel', channel: HERE }, hello);
    expect(posted).not.toBeNull();
    expect(connector.callsOf('send')).toHaveLength(1);
  });
});
