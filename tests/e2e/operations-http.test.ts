/**
 * Running Arising as a service, over HTTP against the real service: the queue dashboard only with
 * ADMIN_PASSWORD and only behind basic auth, Prometheus metrics that count what people did, /healthz with
 * Redis and each queue's workers, the console not served when it is off or when Slack is configured, and
 * a stop that does not wait for browsers' open event streams.
 */
import { startService } from '../../src/app/start-service';
import { loadConfig } from '../../src/config';
import type { ChannelRef } from '../../src/core/domain';
import { type ConsoleService, startConsoleService } from '../support/start-console';
import { startTestService } from '../support/start-server';

const PASSWORD = 'correct horse battery';
const CONSOLE: ChannelRef = { platform: 'console', team: 'demo', channel: 'committee' };

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function post(t: ConsoleService, path: string, body: unknown): Promise<Response> {
  return fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The value of one sample line of the metrics text, or undefined when there is none. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('with ADMIN_PASSWORD set', () => {
  let t: ConsoleService;
  beforeAll(async () => {
    t = await startConsoleService({ ADMIN_PASSWORD: PASSWORD });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('asks for basic auth at /admin/queues, with a challenge, and refuses a wrong user or password', async () => {
    const none = await fetch(`${t.baseUrl}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="Arising admin"/);
    for (const authorization of [
      basic('admin', 'wrong password'),
      basic('root', PASSWORD),
      basic('admin', `${PASSWORD} `),
      'Bearer abc',
      'Basic !!!',
    ]) {
      const refused = await fetch(`${t.baseUrl}/admin/queues`, { headers: { authorization } });
      expect(refused.status).toBe(401);
    }
    const api = await fetch(`${t.baseUrl}/admin/queues/api/queues`);
    expect(api.status).toBe(401);
  });

  it('serves the dashboard of both queues with the password', async () => {
    const headers = { authorization: basic('admin', PASSWORD) };
    const page = await fetch(`${t.baseUrl}/admin/queues`, { headers });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${t.baseUrl}/admin/queues/api/queues`, { headers });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['channel-posts', 'reminders']);
  });

  it('reports Redis and one worker for each queue on /healthz', async () => {
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      redis: 'ok',
      queues: { reminders: { workers: 1 }, 'channel-posts': { workers: 1 } },
    });
  });

  it('counts actions created and closed, messages, queue depth and request latency at /metrics', async () => {
    const add = await post(t, '/console/api/send', {
      as: 'chris',
      pane: 'channel',
      text: 'add @Priya to send the July figures by 31 December 2035',
    });
    expect(add.status).toBe(200);
    const done = await post(t, '/console/api/send', { as: 'priya', pane: 'channel', text: 'done 1' });
    expect(done.status).toBe(200);
    expect((await t.store.get(CONSOLE, 1))?.state).toBe('done');
    await fetch(`${t.baseUrl}/healthz`);

    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      'arising_actions_created_total',
      'arising_actions_closed_total',
      'arising_actions_overdue',
      'arising_reminders_sent_total',
      'arising_digests_sent_total',
      'arising_send_failures_total',
      'arising_job_retries_total',
      'arising_queue_jobs',
      'arising_http_request_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'arising_actions_created_total{platform="console"}')).toBe(1);
    expect(sample(text, 'arising_actions_closed_total{platform="console",state="done"}')).toBe(1);
    expect(
      sample(text, 'arising_messages_sent_total{platform="console",destination="channel"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'arising_actions_overdue')).toBe(0);
    expect(sample(text, 'arising_queue_jobs{queue="reminders",state="failed"}')).toBe(0);
    expect(
      sample(text, 'arising_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}'),
    ).toBeGreaterThan(0);
    expect(
      sample(
        text,
        'arising_http_request_duration_seconds_count{method="POST",route="/console/api/send",status="200"}',
      ),
    ).toBe(2);
  });

  it('refuses console requests from someone who is not a demo person, not JSON, or too large', async () => {
    const stranger = await post(t, '/console/api/send', { as: 'mallory', pane: 'channel', text: 'list' });
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toEqual({ error: 'bad_request', reason: 'as is not a demo person' });
    const form = await fetch(`${t.baseUrl}/console/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ as: 'chris', pane: 'channel', text: 'add @Sam to x' }),
    });
    expect(form.status).toBe(400);
    const broken = await fetch(`${t.baseUrl}/console/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"as": "chris", ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'bad_request', reason: 'the body is not JSON' });
    const huge = await post(t, '/console/api/import', { as: 'chris', text: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(await t.store.get(CONSOLE, 2)).toBeNull();
  });

  it('stops at once with a browser’s event stream open', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${t.baseUrl}/console/api/stream?as=sam`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const started = Date.now();
    await t.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    controller.abort();
    const after = await fetch(`${t.baseUrl}/healthz`).catch((error: Error) => error);
    expect(String(after)).toMatch(/fetch failed/);
  });
});

describe('without ADMIN_PASSWORD, or with the console off', () => {
  let t: ConsoleService;
  beforeAll(async () => {
    t = await startConsoleService({ ARISING_CONSOLE: 'off', ARISING_ROLE: 'web' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers 404 at /admin/queues, with or without credentials', async () => {
    expect((await fetch(`${t.baseUrl}/admin/queues`)).status).toBe(404);
    const withAuth = await fetch(`${t.baseUrl}/admin/queues`, {
      headers: { authorization: basic('admin', PASSWORD) },
    });
    expect(withAuth.status).toBe(404);
  });

  it('serves no console at all when ARISING_CONSOLE is off', async () => {
    for (const path of [
      '/',
      '/console/api/session',
      '/console/static/console.js',
      '/console/api/panes?as=chris',
    ]) {
      expect((await fetch(`${t.baseUrl}${path}`)).status).toBe(404);
    }
    expect((await post(t, '/console/api/send', { as: 'chris', pane: 'channel', text: 'list' })).status).toBe(
      404,
    );
  });

  it('reports no workers in a web process with none running', async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({
      status: 'ok',
      redis: 'ok',
      queues: { reminders: { workers: 0 }, 'channel-posts': { workers: 0 } },
    });
  });
});

describe('the console beside Slack', () => {
  it('is not served when Slack is configured and ARISING_CONSOLE is left at auto', async () => {
    const t = await startTestService();
    try {
      expect((await fetch(`${t.baseUrl}/`)).status).toBe(404);
      expect((await fetch(`${t.baseUrl}/console/api/session`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});

describe('without Redis', () => {
  it('answers 503 on /healthz with Redis named as the reason', async () => {
    const service = await startService(
      loadConfig({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'error', ARISING_ROLE: 'web' }),
    );
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as Record<string, string>;
      expect(body).toMatchObject({ status: 'unavailable', redis: 'unavailable' });
      expect(body.reason).toMatch(/^Redis did not answer PING/);
    } finally {
      await service.stop();
    }
  });
});
