/**
 * Redis going away while the service runs, and coming back. The store talks to the real Redis through a
 * TCP relay in this process; cutting the relay is an outage as the web process would see it.
 */
import net from 'node:net';
import { UnavailableError } from '../../src/core/errors';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { createRedis } from '../../src/store/redis-connection';
import { draft, entry, freshChannel } from '../support/action-fixtures';
import { type TestRedis, testRedis } from '../support/redis';

/** A TCP relay to the test Redis that can be cut (sockets destroyed, port closed) and restored. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let r: TestRedis;
let relay: Relay;

beforeAll(async () => {
  r = await testRedis();
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  relay = new Relay({ host: url.hostname, port: Number(url.port || 6379) });
  await relay.start();
});
afterAll(async () => {
  await relay.cut();
  await r.cleanup();
});

it('answers UnavailableError within 3 s while Redis is away, and works again once it is back', async () => {
  const web = createRedis(`redis://127.0.0.1:${relay.port}`, { log: () => {} });
  const store = new RedisActionStore({ redis: web, prefix: r.prefix });
  const channel = freshChannel();
  try {
    expect((await store.create(draft(channel), entry('created'))).number).toBe(1);

    await relay.cut();
    for (const call of [() => store.get(channel, 1), () => store.create(draft(channel), entry('created'))]) {
      const started = Date.now();
      await expect(call()).rejects.toBeInstanceOf(UnavailableError);
      expect(Date.now() - started).toBeLessThan(3000);
    }

    await relay.start();
    const deadline = Date.now() + 5000;
    let back = await store.get(channel, 1).catch(() => null);
    while (back === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      back = await store.get(channel, 1).catch(() => null);
    }
    expect(back?.number).toBe(1);
    // The failed create during the outage wrote nothing: the next number is 2.
    expect((await store.create(draft(channel), entry('created'))).number).toBe(2);
  } finally {
    web.disconnect();
  }
});
