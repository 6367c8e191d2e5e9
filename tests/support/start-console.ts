/**
 * The real service with the console on, for the console's end-to-end tests: startService in-process on a
 * free port, the real Redis under a key prefix of its own, and the real clock (BullMQ's delays run on
 * real time, so a reminder planned for a minute from now fires a minute from now).
 *
 *   const t = await startConsoleService();            // beforeAll
 *   await fetch(`${t.baseUrl}/console/api/session`);
 *   await t.stop();                                   // afterAll
 */
import { type RunningService, startService } from '../../src/app/start-service';
import { loadConfig } from '../../src/config';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { TEST_REDIS_ENV, type TestRedis, testRedis } from './redis';

export interface ConsoleService {
  baseUrl: string;
  port: number;
  /** A store on the service's prefix, to check what it stored. */
  store: RedisActionStore;
  redis: TestRedis;
  stop(): Promise<void>;
}

/** Starts the service with `env` over the defaults (console on, role all); deletes its keys on stop. */
export async function startConsoleService(env: Record<string, string> = {}): Promise<ConsoleService> {
  const redis = await testRedis();
  const config = loadConfig({
    PORT: '0',
    ...TEST_REDIS_ENV,
    REDIS_PREFIX: redis.prefix,
    DEFAULT_TIMEZONE: 'Europe/London',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ARISING_ROLE: 'all',
    ARISING_CONSOLE: 'on',
    ...env,
  });
  let service: RunningService;
  try {
    service = await startService(config);
  } catch (error) {
    await redis.cleanup();
    throw error;
  }
  const port = service.port ?? 0;
  let stopped: Promise<void> | null = null;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    store: new RedisActionStore({ redis: redis.redis, prefix: redis.prefix }),
    redis,
    /** Stops the service and deletes its keys; a second call waits for the first. */
    stop() {
      stopped ??= service.stop().then(() => redis.cleanup());
      return stopped;
    },
  };
}
