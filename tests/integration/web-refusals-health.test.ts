/**
 * A web process whose Redis refuses its users' commands must say so on /healthz, as a worker's refusals
 * do: a load balancer or Kubernetes then takes it out of service, and the operator reads why. Here Redis
 * answers PING and every read, but refuses every script (a Redis user without the scripting commands,
 * NOPERM), so an add fails with "Something went wrong". Before the web side heard its commands' replies,
 * /healthz went on answering 200 while every add failed.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../support/redis';
import { type ConsoleService, startConsoleService } from '../support/start-console';

jest.setTimeout(60_000);

const user = `arising-test-noscripts-${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');
let admin: Redis;
let t: ConsoleService;

/** TEST_REDIS_URL as the Redis user that may not run scripts. */
function urlOfUser(): string {
  const url = new URL(TEST_REDIS_URL);
  url.username = user;
  url.password = password;
  return url.toString();
}

async function healthz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  admin = new Redis(TEST_REDIS_URL);
  await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, '~*', '&*', '+@all', '-@scripting');
  t = await startConsoleService({ REDIS_URL: urlOfUser(), ARISING_ROLE: 'web' });
});

afterAll(async () => {
  await t?.stop();
  await admin.call('ACL', 'DELUSER', user);
  admin.disconnect();
});

it('answers 503 "refused" on /healthz once a user\'s add is refused by Redis', async () => {
  // Nothing has been refused yet: the web process is healthy.
  expect((await healthz()).status).toBe(200);

  const add = await fetch(`${t.baseUrl}/console/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'chris', pane: 'channel', text: 'add @Priya to send the figures by Friday' }),
  });
  expect(add.status).toBe(200);
  const panes = await (await fetch(`${t.baseUrl}/console/api/panes?as=chris`)).text();
  expect(panes).toContain('Something went wrong');

  const health = await healthz();
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'unavailable', redis: 'refused' });
  expect(String(health.body.reason)).toContain('NOPERM');
});
