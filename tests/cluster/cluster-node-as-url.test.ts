/**
 * Issue 13: pointed with REDIS_URL at one node of a Redis Cluster, the service reported healthy while its
 * workers looped on CROSSSLOT and MOVED errors (128,000 log lines in 20 s). Now /healthz answers 503 and
 * says to set REDIS_CLUSTER_NODES, and the refusals are logged a few times, not in a loop; with
 * REDIS_CLUSTER_NODES the same service is healthy.
 */
import { Redis } from 'ioredis';
import { FakeSlackApi } from '../support/fake-slack-api';
import { type ArisingProcess, freshPrefix, startArising } from '../support/processes';
import { TEST_REDIS_CLUSTER, TEST_REDIS_ENV, TEST_REDIS_URL } from '../support/redis';

jest.setTimeout(120_000);

let slack: FakeSlackApi;
const apps: ArisingProcess[] = [];

beforeAll(async () => {
  if (!TEST_REDIS_CLUSTER) throw new Error('Run with `npm run test:cluster`: it starts the Redis Cluster');
  slack = await new FakeSlackApi().start();
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await slack?.stop();
});

async function healthz(app: ArisingProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${app.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function start(env: Record<string, string>): ArisingProcess {
  const app = startArising({
    redisUrl: TEST_REDIS_URL,
    slackApiUrl: slack.apiUrl,
    prefix: freshPrefix(),
    readyTimeoutMs: 90_000,
    env,
  });
  apps.push(app);
  return app;
}

it('answers 503 naming REDIS_CLUSTER_NODES, and does not log refusals in a loop, when REDIS_URL is a cluster node', async () => {
  const node = TEST_REDIS_CLUSTER?.nodes[0];
  const app = start({ REDIS_URL: `redis://${node?.host}:${node?.port}` });
  await app.ready;
  await app.waitForOutput(/Workers: /, 30_000);
  // Long enough for a looping worker to have written thousands of lines.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const health = await healthz(app);
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'unavailable', redis: 'refused' });
  expect(String(health.body.reason)).toContain('REDIS_CLUSTER_NODES');
  const refusals = app.output().match(/CROSSSLOT|MOVED/g) ?? [];
  expect(refusals.length).toBeLessThan(20);
});

it('answers 200 on the same cluster given as REDIS_CLUSTER_NODES, and warns of a master that may evict', async () => {
  // Each master has its own maxmemory-policy: the last one's is set to evict, and must be noticed.
  const last = TEST_REDIS_CLUSTER?.nodes.at(-1);
  const node = new Redis({ host: last?.host, port: last?.port });
  await node.config('SET', 'maxmemory-policy', 'allkeys-lru');
  try {
    const app = start(TEST_REDIS_ENV);
    await app.ready;
    await app.waitForOutput(/Workers: .*running/, 30_000);
    const health = await healthz(app);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', redis: 'ok' });
    expect(app.output()).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?"/);
    expect(app.output()).not.toMatch(/CROSSSLOT|MOVED/);
  } finally {
    await node.config('SET', 'maxmemory-policy', 'noeviction');
    node.disconnect();
  }
});
