/**
 * Check-ins before a meeting: 1,000 questions (BENCH_CHECKINS to change), one per open action and owner,
 * over 10 channels, each channel's check-in run by the job's own processor (processCheckin: the stale
 * check, the channel's open actions, a keyed two-phase send per question, linking the DM, recording who
 * was asked), the channels side by side as a worker's concurrency runs them, posting over HTTP to a fake
 * Slack endpoint on loopback. Beside it, in the same run, the floor: the same HTTP client posting as many
 * messages in the same pattern with nothing else. Each check-in is then run a second time, and whatever
 * reaches the endpoint again is reported as asked twice.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { processCheckin } from '../jobs/checkin-job';
import { checkinAt } from '../src/core/checkin/checkin-time';
import type { CheckinWorkDeps } from '../src/core/checkin/send-checkins';
import {
  ChannelMeetingsSchema,
  type ChannelRef,
  ChannelSettingsSchema,
  type NewAction,
} from '../src/core/domain';
import { holidayTest } from '../src/holidays/holiday-calendar';
import { RedisActionStore } from '../src/store/redis-action-store';
import { RedisCheckins } from '../src/store/redis-checkins';
import { createRedis } from '../src/store/redis-connection';
import { RedisReminderLedger } from '../src/store/redis-reminder-ledger';
import { RedisSendLedger } from '../src/store/redis-send-ledger';
import { benchAction } from './bench-action';
import { type Benchmark, deleteKeys, type Row, sleep } from './bench-support';
import { FakeSlackEndpoint } from './fake-slack-endpoint';
import { HttpSlackMessenger } from './http-slack-messenger';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOTAL = Number(process.env.BENCH_CHECKINS ?? '1000');
const CHANNELS = 10;
const MEETING = '2031-03-11T14:00';
const SETTINGS = ChannelSettingsSchema.parse({ checkin: '-2d' });

/** One channel's open actions, each owned by a person of its own. */
async function channelWithActions(store: RedisActionStore, channel: ChannelRef, count: number) {
  await store.saveSettings(channel, SETTINGS);
  await store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: MEETING }));
  const due = new Date('2031-03-31T16:00:00.000Z');
  const drafts: NewAction[] = Array.from({ length: count }, (_, i) =>
    benchAction(channel, `U${channel.channel}X${i}`, `bench action ${i} of ${channel.channel}`, due),
  );
  const at = new Date().toISOString();
  await store.createMany(drafts, () => ({ at, by: 'UBENCH', kind: 'created', changes: {}, text: null }));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** The floor: the same client posting TOTAL messages, CHANNELS sequences side by side. */
async function floor(endpoint: FakeSlackEndpoint): Promise<number> {
  const messenger = new HttpSlackMessenger(endpoint.url);
  const per = Math.ceil(TOTAL / CHANNELS);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CHANNELS }, async (_, c) => {
      const channel: ChannelRef = { platform: 'slack', team: 'TFLOOR', channel: `C${c}` };
      for (let i = 0; i < per; i++) {
        await messenger.post(
          { kind: 'user', channel, userId: `U${c}X${i}` },
          { text: 'check-in', blocks: [] },
        );
      }
    }),
  );
  return Date.now() - started;
}

async function runCheckins(redis: Redis, prefix: string): Promise<Row[]> {
  const endpoint = await new FakeSlackEndpoint().start();
  const store = new RedisActionStore({ redis, prefix });
  const deps: CheckinWorkDeps = {
    store,
    messenger: new HttpSlackMessenger(endpoint.url),
    sends: new RedisSendLedger(redis, prefix),
    ledger: new RedisReminderLedger(redis, prefix),
    checkins: new RedisCheckins(redis, prefix),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    holidays: holidayTest,
    log: { info: () => {}, warn: (...m: unknown[]) => console.warn(...m), error: console.error },
  };
  try {
    const runId = randomBytes(3).toString('hex');
    const channels = Array.from(
      { length: CHANNELS },
      (_, c): ChannelRef => ({ platform: 'slack', team: `TCHECK${runId}`, channel: `C${c}` }),
    );
    const per = Math.ceil(TOTAL / CHANNELS);
    for (const channel of channels) await channelWithActions(store, channel, per);
    const fireAt = checkinAt(MEETING, { timezone: 'Europe/London', settings: SETTINGS })?.toISOString();
    const runAll = () =>
      Promise.all(channels.map((channel) => processCheckin({ channel, meeting: MEETING, fireAt }, deps)));
    const started = Date.now();
    await runAll();
    const arisingMs = Date.now() - started;
    const sent = endpoint.arrivals.length;
    await runAll(); // a second run asks no one
    await sleep(500);
    const twice = endpoint.arrivals.length - sent;
    const floorMs = await floor(endpoint);
    return [
      {
        what: `${sent.toLocaleString('en-GB')} check-ins before a meeting (${CHANNELS} channels): first → last sent`,
        Arising: `${seconds(arisingMs)} s (${(sent / (arisingMs / 1000)).toFixed(0)}/s), ${twice} asked twice on a second run`,
        limit: `the same HTTP client posting as many: ${seconds(floorMs)} s`,
        ratio: (arisingMs / floorMs).toFixed(1),
      },
    ];
  } finally {
    await endpoint.stop();
  }
}

export const checkinDelivery: Benchmark = {
  name: 'checkins',
  description:
    `${TOTAL.toLocaleString('en-GB')} check-in questions (one per open action and owner, ${CHANNELS} channels ` +
    'run side by side by the check-in job’s processor) to a fake Slack endpoint, beside the same HTTP client ' +
    'posting as many messages with nothing else, and a second run that must ask no one',
  async run() {
    const prefix = `arising-bench-${randomBytes(4).toString('hex')}`;
    const redis = createRedis(REDIS_URL, { forWorker: true });
    try {
      return await runCheckins(redis, prefix);
    } finally {
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
  },
};
