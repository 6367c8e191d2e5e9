/**
 * The daily calendar refresh of 1,000 channels (BENCH_CALENDAR_CHANNELS to change): each channel has a
 * calendar on a loopback feed server serving the test fixtures (Google's, Outlook's, a weekly committee
 * with exceptions, a monthly meeting in Europe/London), stored with the real RedisActionStore and
 * RedisCalendarIndex, and one pass of the job's runCalendarRefresh (fetch, parse, expand, store, move the
 * next meeting) is timed. Beside it, the floor any refresh pays: fetching the same 1,000 feeds, as many at
 * a time, with nothing else done.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CALENDAR_REFRESH_CONCURRENCY, runCalendarRefresh } from '../jobs/calendar-refresh-job';
import type { ChannelMeetings, ChannelRef } from '../src/core/domain';
import type { Messenger, Scheduler } from '../src/core/ports';
import { calendarFeedReader } from '../src/net/calendar-feed-reader';
import { RedisActionStore } from '../src/store/redis-action-store';
import { RedisCalendarIndex } from '../src/store/redis-calendar-index';
import { createRedis } from '../src/store/redis-connection';
import { type Benchmark, deleteKeys, type Row } from './bench-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHANNELS = Number(process.env.BENCH_CALENDAR_CHANNELS ?? '1000');
const FEEDS = ['weekly-committee.ics', 'monthly-second-tuesday.ics', 'google.ics', 'outlook.ics'];
const NOW = new Date('2026-11-20T12:00:00Z');

/** A loopback server answering `/<n>/<fixture>` with the fixture, as a host of many feeds would. */
async function feedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const bodies = new Map(
    FEEDS.map((name) => [name, readFileSync(join(__dirname, '../tests/fixtures/calendars', name))]),
  );
  const server = createServer((req, res) => {
    const body = bodies.get((req.url ?? '').split('/').at(-1) ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/calendar' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Plain GETs of every URL, `lanes` at a time: the fetching alone. */
async function fetchAll(urls: string[], lanes: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < urls.length; i = next++) await (await fetch(urls[i] as string)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

const quiet: Messenger = { post: async () => null, update: async () => {} };
const noScheduler: Scheduler = { actionChanged: async () => {}, channelChanged: async () => {} };

export const calendarRefresh: Benchmark = {
  name: 'calendar',
  description:
    `the daily calendar refresh of ${CHANNELS.toLocaleString('en-GB')} channels against a loopback feed server ` +
    `(runCalendarRefresh, ${CALENDAR_REFRESH_CONCURRENCY} at a time) beside fetching the same feeds alone`,
  async run() {
    const prefix = `arising-bench-${randomBytes(4).toString('hex')}`;
    const redis = createRedis(REDIS_URL, { forWorker: true });
    const store = new RedisActionStore({ redis, prefix });
    const index = new RedisCalendarIndex(redis, prefix);
    const server = await feedServer();
    try {
      const urls: string[] = [];
      for (let i = 0; i < CHANNELS; i++) {
        const channel: ChannelRef = { platform: 'slack', team: 'TBENCH', channel: `CCAL${i}` };
        const url = `${server.url}/${i}/${FEEDS[i % FEEDS.length]}`;
        urls.push(url);
        const meetings: ChannelMeetings = {
          current: null,
          next: null,
          past: [],
          calendar: {
            url,
            setBy: 'UCHAIR',
            readAt: NOW.toISOString(),
            next: null,
            failingSince: null,
            lastError: null,
            failureToldAt: null,
          },
        };
        await store.saveMeetings(channel, meetings);
        await index.add(channel);
      }
      const service = {
        store,
        messenger: quiet,
        scheduler: noScheduler,
        clock: { now: () => NOW },
        defaultTimezone: 'Europe/London',
        calendars: { feeds: calendarFeedReader({ allowPrivate: true }), index },
      };
      const log = { info: () => {}, warn: (...m: unknown[]) => console.error(...m), error: () => {} };
      const started = performance.now();
      const pass = await runCalendarRefresh({ service, log });
      const refreshMs = performance.now() - started;
      const fetchStarted = performance.now();
      await fetchAll(urls, CALENDAR_REFRESH_CONCURRENCY);
      const fetchMs = performance.now() - fetchStarted;
      const rows: Row[] = [
        {
          what: `daily calendar refresh, ${CHANNELS} channels (${pass.changed} next meetings set, ${pass.failed} failed)`,
          Arising: `${(refreshMs / 1000).toFixed(2)} s`,
          limit: `fetching the same feeds alone, as many at a time: ${(fetchMs / 1000).toFixed(2)} s`,
          ratio: (refreshMs / fetchMs).toFixed(1),
        },
      ];
      return rows;
    } finally {
      await server.close();
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
  },
};
