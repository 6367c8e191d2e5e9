/**
 * The composition root: configuration in, a running service out. It connects Redis, builds the store,
 * the Slack messenger and adapter and the core service, mounts them on the HTTP server and logs, one line
 * each, what is served and what is disabled. `npm start` calls it through src/main.ts; the end-to-end
 * tests call it in-process (port 0, a fixed clock) to run the real server.
 */
import type { Config } from '../config';
import { AriseService } from '../core/arising-service';
import type { Clock } from '../core/ports';
import { createHttpApp, finishHttpApp } from '../server/http-app';
import { listen, type RunningServer } from '../server/http-server';
import { ConversationQueues, createSlackClient } from '../slack/slack-api';
import { mountSlack } from '../slack/slack-app';
import { SlackMessenger } from '../slack/slack-messenger';
import { RedisActionStore } from '../store/redis-action-store';
import { createRedis, redactUrl } from '../store/redis-connection';
import { LineLogger, type Logger } from './logger';
import { NoReminders } from './no-reminders';

export interface StartOptions {
  /** Fixes "now" (tests); defaults to the system clock. */
  clock?: Clock;
  logger?: Logger;
}

export interface RunningService {
  /** The HTTP port actually bound (useful with PORT=0); null when this process serves no HTTP. */
  port: number | null;
  /** Closes the HTTP server (letting requests in flight finish) and the Redis connection. */
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** Closes Redis politely, or drops the connection if it does not answer within a few seconds. */
async function closeRedis(redis: { quit(): Promise<unknown>; disconnect(): void }): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  redis.disconnect();
}

export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? new LineLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const redis = createRedis(config.redisUrl, { log: (message) => logger.warn(message) });
  logger.info(`Redis: ${redactUrl(config.redisUrl)} with key prefix "${config.redisPrefix}"`);
  let server: RunningServer | null = null;
  try {
    const store = new RedisActionStore({ redis, prefix: config.redisPrefix });
    if (config.role === 'worker') {
      logger.info('HTTP disabled: ARISING_ROLE is worker');
    } else {
      const http = createHttpApp({ redis, logger });
      if (config.slack) {
        const slackLog = logger instanceof LineLogger ? logger.child('slack') : logger;
        const queues = new ConversationQueues({ logger: slackLog });
        const client = createSlackClient(config.slack, slackLog);
        const messenger = new SlackMessenger({ client, queues, logger: slackLog });
        const service = new AriseService({
          store,
          messenger,
          scheduler: new NoReminders(),
          clock,
          defaultTimezone: config.defaultTimezone,
          onBackgroundError: (what, error) => logger.warn(`${what}:`, error),
        });
        const bot = await mountSlack({
          config: config.slack,
          http,
          service,
          messenger,
          client,
          queues,
          claimOnce: (key, ttl) => store.claimOnce(key, ttl),
          logger: slackLog,
        });
        logger.info(`Slack: serving POST /slack/events as bot user ${bot.userId} (team ${bot.team})`);
      } else {
        logger.info('Slack disabled: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set');
      }
      logger.info('Teams disabled: POST /api/messages arrives with the Teams adapter');
      finishHttpApp(http, logger);
      server = await listen(http, config.port);
      logger.info(`HTTP: listening on port ${server.port}; GET /healthz reports on Redis`);
    }
    if (config.role !== 'web') {
      logger.info(
        'Workers: none yet; reminders and digests arrive with the reminders issue (scheduler: NoReminders)',
      );
    }
  } catch (error) {
    await closeRedis(redis);
    throw error;
  }
  const running = server;
  return {
    port: running?.port ?? null,
    async stop() {
      if (running) await running.close(5000);
      await closeRedis(redis);
    },
  };
}
