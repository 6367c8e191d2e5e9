/**
 * What most fault tests start before their tests and stop after them, written once: the fake Slack API,
 * a redis-server of their own, and (unless `service: false`) the service as a child process against both,
 * with a store on that Redis to read what it kept. Call it at the top of the file; its parts are there
 * once `beforeAll` has run.
 *
 *   const world = faultWorld({ role: 'web' });
 *   it('…', async () => {
 *     await sendToSlackEndpoint(world.app.baseUrl, slashCommand(chair, 'list', world.slack.responseUrl()));
 *     expect(await world.store.get(channel, 1)).toBeNull();
 *   });
 */
import { RedisActionStore } from '../../src/store/redis-action-store';
import { FakeSlackApi } from './fake-slack-api';
import {
  type ArisingOptions,
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
} from './processes';

/** How the service is started (its Redis, fake Slack and prefix are the world's), or false for none. */
export type FaultServiceOptions = Omit<ArisingOptions, 'redisUrl' | 'slackApiUrl' | 'prefix'> | false;

export interface FaultWorld {
  /** The REDIS_PREFIX the service uses. */
  readonly prefix: string;
  readonly slack: FakeSlackApi;
  readonly redis: TestRedisServer;
  /** The service process; a test that started without one fails here. */
  readonly app: ArisingProcess;
  /** A store on the world's Redis with the service's prefix. */
  readonly store: RedisActionStore;
}

function started<T>(part: T | null, what: string): T {
  if (part === null) throw new Error(`The fault world has no ${what} (before beforeAll, or service: false)`);
  return part;
}

/** Starts the world in `beforeAll` and stops it in `afterAll` of the file (or describe block) it is called in. */
export function faultWorld(service: FaultServiceOptions = {}): FaultWorld {
  const prefix = freshPrefix();
  let slack: FakeSlackApi | null = null;
  let redis: TestRedisServer | null = null;
  let app: ArisingProcess | null = null;
  let store: RedisActionStore | null = null;
  beforeAll(async () => {
    slack = await new FakeSlackApi().start();
    redis = await startRedis();
    store = new RedisActionStore({ redis: redis.client, prefix });
    if (service === false) return;
    app = startArising({ ...service, redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix });
    await app.ready;
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await redis?.stop();
  });
  return {
    prefix,
    get slack() {
      return started(slack, 'fake Slack');
    },
    get redis() {
      return started(redis, 'Redis');
    },
    get app() {
      return started(app, 'service');
    },
    get store() {
      return started(store, 'store');
    },
  };
}
