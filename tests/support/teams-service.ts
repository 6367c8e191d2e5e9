/**
 * The real service for a Teams end-to-end test: startService in-process on a free port (Teams only, no
 * Slack), the real Redis under a prefix of its own, and a fake Bot Connector on loopback as every
 * activity's serviceUrl. Activities are built as Teams sends them (see the builders below) and POSTed to
 * /api/messages. Without an appId the service runs with TEAMS_EMULATOR=on, as for the Bot Framework
 * Emulator: unauthenticated, and calling only loopback service URLs (the fake is on 127.0.0.1).
 *
 *   const t = await startTeamsService();                                   // beforeAll
 *   await t.post(channelMessage(t, '<at>Arising</at> list', [BOT_MENTION]));
 *   await t.stop();                                                        // afterAll
 */
import { randomUUID } from 'node:crypto';
import { type RunningService, startService } from '../../src/app/start-service';
import { loadConfig } from '../../src/config';
import type { ChannelRef } from '../../src/core/domain';
import type { Logger } from '../../src/core/logger';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RedisConversationReferences } from '../../src/store/redis-conversation-references';
import { FakeBotConnector } from './fake-bot-connector';
import { TEST_REDIS_ENV, type TestRedis, testRedis } from './redis';

export const TENANT = 'tenant-e2e-0001';
export const TEAM_ID = '19:team-general@thread.tacv2';
export const CHANNEL_ID = '19:committee@thread.tacv2';
export const BOT = { id: '28:arising-bot-app', name: 'Arising' };
export const PRIYA = { id: '29:1priya-aad', name: 'Priya Patel', aadObjectId: 'aad-priya' };
export const CHAIR = { id: '29:1chair-aad', name: 'Chair Person', aadObjectId: 'aad-chair' };
export const SAM = { id: '29:1sam-aad', name: 'Sam Smith', aadObjectId: 'aad-sam' };

export type Person = { id: string; name: string; aadObjectId?: string };

export interface TeamsService {
  baseUrl: string;
  connector: FakeBotConnector;
  store: RedisActionStore;
  references: RedisConversationReferences;
  redis: TestRedis;
  /** The committee channel as the core scopes it. */
  channel: ChannelRef;
  setNow(now: Date | string): void;
  /** POSTs an activity to /api/messages, as the Bot Connector does. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface TeamsServiceOptions {
  now?: Date | string;
  /** Sets MicrosoftAppId (and a password), so activities must carry a valid token. */
  appId?: string;
  /**
   * With `appId`: where the keys that sign the channel's tokens are published, instead of Microsoft's
   * (TeamsConfig.openIdMetadataUrl). See tests/support/bot-framework-tokens.ts.
   */
  openIdMetadataUrl?: string;
  /** `web` by default: no workers, so reminders planned for the fixed clock's dates never fire. */
  role?: 'web' | 'all';
  /**
   * TEAMS_EMULATOR: `on` unless `appId` is given (the activities here are unauthenticated, as the Bot
   * Framework Emulator's are); `off` without `appId` is a server where Teams is not configured.
   */
  emulator?: 'on' | 'off';
  /** Receives the service's log; by default it goes to the console at TEST_LOG_LEVEL (error). */
  logger?: Logger;
  /** How long a document imported in chat may take to read (StartOptions.minutesTimeLimitMs). */
  minutesTimeLimitMs?: number;
  /** More environment, as the service reads it (ARISING_ALLOW_PRIVATE_URLS, SMTP_URL, PUBLIC_URL, …). */
  env?: Record<string, string>;
}

export async function startTeamsService(options: TeamsServiceOptions = {}): Promise<TeamsService> {
  const connector = await new FakeBotConnector().start();
  const redis = await testRedis();
  let now = new Date(options.now ?? '2026-07-01T09:00:00Z');
  const config = loadConfig({
    PORT: '0',
    ...TEST_REDIS_ENV,
    REDIS_PREFIX: redis.prefix,
    DEFAULT_TIMEZONE: 'Europe/London',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ARISING_ROLE: options.role ?? 'web',
    ...(options.appId ? { MicrosoftAppId: options.appId, MicrosoftAppPassword: 'not-a-real-secret' } : {}),
    TEAMS_EMULATOR: options.emulator ?? (options.appId ? 'off' : 'on'),
    ...options.env,
  });
  if (options.openIdMetadataUrl) config.teams.openIdMetadataUrl = options.openIdMetadataUrl;
  let service: RunningService;
  try {
    service = await startService(config, {
      clock: { now: () => now },
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.minutesTimeLimitMs ? { minutesTimeLimitMs: options.minutesTimeLimitMs } : {}),
    });
  } catch (error) {
    await connector.stop();
    await redis.cleanup();
    throw error;
  }
  if (service.port === null) throw new Error('The service did not start its HTTP server');
  const baseUrl = `http://127.0.0.1:${service.port}`;
  return {
    baseUrl,
    connector,
    store: new RedisActionStore({ redis: redis.redis, prefix: redis.prefix }),
    references: new RedisConversationReferences(redis.redis, redis.prefix),
    redis,
    channel: { platform: 'teams', team: TENANT, channel: CHANNEL_ID },
    setNow(next) {
      now = new Date(next);
    },
    post: (activity, headers = {}) =>
      fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
    async stop() {
      await service.stop();
      await connector.stop();
      await redis.cleanup();
    },
  };
}

export interface Mention {
  person: Person;
  /** The text in the message, `<at>Name</at>` unless given. */
  text?: string;
}

function mentionEntities(mentions: Mention[]) {
  return mentions.map((m) => ({
    type: 'mention',
    text: m.text ?? `<at>${m.person.name}</at>`,
    mentioned: { id: m.person.id, name: m.person.name },
  }));
}

function base(t: TeamsService, conversation: Record<string, unknown>, from: Person, channelData: object) {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: t.connector.serviceUrl,
    channelId: 'msteams',
    from: { ...from },
    conversation: { tenantId: TENANT, ...conversation },
    recipient: { ...BOT },
    channelData: { tenant: { id: TENANT }, ...channelData },
    locale: 'en-GB',
  };
}

const teamData = {
  team: { id: TEAM_ID, name: 'Community Outcomes' },
  channel: { id: CHANNEL_ID, name: 'Committee' },
};

/**
 * A message in the committee channel. `thread` makes it a reply in that root message's thread (the
 * conversation id gets `;messageid=`). Mention the bot with `BOT` in `mentions` and `<at>Arising</at>`.
 */
export function channelMessage(
  t: TeamsService,
  text: string,
  mentions: Mention[],
  options: { from?: Person; thread?: string; channel?: string; attachments?: unknown[] } = {},
): Record<string, unknown> {
  const channel = options.channel ?? CHANNEL_ID;
  const activity = base(
    t,
    {
      id: options.thread ? `${channel};messageid=${options.thread}` : channel,
      conversationType: 'channel',
      isGroup: true,
    },
    options.from ?? CHAIR,
    { ...teamData, channel: { id: channel, name: 'Committee' } },
  );
  const id = activity.id;
  return {
    ...activity,
    // A new post is its own thread's root: Teams gives it the root's id in the conversation id.
    conversation: {
      ...activity.conversation,
      id: options.thread ? `${channel};messageid=${options.thread}` : `${channel};messageid=${id}`,
    },
    type: 'message',
    text,
    textFormat: 'plain',
    entities: [...mentionEntities(mentions), { type: 'clientInfo', locale: 'en-GB' }],
    attachments: options.attachments ?? [{ contentType: 'text/html', content: `<p>${text}</p>` }],
  };
}

export const BOT_MENTION: Mention = { person: BOT };

/** The personal chat of a person with the bot. */
export function personalChatId(person: Person): string {
  return `a:personal-${person.id.replace(/[^a-z0-9]/gi, '')}`;
}

/** A message in the person's personal chat with the bot (`replyToId` when it quotes a bot message). */
export function personalMessage(
  t: TeamsService,
  person: Person,
  text: string,
  options: { replyToId?: string; attachments?: unknown[] } = {},
): Record<string, unknown> {
  return {
    ...base(t, { id: personalChatId(person), conversationType: 'personal' }, person, {}),
    type: 'message',
    text,
    textFormat: 'plain',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
  };
}

/** The conversationUpdate Teams sends when the app is added to the team (its General channel). */
export function installInTeam(
  t: TeamsService,
  by: Person = CHAIR,
  channel = CHANNEL_ID,
): Record<string, unknown> {
  return {
    ...base(t, { id: channel, conversationType: 'channel', isGroup: true }, by, {
      ...teamData,
      eventType: 'teamMemberAdded',
    }),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  };
}

/** The conversationUpdate Teams sends when a person adds the app for themselves. */
export function installPersonal(t: TeamsService, person: Person): Record<string, unknown> {
  return {
    ...base(t, { id: personalChatId(person), conversationType: 'personal' }, person, {}),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }, { id: person.id }],
  };
}

/** A press of an Action.Execute on the message `replyToId` in that conversation. */
export function invokeAction(
  t: TeamsService,
  verb: string,
  data: Record<string, unknown>,
  options: { from?: Person; replyToId: string; conversation?: string; personal?: boolean },
): Record<string, unknown> {
  const personal = options.personal === true;
  const conversation = personal
    ? { id: options.conversation ?? personalChatId(options.from ?? CHAIR), conversationType: 'personal' }
    : {
        id: `${options.conversation ?? CHANNEL_ID};messageid=${options.replyToId}`,
        conversationType: 'channel',
        isGroup: true,
      };
  return {
    ...base(t, conversation, options.from ?? CHAIR, personal ? {} : teamData),
    id: `f:${randomUUID()}`,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The invoke response body the service answered with. */
export async function invokeBody(
  response: Response,
): Promise<{ statusCode: number; type: string; value: unknown }> {
  return (await response.json()) as { statusCode: number; type: string; value: unknown };
}
