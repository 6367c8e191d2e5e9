/**
 * An HTTP server on loopback that serves the .ics files of tests/fixtures/calendars, as a committee's
 * calendar host would, and the ways a feed goes wrong: `/missing.ics` (404), `/page.ics` (an HTML sign-in
 * page), `/huge.ics` (more than 2 MB, streamed without a length), `/slow.ics` (never answers),
 * `/moved/<name>` (a redirect to the file). `/live.ics` serves whatever `live` is set to (null: 503).
 * Every request is counted in `hits`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../fixtures/calendars');

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What `/live.ics` serves; null answers 503. */
  live: string | null;
  hits: number;
  close(): Promise<void>;
}

/** The text of a fixture feed. */
export function fixtureFeed(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function calendar(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
  res.end(body);
}

export async function startFeedServer(): Promise<FeedServer> {
  const held: ServerResponse[] = [];
  const state = { live: null as string | null, hits: 0 };
  const server: Server = createServer((req, res) => {
    state.hits += 1;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/live.ics') {
      if (state.live === null) res.writeHead(503).end('down for maintenance');
      else calendar(res, state.live);
    } else if (path === '/missing.ics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (path === '/page.ics') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Sign in</title><p>Sign in');
    } else if (path === '/huge.ics') {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      const line = `${'X-FILLER:'.padEnd(1000, 'x')}\r\n`;
      res.write('BEGIN:VCALENDAR\r\n');
      for (let i = 0; i < 2100; i++) res.write(line);
      res.end('END:VCALENDAR\r\n');
    } else if (path === '/slow.ics') {
      held.push(res);
    } else if (path.startsWith('/moved/')) {
      res.writeHead(302, { location: `/${path.slice('/moved/'.length)}` }).end();
    } else if (/^\/[a-z-]+\.ics$/.test(path)) {
      calendar(res, fixtureFeed(path.slice(1)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get live() {
      return state.live;
    },
    set live(value: string | null) {
      state.live = value;
    },
    get hits() {
      return state.hits;
    },
    set hits(value: number) {
      state.hits = value;
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
