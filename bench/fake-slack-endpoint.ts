/**
 * A bare stand-in for Slack's `chat.postMessage` on loopback, for benchmarks: answers every post at once
 * with `{ ok: true, channel, ts }` and records when each arrived. No rate limiting and no validation, so
 * what is measured is Arising's side of a delivery.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  channel: string;
  at: number;
}

export class FakeSlackEndpoint {
  readonly arrivals: Arrival[] = [];
  private server: Server | null = null;
  private counter = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        let channel = '';
        try {
          channel = String(
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { channel?: unknown }).channel,
          );
        } catch {
          channel = '?';
        }
        this.arrivals.push({ channel, at });
        this.counter += 1;
        const ts = `1700000000.${String(this.counter).padStart(6, '0')}`;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, channel, ts }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Base URL of the fake Web API, ending with `/`. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
