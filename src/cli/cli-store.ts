/**
 * The store-backed CLI's composition root: the configuration read by the service's own rules
 * (src/config.ts), the real Redis store, and for imports the real BullMQ scheduler, all closed again
 * when the command is done so the process exits by itself.
 *
 * Failures a user can act on end as one line: a bad variable is exit 78 (as `npm start`), Redis that does
 * not answer is exit 1 naming the URL (without its password).
 */
import { createScheduler } from '../../jobs';
import { jobsOnRedis } from '../app/jobs-on-redis';
import { CONFIG_EXIT_STATUS, type Config, ConfigError, loadConfig, redisTarget } from '../config';
import { UnavailableError } from '../core/errors';
import type { Clock, Messenger, Scheduler } from '../core/ports';
import type { ServiceDeps } from '../core/service-deps';
import { holidayTest } from '../holidays/holiday-calendar';
import { RedisActionStore } from '../store/redis-action-store';
import { RedisCheckins } from '../store/redis-checkins';
import {
  createRedisClient,
  describeTarget,
  isUnavailableError,
  type RedisClient,
  untilReady,
} from '../store/redis-connection';

/** How long the CLI waits for a Redis Cluster's slot map before saying it cannot reach it. */
const CLUSTER_READY_WAIT_MS = 5000;

import { CliError, type CliIo } from './cli-io';

export interface StoreSession {
  config: Config;
  store: RedisActionStore;
  clock: Clock;
  /** The connection the store uses; the scheduler shares it for its own keys. */
  redis: RedisClient;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * The CLI's Messenger. Nothing is posted from the command line: an import stores with `post: false`, and
 * the scheduler only plans jobs (the running service's workers send reminders with their own
 * messengers). So a post has nowhere to go and says so by returning null, as the port allows for a
 * message that could not be delivered; an update has no message to change.
 */
export const cliMessenger: Messenger = {
  post: async () => null,
  update: async () => undefined,
};

/** The environment checked as the service checks it; a bad variable is exit 78 with what is wrong. */
export function cliConfig(io: CliIo): Config {
  try {
    return loadConfig(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const problems = err.problems.map((p) => `${p.variable} ${p.problem}`).join('; ');
    throw new CliError(`bad configuration: ${problems}`, CONFIG_EXIT_STATUS);
  }
}

function unreachable(config: Config, reason: string): CliError {
  return new CliError(
    `cannot reach Redis at ${describeTarget(redisTarget(config))} (${config.redisCluster ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL'}): ${reason}`.replace(
      /\s+/g,
      ' ',
    ),
    1,
  );
}

/** Closes politely, or drops the connection when Redis does not answer within a moment. */
async function closeRedis(redis: RedisClient): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  redis.disconnect();
}

/** Connects and checks Redis answers before anything else is tried, so "Redis is down" is said first. */
async function connect(config: Config): Promise<RedisClient> {
  let lastError: string | null = null;
  const redis = createRedisClient(redisTarget(config), {
    log: () => undefined,
  });
  redis.on('error', (err: Error) => {
    lastError = err.message;
  });
  try {
    // A Cluster client fails a command at once until it has the slot map (redis-connection.ts).
    if (redis.isCluster) await untilReady(redis, CLUSTER_READY_WAIT_MS);
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    const message = err instanceof Error ? err.message : String(err);
    throw unreachable(config, isUnavailableError(err) && lastError ? lastError : message);
  }
}

/**
 * Runs `work` with the real store of the configured Redis and closes the connection after, whatever
 * happens. Redis going away half-way is reported like Redis being down at the start.
 */
export async function withStore<T>(io: CliIo, work: (session: StoreSession) => Promise<T>): Promise<T> {
  const config = cliConfig(io);
  const redis = await connect(config);
  try {
    const store = new RedisActionStore({ redis, prefix: config.redisPrefix });
    return await work({ config, store, clock: systemClock, redis });
  } catch (err) {
    if (err instanceof UnavailableError || isUnavailableError(err)) {
      throw unreachable(config, 'the connection was lost while the command ran; nothing more was done');
    }
    throw err;
  } finally {
    await closeRedis(redis);
  }
}

/** Warnings from the scheduler go to stderr as lines; its chatter does not. */
function cliLog(io: CliIo) {
  const line = (level: string, parts: unknown[]) =>
    io.stderr(
      `arising: ${level}: ${parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ')}\n`,
    );
  return {
    info: () => undefined,
    warn: (...parts: unknown[]) => line('warning', parts),
    error: (...parts: unknown[]) => line('error', parts),
  };
}

/**
 * Runs `work` with the core's dependencies, with the real BullMQ scheduler so that what the command
 * stores gets its reminders (and the channel its digest and matters-arising post), then closes the
 * scheduler's queues.
 */
export async function withServiceDeps<T>(
  io: CliIo,
  session: StoreSession,
  work: (deps: ServiceDeps & { scheduler: Scheduler }) => Promise<T>,
): Promise<T> {
  const { config, store, clock, redis } = session;
  const scheduler = createScheduler({
    ...jobsOnRedis({
      redisUrl: config.redisUrl,
      redisCluster: config.redisCluster,
      prefix: config.redisPrefix,
      redis,
    }),
    holidays: holidayTest,
    store,
    messenger: cliMessenger,
    clock,
    defaultTimezone: config.defaultTimezone,
    log: cliLog(io),
    checkins: new RedisCheckins(redis, config.redisPrefix),
  });
  try {
    return await work({
      store,
      messenger: cliMessenger,
      scheduler,
      clock,
      defaultTimezone: config.defaultTimezone,
      onBackgroundError: (what, error) => cliLog(io).warn(`${what}:`, error),
    });
  } finally {
    await scheduler.close();
  }
}
