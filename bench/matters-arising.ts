/**
 * Matters arising for a channel with 10,000 actions over 100 meetings (BENCH_MATTERS_ACTIONS to change),
 * stored with the real RedisActionStore.createMany and saveMeetings: the time of the core's
 * `mattersArisingFor` beside reading the same keys with one Redis pipeline (the floor any composition
 * pays). Also Redis memory per stored action: MEMORY USAGE of a sample of action records and their
 * history lists, plus each action's share of the state indexes, beside the action's own JSON length.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelMeetings, ChannelRef, Meeting, NewAction } from '../src/core/domain';
import { mattersArisingFor } from '../src/core/matters/matters-commands';
import { channelKeys } from '../src/store/keys';
import { RedisActionStore } from '../src/store/redis-action-store';
import { createRedis } from '../src/store/redis-connection';
import { type Benchmark, deleteKeys, quantile, type Row } from './bench-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACTIONS = Number(process.env.BENCH_MATTERS_ACTIONS ?? '10000');
const MEETINGS = 100;
const RUNS = 7;
/** Action keys MEMORY USAGE is asked about. */
const SAMPLE = 500;

const NOW = new Date('2026-06-01T09:00:00Z');

function meetingsOf(): Meeting[] {
  return Array.from({ length: MEETINGS }, (_, m) => {
    const day = new Date(Date.UTC(2026, 5, 1) - (MEETINGS - m) * 7 * 86_400_000);
    return {
      id: `m${m}`,
      title: `Committee meeting ${m + 1}`,
      date: day.toISOString().slice(0, 10),
      createdAt: day.toISOString(),
    };
  });
}

/** ACTIONS actions spread over the meetings: a third done, a few dropped, the rest open, most with a due. */
function draftsOf(channel: ChannelRef, meetings: Meeting[]): NewAction[] {
  return Array.from({ length: ACTIONS }, (_, i) => {
    const meeting = meetings[i % MEETINGS] as Meeting;
    const due = new Date(Date.parse(meeting.createdAt) + ((i % 40) + 1) * 86_400_000).toISOString();
    const state = i % 3 === 0 ? 'done' : i % 17 === 0 ? 'dropped' : 'open';
    const at = meeting.createdAt;
    return {
      channel,
      owners: [{ kind: 'user', id: `U${i % 23}` }],
      text: `Follow up item ${i} from ${meeting.title} and report back to the committee`,
      due: i % 5 === 0 ? null : { at: due, date: due.slice(0, 10), time: null, nextMeeting: false },
      state,
      raisedBy: 'UCHAIR',
      createdAt: at,
      updatedAt: at,
      closedBy: state === 'open' ? null : 'UCHAIR',
      closedAt: state === 'open' ? null : at,
      closeNote: null,
      notes: [],
      meetingId: meeting.id,
      agendaItem: `${(i % 12) + 1}`,
      agendaTitle: `Item ${(i % 12) + 1}`,
      message: null,
    } as NewAction;
  });
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

/** Bytes per action: the record, its history and its share of the state indexes. */
async function bytesPerAction(redis: Redis, prefix: string, channel: ChannelRef): Promise<number> {
  const keys = channelKeys(prefix, channel);
  const step = Math.max(1, Math.floor(ACTIONS / SAMPLE));
  let total = 0;
  let sampled = 0;
  for (let n = 1; n <= ACTIONS; n += step) {
    const record = Number(await redis.call('MEMORY', 'USAGE', keys.action(n), 'SAMPLES', '0'));
    const history = Number(await redis.call('MEMORY', 'USAGE', keys.history(n), 'SAMPLES', '0'));
    total += record + history;
    sampled += 1;
  }
  let indexes = 0;
  for (const state of ['open', 'done', 'dropped'] as const) {
    indexes += Number((await redis.call('MEMORY', 'USAGE', keys.state(state), 'SAMPLES', '0')) ?? 0);
  }
  return total / sampled + indexes / ACTIONS;
}

export const mattersArising: Benchmark = {
  name: 'matters',
  description:
    `matters arising for a channel with ${ACTIONS.toLocaleString('en-GB')} actions over ${MEETINGS} meetings ` +
    "(the core's mattersArisingFor) beside one Redis pipeline reading the same keys; Redis memory per action",
  async run() {
    const prefix = `arising-bench-${randomBytes(4).toString('hex')}`;
    const redis = createRedis(REDIS_URL, { forWorker: true });
    const store = new RedisActionStore({ redis, prefix });
    const channel: ChannelRef = { platform: 'slack', team: 'TBENCH', channel: 'CMATTERS' };
    try {
      const all = meetingsOf();
      const meetings: ChannelMeetings = {
        current: all.at(-1) ?? null,
        next: '2026-06-08',
        past: all.slice(0, -1),
      };
      await store.saveMeetings(channel, meetings);
      const drafts = draftsOf(channel, all);
      const created = await store.createMany(drafts, (a) => ({
        at: a.createdAt,
        by: 'UCHAIR',
        kind: 'created',
        changes: {},
        text: null,
      }));
      const deps = { store, clock: { now: () => NOW }, defaultTimezone: 'Europe/London' };
      let groups = 0;
      const composeMs = await medianMs(async () => {
        groups = (await mattersArisingFor(deps, channel)).groups.length;
      });
      const keys = channelKeys(prefix, channel);
      const pipelineMs = await medianMs(async () => {
        const p = redis.pipeline();
        p.get(keys.settings).hgetall(keys.aliases).get(keys.meetings);
        for (const s of ['open', 'done', 'dropped'] as const) p.zrange(keys.state(s), 0, '-1');
        for (const a of created) p.hmget(keys.action(a.number), 'json', 'version', 'message');
        await p.exec();
      });
      const bytes = await bytesPerAction(redis, prefix, channel);
      const jsonBytes =
        created.reduce((sum, a) => sum + Buffer.byteLength(JSON.stringify(a)), 0) / created.length;
      const rows: Row[] = [
        {
          what: `matters arising, ${ACTIONS} actions / ${MEETINGS} meetings (median of ${RUNS})`,
          Arising: `${composeMs.toFixed(0)} ms (${groups} groups)`,
          limit: `one Redis pipeline of the same keys: ${pipelineMs.toFixed(0)} ms`,
          ratio: (composeMs / pipelineMs).toFixed(1),
        },
        {
          what: 'Redis memory per stored action (record + history + index share)',
          Arising: `${bytes.toFixed(0)} B`,
          limit: `the action's JSON: ${jsonBytes.toFixed(0)} B`,
          ratio: (bytes / jsonBytes).toFixed(1),
        },
      ];
      return rows;
    } finally {
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
  },
};
