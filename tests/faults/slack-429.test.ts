/**
 * Fault 4: Slack answering 429 with `Retry-After: 2` for one channel's chat.postMessage, under the running
 * service (`tsx src/main.ts` as a child process with its own redis-server). Between the service and the fake
 * Slack API sits a small proxy that plays Slack's per-channel limit: the first post to the limited channel
 * opens a 2 s window in which every post to that channel is answered 429 (and would show here as a
 * violation). The service must not call chat.postMessage for that channel before the Retry-After has passed,
 * its cards must all arrive after it, in order; another channel's cards are not held up; and slash commands,
 * in either channel, are still acknowledged within Slack's 3 s meanwhile.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { FakeSlackApi } from '../support/fake-slack-api';
import {
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
  waitUntil,
} from '../support/processes';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(90_000);

const RETRY_AFTER_S = 2;
const LIMITED = 'C0LIMITED';
const OTHER = 'C0OTHER';

interface PostCall {
  channel: string;
  status: number;
  text: string;
  /** Date.now() when the proxy received it. */
  at: number;
}

/** Forwards everything to the fake Slack API, but plays a 429 window on chat.postMessage to LIMITED. */
class RateLimitingProxy {
  readonly posts: PostCall[] = [];
  private server: Server | null = null;
  private windowEnds: number | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void this.handle(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8')).then(
          ({ status, headers, body }) => res.writeHead(status, headers).end(body),
          (error: unknown) => res.writeHead(502).end(String(error)),
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  postsTo(channel: string): PostCall[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  private async handle(
    url: string,
    headers: NodeJS.Dict<string | string[]>,
    body: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const method = url.replace(/^\/api\//, '');
    const at = Date.now();
    if (method === 'chat.postMessage') {
      const form = new URLSearchParams(body);
      const channel = form.get('channel') ?? '';
      const text = form.get('text') ?? '';
      if (channel === LIMITED && (this.windowEnds === null || at < this.windowEnds)) {
        this.windowEnds ??= at + RETRY_AFTER_S * 1000;
        this.posts.push({ channel, status: 429, text, at });
        return {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(RETRY_AFTER_S) },
          body: JSON.stringify({ ok: false, error: 'ratelimited' }),
        };
      }
      this.posts.push({ channel, status: 200, text, at });
    }
    const forwarded = await fetch(`${this.target}${method}`, {
      method: 'POST',
      headers: {
        'content-type': String(headers['content-type'] ?? 'application/x-www-form-urlencoded'),
        authorization: String(headers.authorization ?? ''),
      },
      body,
    });
    return {
      status: forwarded.status,
      headers: { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' },
      body: await forwarded.text(),
    };
  }
}

const prefix = freshPrefix();
let slack: FakeSlackApi;
let proxy: RateLimitingProxy;
let redis: TestRedisServer;
let app: ArisingProcess;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  proxy = new RateLimitingProxy(slack.apiUrl);
  const proxyUrl = await proxy.start();
  redis = await startRedis();
  app = startArising({ redisUrl: redis.url, slackApiUrl: proxyUrl, prefix });
  await app.ready;
  await app.waitForOutput(/Workers: .*running/);
});

afterAll(async () => {
  await app?.stop();
  await proxy?.stop();
  await slack?.stop();
  await redis?.stop();
});

const where = (channel: string): Where => ({ team: 'T0TEAM', channel, user: 'U0CHAIR' });

/** Sends a slash command; resolves with its HTTP status and how long the ack took. */
async function command(channel: string, text: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await sendToSlackEndpoint(
    app.baseUrl,
    slashCommand(where(channel), text, slack.responseUrl(channel)),
  );
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

it('waits out Retry-After for the limited channel only, loses nothing, and keeps acking commands', async () => {
  const first = await command(LIMITED, 'add <@U0PRIYA|priya> to book the hall for March by 31 December 2030');
  expect(first.status).toBe(200);
  await waitUntil(() => proxy.postsTo(LIMITED).length > 0, 10_000, 'the first post to the limited channel');
  const limited = proxy.postsTo(LIMITED)[0];
  expect(limited?.status).toBe(429);
  const windowEnds = (limited?.at ?? 0) + RETRY_AFTER_S * 1000;

  // Within the window: a second card for the limited channel, a card for another channel, and commands.
  const during = await Promise.all([
    command(LIMITED, 'add <@U0PRIYA|priya> to send the hall invoice by 31 December 2030'),
    command(OTHER, 'add <@U0SAM|sam> to order the chairs by 31 December 2030'),
    command(LIMITED, 'list'),
    command(OTHER, 'list'),
    command(LIMITED, 'help'),
  ]);
  expect(Date.now()).toBeLessThan(windowEnds);
  for (const ack of during) {
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
  }

  // The other channel's card is posted at once, inside the limited channel's window.
  await waitUntil(() => proxy.postsTo(OTHER).length > 0, 5000, "the other channel's card");
  const other = proxy.postsTo(OTHER)[0];
  expect(other?.status).toBe(200);
  expect(other?.text).toContain('order the chairs');
  expect(other?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(windowEnds);

  // Both of the limited channel's cards arrive, in order, after the window and not a call before it.
  await waitUntil(
    () => proxy.postsTo(LIMITED).filter((p) => p.status === 200).length >= 2,
    15_000,
    "the limited channel's two cards",
  );
  const calls = proxy.postsTo(LIMITED);
  expect(calls.filter((p) => p.status === 429)).toHaveLength(1);
  const delivered = calls.filter((p) => p.status === 200);
  expect(delivered).toHaveLength(2);
  // Timers may round a millisecond either way.
  for (const post of delivered) expect(post.at).toBeGreaterThanOrEqual(windowEnds - 1);
  expect(delivered[0]?.text).toContain('book the hall for March');
  expect(delivered[1]?.text).toContain('send the hall invoice');

  // Nothing lost, nothing doubled: each action is stored once, and no card was posted twice.
  const store = new RedisActionStore({ redis: redis.client, prefix });
  const stored = await store.list({ platform: 'slack', team: 'T0TEAM', channel: LIMITED }, 'all');
  expect(stored.map((a) => a.text).sort()).toEqual(['book the hall for March', 'send the hall invoice']);
  expect(await store.list({ platform: 'slack', team: 'T0TEAM', channel: OTHER }, 'all')).toHaveLength(1);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(proxy.posts.filter((p) => p.status === 200)).toHaveLength(3);
});
