/**
 * The real service for an end-to-end test: startService in-process on a free port, the real Redis under a
 * key prefix of its own, the fake Slack Web API on loopback, and a clock the test sets.
 *
 *   const t = await startTestService({ now: '2026-07-01T09:00:00Z' });   // beforeAll
 *   await t.send(slashCommand(t.where, 'list', t.slack.responseUrl()));
 *   await t.stop();                                                       // afterAll
 */

import { type RunningService, startService } from '../../src/app/start-service';
import { loadConfig } from '../../src/config';
import type { ChannelRef } from '../../src/core/domain';
import type { Logger } from '../../src/core/logger';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { FakeSlackApi } from './fake-slack-api';
import { TEST_REDIS_ENV, type TestRedis, testRedis } from './redis';
import {
  BOT_TOKEN,
  type SendOptions,
  SIGNING_SECRET,
  type SlackRequest,
  sendToSlackEndpoint,
  type Where,
} from './slack-signing';

export interface TestService {
  baseUrl: string;
  port: number;
  slack: FakeSlackApi;
  /** A store on the same Redis prefix, to check what the service stored. */
  store: RedisActionStore;
  redis: TestRedis;
  /** Where the test's user acts by default. */
  where: Where;
  channel: ChannelRef;
  setNow(now: Date | string): void;
  /** POSTs a request to /slack/events, signed with the service's signing secret. */
  send(request: SlackRequest, options?: SendOptions): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  now?: Date | string;
  timezone?: string;
  where?: Where;
  /**
   * ARISING_ROLE. `web` by default: the test's clock is fixed while BullMQ delays run on real time, so
   * a test that wants reminders asks for `all` and sets its clock to match.
   */
  role?: 'all' | 'web' | 'worker';
  /** Slack over Socket Mode (SLACK_APP_TOKEN, no signing secret) instead of HTTP. */
  socketMode?: boolean;
  /** More environment, as the service reads it (SLACK_COMMAND, …). */
  env?: Record<string, string>;
  /** Where the service logs (a recording logger, to check the start-up lines); LOG_LEVEL's otherwise. */
  logger?: Logger;
  /**
   * Any number of workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) instead of
   * SLACK_BOT_TOKEN: workspaces are installed through /slack/install.
   */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; publicUrl?: string };
  /**
   * A second process of the same install: this service shares `sharing`'s Redis prefix and fake Slack
   * API (and leaves them to it on stop), to show what one process stores another reads.
   */
  sharing?: TestService;
}

/** An app-level token of the shape Slack issues, for Socket Mode tests. */
export const APP_TOKEN = 'xapp-1-A0ARISING-1234567890-0123456789abcdef';

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const shared = options.sharing;
  const slack = shared ? shared.slack : await new FakeSlackApi().start();
  const redis = shared ? shared.redis : await testRedis();
  let now = new Date(options.now ?? '2026-07-01T09:00:00Z');
  const config = loadConfig({
    PORT: '0',
    ...TEST_REDIS_ENV,
    REDIS_PREFIX: redis.prefix,
    DEFAULT_TIMEZONE: options.timezone ?? 'Europe/London',
    ...(options.oauth
      ? {
          SLACK_CLIENT_ID: options.oauth.clientId,
          SLACK_CLIENT_SECRET: options.oauth.clientSecret,
          SLACK_STATE_SECRET: options.oauth.stateSecret,
          ...(options.oauth.publicUrl ? { PUBLIC_URL: options.oauth.publicUrl } : {}),
        }
      : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ARISING_ROLE: options.role ?? 'web',
    ...options.env,
  });
  let service: RunningService;
  try {
    service = await startService(config, {
      clock: { now: () => now },
      ...(options.logger ? { logger: options.logger } : {}),
    });
  } catch (error) {
    if (!shared) await Promise.all([slack.stop(), redis.cleanup()]);
    throw error;
  }
  if (service.port === null) throw new Error('The service did not start its HTTP server');
  const baseUrl = `http://127.0.0.1:${service.port}`;
  const where = options.where ?? { team: 'T0TEAM', channel: 'C0COMMITTEE', user: 'U0CHAIR' };
  return {
    baseUrl,
    port: service.port,
    slack,
    store: new RedisActionStore({ redis: redis.redis, prefix: redis.prefix }),
    redis,
    where,
    channel: { platform: 'slack', team: where.team, channel: where.channel },
    setNow(next) {
      now = new Date(next);
    },
    send: (request, sendOptions) => sendToSlackEndpoint(baseUrl, request, sendOptions),
    async stop() {
      await service.stop();
      if (shared) return;
      await slack.stop();
      await redis.cleanup();
    },
  };
}

/** Waits until `check` returns a value other than undefined/false, for effects that follow Slack's ack. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined && last !== false) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

/** Lets work that might (wrongly) still be running after an ack finish, before asserting it did nothing. */
export const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
