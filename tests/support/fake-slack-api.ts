/**
 * A tiny stand-in for the Slack Web API on loopback: answers the methods the bot uses and records every
 * call (method, parsed body) so tests can assert on what reached "Slack". Also receives the posts to
 * `response_url`s that Bolt's respond() makes (method `response_url`). It can be told to answer 429 with
 * Retry-After for the next calls, or to fail a method.
 *
 * It can also hold uploaded files (`serveFile`): `files.info` describes them and their
 * `url_private_download` is a path on this same server (recorded as method `file_download`, with the
 * Authorization header it was fetched with), as files.slack.com serves them to a bot token.
 *
 * It takes files the bot uploads as Slack's external uploads do: `files.getUploadURLExternal` hands out
 * an upload address on this server, the bytes POSTed there are kept (method `file_upload`), and
 * `files.completeUploadExternal` shares them in a channel; `uploads` holds what was shared, bytes and all.
 *
 * For Socket Mode, `apps.connections.open` answers with a ws:// address on this same server, where
 * `socketMode` (fake-socket-mode.ts) says hello, delivers envelopes and records the acknowledgements.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSocketMode, SOCKET_PATH } from './fake-socket-mode';

export type Body = Record<string, unknown>;

export interface Call {
  method: string;
  body: Body;
  /** The `Authorization` header, to check the bot token was sent. */
  authorization: string | undefined;
  /** Milliseconds since the fake started, for rate-limit timing. */
  at: number;
  /** The request's path: for `response_url`, `/response/<id>` tells which request is answered. */
  path?: string;
}

/** A file a user uploaded, as the fake serves it. */
export interface FakeFile {
  id: string;
  name: string;
  content: Buffer | string;
  /** The Content-Type of the download; text/plain by default. */
  contentType?: string;
  /** What files.info gives as the download address, instead of this server's own (a forged host). */
  downloadUrl?: string;
  /** The download answers 302 to this address instead of the file. */
  redirectTo?: string;
  /** What files.info gives as the size, instead of the content's real length. */
  size?: number;
}

/** A file the bot shared with files.completeUploadExternal. */
export interface SharedUpload {
  id: string;
  filename: string;
  title: string;
  channel: string;
  comment: string | null;
  bytes: Buffer;
}

/** A workspace the fake lets the app be installed in: `oauth.v2.access` with `code` grants `token`. */
export interface FakeGrant {
  code: string;
  /** The workspace's team id; for an org-wide install (`orgWide`), the org's enterprise id. */
  team: string;
  teamName: string;
  /** An Enterprise Grid org-wide install: Slack names the org and no team. */
  orgWide?: boolean;
  token: string;
  botUserId: string;
  botId: string;
}

export const FAKE_BOT_USER = 'UBOTARISING';
export const FAKE_BOT_ID = 'BBOTARISING';

/** Fields WebClient JSON-encodes inside a form body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

function parseBody(raw: string, contentType: string | undefined): Body {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Body;
  const body: Body = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = JSON_FIELDS.includes(key) ? JSON.parse(value) : value;
  }
  return body;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeSlackApi {
  readonly calls: Call[] = [];
  private server: Server | null = null;
  private port = 0;
  private started = Date.now();
  private tsCounter = 0;
  private rateLimited: { remaining: number; retryAfter: number; method: string | null } = {
    remaining: 0,
    retryAfter: 1,
    method: null,
  };
  private failures = new Map<string, string>();
  private delays = new Map<string, number>();
  private answerDelays = new Map<string, number>();
  /** Messages the bot posted, for conversations.history and conversations.replies. */
  private posted: {
    channel: string;
    ts: string;
    text: unknown;
    threadTs: unknown;
    metadata: unknown;
    /** Wall-clock seconds when posted (ts here are a counter), for `oldest`. */
    at: number;
  }[] = [];
  /** Files users uploaded, by id, for files.info and their download path. */
  private files = new Map<string, FakeFile>();
  /** Uploads begun with files.getUploadURLExternal, by file id: the name, and the bytes once POSTed. */
  private pendingUploads = new Map<string, { filename: string; length: number; bytes: Buffer | null }>();
  /** Files the bot shared (files.completeUploadExternal), oldest first. */
  readonly uploads: SharedUpload[] = [];
  /** Slack's Socket Mode side, made when first asked for (or when the service asks for a connection). */
  private socket: FakeSocketMode | null = null;
  /** OAuth grants by code, for oauth.v2.access; auth.test names the workspace of a granted token. */
  private grants = new Map<string, FakeGrant>();
  /** Tokens handed out by oauth.v2.access, for auth.test. */
  private issued = new Map<string, FakeGrant>();
  /** Channel members set by a test, for conversations.members; other channels answer channel_not_found. */
  private members = new Map<string, string[]>();
  /** Channel names set by a test, for conversations.info; other channels answer channel_not_found. */
  private channelNames = new Map<string, string>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.started = Date.now();
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.socket?.close();
    this.socket = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** The SLACK_API_URL to configure. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The members conversations.members lists for `channel`, a page of at most `limit` at a time. */
  setMembers(channel: string, users: string[]): void {
    this.members.set(channel, users);
  }

  /** The name conversations.info gives `channel`. */
  setChannelName(channel: string, name: string): void {
    this.channelNames.set(channel, name);
  }

  /** A response_url Slack would put in a slash command or interaction. */
  responseUrl(id = 'r'): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Socket Mode on this server: deliver envelopes, read acks. */
  get socketMode(): FakeSocketMode {
    if (!this.server) throw new Error('The fake Slack API is not started');
    this.socket ??= new FakeSocketMode(this.server);
    return this.socket;
  }

  /** Holds an uploaded file: files.info describes it and `fileDownloadUrl(id)` serves it. */
  serveFile(file: FakeFile): void {
    this.files.set(file.id, file);
  }

  /** Where this server serves an uploaded file, as files.slack.com's `url_private_download` would. */
  fileDownloadUrl(id: string): string {
    const name = encodeURIComponent(this.files.get(id)?.name ?? 'file');
    return `http://127.0.0.1:${this.port}/files-pri/T0TEAM-${id}/download/${name}`;
  }

  /** Lets `oauth.v2.access` exchange `grant.code` for the workspace's bot token (as after "Allow"). */
  grantInstall(grant: FakeGrant): void {
    this.grants.set(grant.code, grant);
  }

  /** The next `count` calls (to `method`, or any method) are answered 429 with Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds = 1, method: string | null = null): void {
    this.rateLimited = { remaining: count, retryAfter: retryAfterSeconds, method };
  }

  /** Every later call of `method` answers `{ ok: false, error }`. */
  failMethod(method: string, error: string): void {
    this.failures.set(method, error);
  }

  /** Every later call of `method` is answered only after `ms` milliseconds (a slow Slack). */
  delayMethod(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /**
   * Every later call of `method` takes effect (a message is posted, the call recorded) at once, but is
   * answered only after `ms` milliseconds: Slack has the message while the sender still waits to hear.
   */
  delayAnswer(method: string, ms: number): void {
    this.answerDelays.set(method, ms);
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.delays.clear();
    this.answerDelays.clear();
    this.rateLimited.remaining = 0;
    this.posted = [];
    this.files.clear();
    this.pendingUploads.clear();
    this.uploads.length = 0;
  }

  /** The messages the bot posted, with the ts the fake gave each (to press its buttons, reply in its thread). */
  postedMessages(): { channel: string; ts: string; text: unknown }[] {
    return this.posted.map(({ channel, ts, text }) => ({ channel, ts, text }));
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `count` calls to `method` have been recorded (effects happen after Slack's ack). */
  async waitForCalls(method: string, count = 1, timeoutMs = 5000): Promise<Call[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const calls = this.callsTo(method);
      if (calls.length >= count) return calls;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seen = this.calls.map((c) => c.method).join(', ') || 'none';
    throw new Error(`Expected ${count} call(s) to ${method}; calls so far: ${seen}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/upload/')) {
      this.receiveUpload(url.pathname, raw, req, res);
      return;
    }
    const body = parseBody(raw.toString('utf8'), req.headers['content-type']);
    const method = url.pathname.startsWith('/response/')
      ? 'response_url'
      : url.pathname.startsWith('/files-pri/')
        ? 'file_download'
        : url.pathname.replace('/api/', '');
    const limit = this.rateLimited;
    if (limit.remaining > 0 && (limit.method === null || limit.method === method)) {
      limit.remaining -= 1;
      this.calls.push({
        method: `${method} (429)`,
        body,
        authorization: req.headers.authorization,
        at: this.now(),
      });
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const path = url.pathname;
    this.calls.push({ method, body, authorization: req.headers.authorization, at: this.now(), path });
    if (method === 'response_url') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (method === 'file_download') {
      this.download(url.pathname, res);
      return;
    }
    const failure = this.failures.get(method);
    const answer = failure
      ? { ok: false, error: failure }
      : this.answer(method, body, req.headers.authorization);
    const answerDelay = this.answerDelays.get(method);
    if (answerDelay) await new Promise((resolve) => setTimeout(resolve, answerDelay));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private now(): number {
    return Date.now() - this.started;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, body: Body, authorization: string | undefined): Body {
    switch (method) {
      case 'oauth.v2.access':
        return this.oauthAccess(body, authorization);
      case 'auth.test':
        return (
          this.authTest(authorization) ?? {
            ok: true,
            url: 'https://example.slack.com/',
            team: 'Example',
            user: 'arising',
            team_id: 'T0TEAM',
            user_id: FAKE_BOT_USER,
            bot_id: FAKE_BOT_ID,
          }
        );
      case 'apps.connections.open':
        if (!this.socket && this.server) this.socket = new FakeSocketMode(this.server);
        return { ok: true, url: `ws://127.0.0.1:${this.port}${SOCKET_PATH}?ticket=${this.nextTs()}` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        this.posted.push({
          channel: String(body.channel),
          ts,
          text: body.text,
          threadTs: body.thread_ts,
          metadata: body.metadata,
          at: Date.now() / 1000,
        });
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text, bot_id: FAKE_BOT_ID } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: body.channel,
          permalink: `https://example.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}`,
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
        return { ok: true, view: { id: `V${this.nextTs().replace('.', '')}`, ...(body.view as Body) } };
      case 'views.publish':
        return { ok: true, view: { id: `VHOME${String(body.user_id)}`, ...(body.view as Body) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? 'X')}` } };
      case 'conversations.history':
        return { ok: true, has_more: false, messages: this.history(body, null) };
      case 'conversations.replies':
        return { ok: true, has_more: false, messages: this.history(body, String(body.ts)) };
      case 'conversations.members':
        return this.membersPage(body);
      case 'conversations.info': {
        const name = this.channelNames.get(String(body.channel));
        return name
          ? { ok: true, channel: { id: body.channel, name } }
          : { ok: false, error: 'channel_not_found' };
      }
      case 'users.info':
        return {
          ok: true,
          user: { id: body.user, name: String(body.user).toLowerCase(), tz: 'Europe/London' },
        };
      case 'files.getUploadURLExternal':
        return this.uploadUrl(body);
      case 'files.completeUploadExternal':
        return this.completeUpload(body);
      case 'files.info': {
        const file = this.files.get(String(body.file));
        return file ? { ok: true, file: this.fileObject(file) } : { ok: false, error: 'file_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** An upload address for a file of `length` bytes, as files.getUploadURLExternal gives one. */
  private uploadUrl(body: Body): Body {
    const length = Number(body.length);
    if (
      typeof body.filename !== 'string' ||
      body.filename === '' ||
      !Number.isInteger(length) ||
      length <= 0
    ) {
      return { ok: false, error: 'invalid_arguments' };
    }
    const id = `FUP${this.nextTs().replace('.', '')}`;
    this.pendingUploads.set(id, { filename: body.filename, length, bytes: null });
    return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
  }

  /** The bytes POSTed to an upload address: kept when they are as long as was said. */
  private receiveUpload(path: string, raw: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const id = path.slice('/upload/'.length);
    this.calls.push({
      method: 'file_upload',
      body: {},
      authorization: req.headers.authorization,
      at: this.now(),
      path,
    });
    const pending = this.pendingUploads.get(id);
    if (req.method !== 'POST' || !pending || raw.length !== pending.length) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad upload');
      return;
    }
    pending.bytes = raw;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
  }

  /** files.completeUploadExternal: each file named must have had its bytes uploaded. */
  private completeUpload(body: Body): Body {
    const files = Array.isArray(body.files) ? (body.files as { id?: unknown; title?: unknown }[]) : [];
    if (files.length === 0) return { ok: false, error: 'invalid_arguments' };
    const shared: SharedUpload[] = [];
    for (const file of files) {
      const pending = this.pendingUploads.get(String(file.id));
      if (!pending?.bytes) return { ok: false, error: 'file_not_found' };
      shared.push({
        id: String(file.id),
        filename: pending.filename,
        title: typeof file.title === 'string' ? file.title : pending.filename,
        channel: String(body.channel_id ?? ''),
        comment: typeof body.initial_comment === 'string' ? body.initial_comment : null,
        bytes: pending.bytes,
      });
    }
    for (const file of shared) this.pendingUploads.delete(file.id);
    this.uploads.push(...shared);
    return { ok: true, files: shared.map((f) => ({ id: f.id, title: f.title })) };
  }

  /**
   * oauth.v2.access as Slack answers it for a bot install: the code must be one granted, once, and the
   * client's id and secret must come with it (as a body or Basic auth).
   */
  private oauthAccess(body: Body, authorization: string | undefined): Body {
    const grant = this.grants.get(String(body.code));
    const basic = authorization?.startsWith('Basic ') === true;
    if (!grant || (!basic && (!body.client_id || !body.client_secret))) {
      return { ok: false, error: 'invalid_code' };
    }
    this.grants.delete(grant.code);
    this.issued.set(grant.token, grant);
    return {
      ok: true,
      app_id: 'A0ARISING',
      authed_user: { id: 'U0INSTALLER' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: grant.botUserId,
      ...(grant.orgWide
        ? { team: null, enterprise: { id: grant.team, name: grant.teamName }, is_enterprise_install: true }
        : { team: { id: grant.team, name: grant.teamName }, enterprise: null, is_enterprise_install: false }),
    };
  }

  /** auth.test for a token an install granted: its workspace and bot; undefined for any other token. */
  private authTest(authorization: string | undefined): Body | undefined {
    const token = authorization?.replace(/^Bearer /, '');
    const grant = [...this.issued.values()].find((g) => g.token === token);
    if (!grant) return undefined;
    return {
      ok: true,
      url: `https://${grant.teamName.toLowerCase()}.slack.com/`,
      team: grant.teamName,
      user: 'arising',
      ...(grant.orgWide
        ? { enterprise_id: grant.team, is_enterprise_install: true }
        : { team_id: grant.team, is_enterprise_install: false }),
      user_id: grant.botUserId,
      bot_id: grant.botId,
    };
  }

  /** A file object as files.info (and a file_input's state) describes it. */
  fileObject(file: FakeFile): Body {
    const url = file.downloadUrl ?? this.fileDownloadUrl(file.id);
    return {
      id: file.id,
      name: file.name,
      title: file.name,
      mimetype: file.contentType ?? 'text/plain',
      filetype: file.name.split('.').pop() ?? 'text',
      size: file.size ?? Buffer.byteLength(file.content),
      user: 'U0UPLOADER',
      url_private: url,
      url_private_download: url,
    };
  }

  /** Serves `/files-pri/T0TEAM-<id>/download/<name>`: the file, a redirect, or 404. */
  private download(pathname: string, res: ServerResponse): void {
    const id = /^\/files-pri\/T0TEAM-([^/]+)\//.exec(pathname)?.[1] ?? '';
    const file = this.files.get(id);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (file.redirectTo) {
      res.writeHead(302, { location: file.redirectTo }).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType ?? 'text/plain' }).end(file.content);
  }

  /**
   * The bot's own posts in a conversation (or, with `thread`, the replies in that thread), newest first, as
   * conversations.history and conversations.replies return them: before `latest`, from `oldest` (compared
   * with when each was posted), with their metadata only when `include_all_metadata` is asked for.
   */
  /** One page of a channel's members, as Slack pages them: the cursor is where the next page starts. */
  private membersPage(body: Body): Body {
    const members = this.members.get(String(body.channel));
    if (!members) return { ok: false, error: 'channel_not_found' };
    const start = Number(body.cursor ?? 0) || 0;
    const limit = Number(body.limit ?? 100) || 100;
    const next = start + limit < members.length ? String(start + limit) : '';
    return {
      ok: true,
      members: members.slice(start, start + limit),
      response_metadata: { next_cursor: next },
    };
  }

  private history(body: Body, thread: string | null): Body[] {
    const channel = String(body.channel);
    const latest = body.latest ? String(body.latest) : null;
    const oldest = body.oldest ? Number(body.oldest) : null;
    const withMetadata = String(body.include_all_metadata) === 'true';
    return this.posted
      .filter(
        (p) => p.channel === channel && (thread === null ? p.threadTs === undefined : p.threadTs === thread),
      )
      .filter((p) => (latest === null || p.ts < latest) && (oldest === null || p.at >= oldest))
      .map((p) => ({
        type: 'message',
        ts: p.ts,
        bot_id: FAKE_BOT_ID,
        user: FAKE_BOT_USER,
        text: p.text,
        ...(withMetadata && p.metadata ? { metadata: p.metadata } : {}),
      }))
      .reverse();
  }
}
