/**
 * Messengers for tests that record what they were asked to send.
 *
 * - `RecordingMessenger`: in memory. Every post and update is kept with where it went and the view; posts
 *   get a message ref (`D<user>` for a DM, the channel id otherwise). Users can be made unreachable (post
 *   returns null, as a platform that may not DM them would) and posts can be made slow or failing.
 * - `RecordingServer` + `HttpMessenger`: the same across processes. Worker processes post over HTTP to a
 *   server in the test process, which records each request as it arrives (that is when "Slack" has it)
 *   and can hold chosen requests unanswered, to kill a worker in the middle of a send.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelRef, MessageRef } from '../../src/core/domain';
import type { Destination, Messenger } from '../../src/core/ports';
import type { View } from '../../src/core/view';

export interface RecordedPost {
  to: Destination;
  view: View;
  message: MessageRef | null;
  at: number;
}

export interface RecordedUpdate {
  channel: ChannelRef;
  message: MessageRef;
  view: View;
}

function conversationOf(to: Destination): string {
  return to.kind === 'user' ? `D${to.userId}` : to.channel.channel;
}

/** Polls until `check` is true, or fails with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export class RecordingMessenger implements Messenger {
  readonly posts: RecordedPost[] = [];
  readonly updates: RecordedUpdate[] = [];
  /** Users a DM cannot reach: post returns null for them. */
  readonly unreachable = new Set<string>();
  /** Milliseconds each post takes. */
  postDelayMs = 0;
  private failures = 0;
  private counter = 0;

  /** The next `count` posts throw, as a platform outage would. */
  failNext(count: number): void {
    this.failures = count;
  }

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    if (this.postDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.postDelayMs));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('platform unavailable (test)');
    }
    const reachable = !(to.kind === 'user' && this.unreachable.has(to.userId));
    this.counter += 1;
    const message = reachable ? { conversation: conversationOf(to), id: `m${this.counter}` } : null;
    this.posts.push({ to, view, message, at: Date.now() });
    return message;
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    this.updates.push({ channel, message, view });
  }

  /** Delivered DMs to a user (posts that returned a message). */
  dmsTo(userId: string): RecordedPost[] {
    return this.posts.filter((p) => p.to.kind === 'user' && p.to.userId === userId && p.message !== null);
  }

  channelPosts(): RecordedPost[] {
    return this.posts.filter((p) => p.to.kind === 'channel');
  }

  waitForPosts(count: number, timeoutMs = 10_000): Promise<void> {
    return waitUntil(
      () => this.posts.length >= count,
      `${count} post(s), got ${this.posts.length}`,
      timeoutMs,
    );
  }
}

/** One request a worker process sent to the RecordingServer. */
export interface ServerPost {
  to: Destination;
  view: View;
  /** Sent by which process (the HttpMessenger's `sender`). */
  sender: string;
  at: number;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export class RecordingServer {
  readonly posts: ServerPost[] = [];
  readonly updates: unknown[] = [];
  /** When each post was answered. */
  readonly answered: number[] = [];
  /** Requests from these senders are recorded but never answered, as if the network hung. */
  readonly holdFrom = new Set<string>();
  /** Requests from these senders are answered only after this many milliseconds (a slow platform). */
  readonly delayFrom = new Map<string, number>();
  private server: Server | null = null;
  private counter = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      readJson(req)
        .then((body) => {
          const b = body as { kind: string; to: Destination; view: View; sender: string };
          if (b.kind === 'update') {
            this.updates.push(b);
            res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
            return;
          }
          this.posts.push({ to: b.to, view: b.view, sender: b.sender, at: Date.now() });
          if (this.holdFrom.has(b.sender)) return;
          this.counter += 1;
          const message = { conversation: conversationOf(b.to), id: `s${this.counter}` };
          const answer = () => {
            this.answered.push(Date.now());
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
          };
          const delay = this.delayFrom.get(b.sender) ?? 0;
          if (delay > 0) setTimeout(answer, delay);
          else answer();
        })
        .catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}`;
  }

  postsTo(userId: string): ServerPost[] {
    return this.posts.filter((p) => p.to.kind === 'user' && p.to.userId === userId);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A Messenger that posts to a RecordingServer (or any endpoint answering `{message}`), over HTTP. */
export class HttpMessenger implements Messenger {
  constructor(
    private readonly url: string,
    private readonly sender: string,
  ) {}

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'post', to, view, sender: this.sender }),
    });
    if (!res.ok) throw new Error(`recording server answered ${res.status}`);
    const body = (await res.json()) as { message: MessageRef | null };
    return body.message;
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'update', channel, message, view, sender: this.sender }),
    });
    if (!res.ok) throw new Error(`recording server answered ${res.status}`);
  }
}
