/**
 * Reminder delivery under load: N reminders (10,000 by default, BENCH_REMINDERS to change) all due at the
 * same moment, delivered by one worker process to a fake Slack endpoint, beside a bare BullMQ worker (same
 * factory, settings and concurrency, a processor that does nothing) draining as many delayed jobs, in the
 * same run. Reported: time from the due moment to the last delivery, p50/p99 lateness and throughput.
 *
 * Each reminder does the real work: the stale check (action, settings, aliases, meetings), the send claim,
 * one chat.postMessage over HTTP, linking the DM, and planning the next weekly reminder.
 *
 * A second baseline is the same bare worker posting one message per job to the fake endpoint through the
 * same HTTP client: the floor of delivering reminders at all. On the benchmark's machine the HTTP call
 * (client, loopback, and the fake endpoint answering on the same cores) costs several times what the bare
 * worker spends on a job, and Slack's own client in the service costs more still, so the first ratio
 * cannot come near 1; the second shows what Arising adds to a delivery.
 */

import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createScheduler } from '../jobs';
import { createQueue, REMINDER_QUEUE } from '../jobs/job-settings';
import { jobsOnRedis } from '../src/app/jobs-on-redis';
import { type Action, type ChannelRef, ChannelSettingsSchema, type NewAction } from '../src/core/domain';
import { holidayTest } from '../src/holidays/holiday-calendar';
import { RedisActionStore } from '../src/store/redis-action-store';
import { createRedis } from '../src/store/redis-connection';
import { benchAction } from './bench-action';
import { type Benchmark, deleteKeys, latenessRow, type Row, sleep, startChild } from './bench-support';
import { FakeSlackEndpoint } from './fake-slack-endpoint';
import { HttpSlackMessenger } from './http-slack-messenger';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOTAL = Number(process.env.BENCH_REMINDERS ?? '10000');
/** Actions are spread over this many channels, as a real install's would be. */
const CHANNELS = 100;
/** How long the delivery of everything may take before the benchmark gives up. */
const DRAIN_TIMEOUT_MS = 10 * 60_000;
/** Actions scheduled at once by the planning step (as many web requests would). */
const PLAN_CONCURRENCY = 64;

/**
 * A bare BullMQ worker draining TOTAL jobs that all fall due at one moment: no-op jobs, or with `post`
 * each job one chat.postMessage to a fake endpoint, timed by its arrival there as Arising's are.
 */
async function runBare(prefix: string, post: boolean): Promise<Row> {
  const conn = { redisUrl: REDIS_URL, prefix: `${prefix}-bare${post ? '-post' : ''}` };
  const endpoint = post ? await new FakeSlackEndpoint().start() : null;
  const child = await startChild('bare-worker.ts', {
    REDIS_URL,
    BENCH_PREFIX: conn.prefix,
    BENCH_JOBS: String(TOTAL),
    ...(endpoint ? { BENCH_POST_URL: endpoint.url } : {}),
  });
  const queue = createQueue(REMINDER_QUEUE, conn);
  const dueAt = Date.now() + 5000 + TOTAL / 2;
  for (let i = 0; i < TOTAL; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, TOTAL - i) }, (_, k) => i + k);
    await queue.addBulk(
      ids.map((n) => ({
        name: 'bare',
        data: { n },
        opts: { jobId: `bare-${n}`, delay: dueAt - Date.now() },
      })),
    );
  }
  if (Date.now() > dueAt) console.warn('bare: adding the jobs took longer than the lead time');
  const code = await Promise.race([child.exited, sleep(DRAIN_TIMEOUT_MS).then(() => 'timeout' as const)]);
  if (code === 'timeout') child.process.kill('SIGKILL');
  const line = child
    .stdout()
    .split('\n')
    .find((l) => l.startsWith('{'));
  const completed = line ? (JSON.parse(line) as { completed: number[] }).completed : [];
  await queue.obliterate({ force: true });
  await queue.close();
  await endpoint?.stop();
  const done = endpoint ? endpoint.arrivals.map((a) => a.at) : completed;
  const name = endpoint ? 'bare BullMQ worker (one HTTP post)' : 'bare BullMQ worker (no-op)';
  return { ...latenessRow(name, dueAt, done), 'sent twice': '—' };
}

/** TOTAL open actions over CHANNELS channels, each with one owner, all due at `dueAt`, reminded at `0`. */
async function createActions(store: RedisActionStore, dueAt: Date, runId: string): Promise<Action[]> {
  const perChannel = Math.ceil(TOTAL / CHANNELS);
  const created: Action[] = [];
  const at = dueAt.toISOString();
  for (let c = 0; created.length < TOTAL; c++) {
    const channel: ChannelRef = { platform: 'slack', team: `TBENCH${runId}`, channel: `C${c}` };
    await store.saveSettings(channel, ChannelSettingsSchema.parse({ reminders: ['0'] }));
    const count = Math.min(perChannel, TOTAL - created.length);
    const drafts: NewAction[] = Array.from({ length: count }, (_, i) =>
      benchAction(channel, `U${c}X${i}`, `bench action ${i} of channel ${c}`, dueAt),
    );
    created.push(
      ...(await store.createMany(drafts, () => ({
        at,
        by: 'UBENCH',
        kind: 'created',
        changes: {},
        text: null,
      }))),
    );
  }
  return created;
}

/** Arising's own worker process delivering TOTAL reminders due at one moment to the fake Slack endpoint. */
async function runReminders(redis: Redis, prefix: string): Promise<Row> {
  const endpoint = await new FakeSlackEndpoint().start();
  const child = await startChild('reminder-worker.ts', {
    REDIS_URL,
    BENCH_PREFIX: prefix,
    SLACK_API_URL: endpoint.url,
  });
  const store = new RedisActionStore({ redis, prefix });
  const scheduler = createScheduler({
    ...jobsOnRedis({ redisUrl: REDIS_URL, prefix, redis }),
    holidays: holidayTest,
    store,
    messenger: new HttpSlackMessenger(endpoint.url),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    log: {
      info: () => {},
      warn: (...m: unknown[]) => console.warn(...m),
      error: (...m: unknown[]) => console.error(...m),
    },
  });
  try {
    const dueAt = new Date(Date.now() + 15_000 + TOTAL * 2);
    const actions = await createActions(store, dueAt, randomBytes(3).toString('hex'));
    const planStart = Date.now();
    for (let i = 0; i < actions.length; i += PLAN_CONCURRENCY) {
      await Promise.all(actions.slice(i, i + PLAN_CONCURRENCY).map((a) => scheduler.actionChanged(a)));
    }
    const planMs = Date.now() - planStart;
    if (Date.now() > dueAt.getTime()) console.warn('reminders: planning took longer than the lead time');
    const deadline = dueAt.getTime() + DRAIN_TIMEOUT_MS;
    while (endpoint.arrivals.length < TOTAL && Date.now() < deadline) await sleep(100);
    await sleep(1000); // anything sent twice would arrive now
    const distinct = new Set(endpoint.arrivals.map((a) => a.channel)).size;
    const row = latenessRow(
      'Arising reminders (real jobs)',
      dueAt.getTime(),
      endpoint.arrivals.slice(0, TOTAL).map((a) => a.at),
    );
    return {
      ...row,
      'sent twice': String(endpoint.arrivals.length - distinct),
      'planning (/s)': (actions.length / (planMs / 1000)).toFixed(0),
    };
  } finally {
    child.process.kill('SIGTERM');
    await child.exited;
    await scheduler.queues.reminders.obliterate({ force: true });
    await scheduler.queues.channelPosts.obliterate({ force: true });
    await scheduler.close();
    await endpoint.stop();
  }
}

/** The runs as lines of the one results table: Arising beside the bare worker, then beside its floor. */
function summarise(bare: Row, posting: Row, real: Row): Row[] {
  const seconds = (row: Row) => Number(row['due → last delivered (s)']);
  const of = (row: Row, column: string) => row[column] ?? '?';
  return [
    {
      what: `${TOTAL.toLocaleString('en-GB')} reminders due at once: due → last delivered`,
      Arising: `${of(real, 'due → last delivered (s)')} s (${of(real, 'throughput (/s)')}/s), ${of(real, 'sent twice')} sent twice`,
      limit: `bare BullMQ worker: ${of(bare, 'due → last delivered (s)')} s (${of(bare, 'throughput (/s)')}/s)`,
      ratio: (seconds(real) / seconds(bare)).toFixed(1),
    },
    {
      what: 'reminders: p50 / p99 lateness',
      Arising: `${of(real, 'p50 lateness (ms)')} / ${of(real, 'p99 lateness (ms)')} ms`,
      limit: `bare worker: ${of(bare, 'p50 lateness (ms)')} / ${of(bare, 'p99 lateness (ms)')} ms`,
      ratio: (Number(real['p99 lateness (ms)']) / Number(bare['p99 lateness (ms)'])).toFixed(1),
    },
    {
      what: 'reminders beside the floor of delivering them (queue + one HTTP post)',
      Arising: `${of(real, 'due → last delivered (s)')} s`,
      limit: `bare worker posting each one: ${of(posting, 'due → last delivered (s)')} s (${of(posting, 'throughput (/s)')}/s)`,
      ratio: (seconds(real) / seconds(posting)).toFixed(1),
    },
  ];
}

export const reminderDelivery: Benchmark = {
  name: 'reminders',
  description:
    `${TOTAL.toLocaleString('en-GB')} reminders due at the same moment, delivered by one worker process ` +
    'to a fake Slack endpoint, beside a bare BullMQ worker that does nothing (same settings, same run), ' +
    'and beside the same bare worker posting one message per job over the same HTTP client',
  async run() {
    const prefix = `arising-bench-${randomBytes(4).toString('hex')}`;
    const redis = createRedis(REDIS_URL, { forWorker: true });
    try {
      const bare = await runBare(prefix, false);
      const posting = await runBare(prefix, true);
      const real = await runReminders(redis, prefix);
      return summarise(bare, posting, real);
    } finally {
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
  },
};
