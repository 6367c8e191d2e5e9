/**
 * A stand-in for the Bot Framework Connector (the REST service Teams gives the bot as `serviceUrl`) on
 * loopback. It answers the calls the bot makes and records each one:
 * - POST /v3/conversations/{id}/activities                  a new message            -> { id }
 * - POST /v3/conversations/{id}/activities/{replyToId}      a reply in the turn      -> { id }
 * - PUT  /v3/conversations/{id}/activities/{activityId}     an update (card refresh) -> { id }
 * - POST /v3/conversations                                  open a 1:1 chat          -> { id }
 * - GET  /v3/conversations/{id}/members/{id or AAD id}      a member (addMember)     -> the account, or 404
 * It can answer chosen calls with a status (429 with Retry-After, 403 for a user without the app, 412…),
 * and serves files under /files/ for attachment imports.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'send' | 'reply' | 'update' | 'create-conversation' | 'file' | 'other';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  /** The conversation id, decoded. */
  conversation: string | null;
  /** The activity replied to or updated. */
  activityId: string | null;
  body: Record<string, unknown>;
  /** The id the fake gave the new message (send, reply), or the created conversation's id. */
  id: string | null;
  status: number;
  authorization: string | undefined;
}

interface Failure {
  kind: ConnectorCallKind;
  status: number;
  remaining: number;
  retryAfter?: string;
  /** Only calls whose conversation (or, for create-conversation, member id) contains this. */
  match?: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | null = null;
  private port = 0;
  private counter = 0;
  private failures: Failure[] = [];
  private files = new Map<string, Buffer>();
  private members: { id: string; name: string; aadObjectId?: string }[] = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** The serviceUrl to put in activities. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** A URL serving these bytes, for an attachment's contentUrl or downloadUrl. */
  serveFile(name: string, bytes: Buffer): string {
    this.files.set(name, bytes);
    return `http://127.0.0.1:${this.port}/files/${encodeURIComponent(name)}`;
  }

  /** The next `count` calls of that kind (optionally only those matching) answer `status`. */
  failNext(
    kind: ConnectorCallKind,
    status: number,
    count = 1,
    options: { retryAfter?: string; match?: string } = {},
  ): void {
    this.failures.push({ kind, status, remaining: count, ...options });
  }

  /** Someone GET .../members/{id} finds (by Bot Framework id or AAD object id), in any conversation. */
  addMember(member: { id: string; name: string; aadObjectId?: string }): void {
    this.members.push(member);
  }

  /** The answer to GET .../members/{id}, or null for any other request. */
  private memberAnswer(method: string, path: string): { status: number; body: unknown } | null {
    const match = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (method !== 'GET' || !match?.[1]) return null;
    const wanted = decodeURIComponent(match[1]);
    const found = this.members.find((m) => m.id === wanted || m.aadObjectId === wanted);
    return found
      ? { status: 200, body: found }
      : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } } };
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
  }

  /** Successful calls of a kind, in order. */
  callsOf(kind: ConnectorCallKind): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === kind && c.status < 300);
  }

  /** Waits until `count` successful calls of that kind have been recorded. */
  async waitFor(kind: ConnectorCallKind, count = 1, timeoutMs = 8000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.callsOf(kind);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seen = this.calls.map((c) => `${c.kind} ${c.status}`).join(', ') || 'none';
    throw new Error(`Expected ${count} ${kind} call(s); calls so far: ${seen}`);
  }

  private route(
    method: string,
    path: string,
  ): { kind: ConnectorCallKind; conversation: string | null; activityId: string | null } {
    if (method === 'GET' && path.startsWith('/files/'))
      return { kind: 'file', conversation: null, activityId: null };
    if (method === 'POST' && path === '/v3/conversations') {
      return { kind: 'create-conversation', conversation: null, activityId: null };
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match) return { kind: 'other', conversation: null, activityId: null };
    const conversation = decodeURIComponent(match[1] ?? '');
    const activityId = match[2] ? decodeURIComponent(match[2]) : null;
    if (method === 'PUT' && activityId) return { kind: 'update', conversation, activityId };
    if (method === 'POST') return { kind: activityId ? 'reply' : 'send', conversation, activityId };
    return { kind: 'other', conversation, activityId };
  }

  private failureFor(
    kind: ConnectorCallKind,
    conversation: string | null,
    body: Record<string, unknown>,
  ): Failure | null {
    const target = conversation ?? JSON.stringify(body.members ?? '');
    const failure = this.failures.find(
      (f) => f.kind === kind && f.remaining > 0 && (f.match === undefined || target.includes(f.match)),
    );
    if (!failure) return null;
    failure.remaining -= 1;
    return failure;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const member = this.memberAnswer(req.method ?? 'GET', url.pathname);
    if (member) {
      res.writeHead(member.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(member.body));
      return;
    }
    const { kind, conversation, activityId } = this.route(req.method ?? 'GET', url.pathname);
    const record = (status: number, id: string | null) =>
      this.calls.push({
        kind,
        method: req.method ?? '',
        conversation,
        activityId,
        body,
        id,
        status,
        authorization: req.headers.authorization,
      });
    if (kind === 'file') {
      const file = this.files.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
      record(file ? 200 : 404, null);
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
      res.end(file);
      return;
    }
    const failure = this.failureFor(kind, conversation, body);
    if (failure) {
      record(failure.status, null);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      res.writeHead(failure.status, headers);
      res.end(
        JSON.stringify({
          error: { code: `Status${failure.status}`, message: 'refused by the fake connector' },
        }),
      );
      return;
    }
    this.counter += 1;
    let id: string;
    if (kind === 'create-conversation') id = `a:chat-${this.counter}`;
    else if (kind === 'update') id = activityId ?? '';
    else id = `${1700000000000 + this.counter}`;
    record(200, id);
    res.writeHead(kind === 'other' ? 404 : 200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        kind === 'create-conversation' ? { id, activityId: '', serviceUrl: this.serviceUrl } : { id },
      ),
    );
  }
}

/** The Adaptive Cards of a recorded call's activity. */
export function cardsOf(call: ConnectorCall): Record<string, unknown>[] {
  const attachments = (call.body.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}

/** Everything a reader sees on the cards of a call (texts, runs, facts, button titles), joined by ` | `. */
export function shownText(call: ConnectorCall): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.text === 'string') parts.push(record.text);
    if (typeof record.title === 'string') parts.push(record.title);
    if (typeof record.title === 'string' && typeof record.value === 'string') parts.push(record.value);
    for (const [key, inner] of Object.entries(record)) if (key !== 'data') visit(inner);
  };
  for (const card of cardsOf(call)) visit(card.body);
  return parts.join(' | ');
}

/**
 * The data of the card button with this verb in a call's cards (`{ value }`, as Teams sends it back when
 * the button is pressed), or `{}` when no such button is there.
 */
export function buttonData(call: ConnectorCall, verb: string): { value?: string } {
  const json = JSON.stringify(cardsOf(call));
  const pattern = new RegExp(`"verb":"${verb}","data":(\\{"value":"(?:[^"\\\\]|\\\\.)*"\\})`);
  return JSON.parse(pattern.exec(json)?.[1] ?? '{}') as { value?: string };
}
