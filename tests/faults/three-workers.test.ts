/**
 * Fault 3: three service processes (each web and workers) starting at the same moment on one Redis, each
 * told the same channel settings at once. BullMQ holds exactly one weekly-digest job scheduler per channel
 * (one delayed digest per period), and when the period comes exactly one digest is posted per channel.
 *
 * BullMQ alone does not make that so: a worker that stalls (here frozen with SIGSTOP, as a long GC pause
 * or a suspended VM would) loses its job's lock, another worker takes the job over and posts, and the
 * frozen one, resumed, carries on from where it stood, between taking the post and posting it. Only the
 * send-once step (src/core/delivery/send-once.ts: its lease is no longer the resumed worker's) keeps
 * that second post from happening.
 */
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { CALENDAR_REFRESH_SCHEDULER_ID } from '../../jobs/calendar-refresh-job';
import { digestSchedulerId } from '../../jobs/digest-job';
import { REPAIR_SCHEDULER_ID } from '../../jobs/repair-job';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
import { CRASH_TUNING } from '../support/crash-service';
import { FakeSlackApi } from '../support/fake-slack-api';
import {
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
  waitUntil,
} from '../support/processes';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(120_000);

const prefix = freshPrefix();
const wheres: Where[] = ['C0ALPHA', 'C0BETA'].map((channel) => ({
  team: 'T0TEAM',
  channel,
  user: 'U0CHAIR',
}));
const channels: ChannelRef[] = wheres.map((w) => ({ platform: 'slack', team: w.team, channel: w.channel }));
let slack: FakeSlackApi;
let redis: TestRedisServer;
let apps: ArisingProcess[] = [];
let queue: Queue;

/** The first process freezes itself (SIGSTOP) when it has taken a digest's post and is about to post it. */
const FREEZE = 'digest.after-lease@1:stop';

/** True once the process is stopped (state T in /proc/<pid>/stat). */
function isStopped(pid: number | undefined): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
}

function signal(app: ArisingProcess | undefined, sig: NodeJS.Signals): void {
  if (app?.child.pid !== undefined && app.child.exitCode === null) process.kill(app.child.pid, sig);
}

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  // Short locks, so a frozen worker's job is taken over in seconds; node itself (nodeArgs), so each
  // child's pid is the service's own and SIGSTOP/SIGCONT reach it.
  apps = [FREEZE, '', ''].map((failpoint) =>
    startArising({
      redisUrl: redis.url,
      slackApiUrl: slack.apiUrl,
      prefix,
      nodeArgs: [],
      env: { ARISING_JOB_TUNING: CRASH_TUNING, ARISING_FAILPOINT: failpoint },
    }),
  );
  await Promise.all(apps.map((a) => a.ready));
  await Promise.all(apps.map((a) => a.waitForOutput(/Workers: .*running/)));
  queue = new Queue('channel-posts', { connection: { url: redis.url }, prefix });
});

afterAll(async () => {
  for (const app of apps) signal(app, 'SIGCONT');
  await queue?.close();
  await Promise.all(apps.map((a) => a.stop()));
  await slack?.stop();
  await redis?.stop();
});

it('keeps one digest scheduler per channel and posts one digest per channel per period', async () => {
  // Something overdue in each channel, so the digest has something to say.
  const store = new RedisActionStore({ redis: redis.client, prefix });
  for (const channel of channels) {
    await store.create(draft(channel, { due: due('2026-01-05T16:00:00.000Z') }), entry('created'));
  }

  // Every process is told the settings (and an add) for both channels at the same moment.
  await Promise.all(
    apps.flatMap((app, i) =>
      wheres.flatMap((where) => [
        sendToSlackEndpoint(
          app.baseUrl,
          slashCommand(where, 'settings digest monday 09:00', slack.responseUrl()),
        ),
        sendToSlackEndpoint(
          app.baseUrl,
          slashCommand(
            where,
            `add <@U0PRIYA|priya> to bring draft ${i} by 31 December 2030`,
            slack.responseUrl(),
          ),
        ),
      ]),
    ),
  );
  await slack.waitForCalls('chat.postMessage', apps.length * wheres.length, 15_000);
  await slack.waitForCalls('response_url', apps.length * wheres.length, 15_000);

  const all = await queue.getJobSchedulers();
  // Beside the digests, the one repair schedule (jobs/repair-job.ts) and the one calendar refresh
  // (jobs/calendar-refresh-job.ts) that every process upserts too.
  const shared = [REPAIR_SCHEDULER_ID, CALENDAR_REFRESH_SCHEDULER_ID];
  for (const id of shared) expect(all.filter((s) => s.key === id)).toHaveLength(1);
  const schedulers = all.filter((s) => !shared.includes(s.key));
  expect(schedulers.map((s) => s.key).sort()).toEqual(channels.map((c) => digestSchedulerId(c)).sort());
  for (const s of schedulers) expect(s.pattern).toBe('0 9 * * 1');
  const delayed = (await queue.getDelayed()).filter((j) => j.name === 'digest');
  expect(delayed).toHaveLength(channels.length);

  // The period comes. The two other processes are held still, so the first (armed to freeze) takes the
  // digests; it freezes between taking a digest's post and posting it.
  const [frozen, ...others] = apps;
  slack.reset();
  for (const app of others) signal(app, 'SIGSTOP');
  await Promise.all(delayed.map((j) => j.promote()));
  await waitUntil(() => isStopped(frozen?.child.pid), 20_000, 'the first worker to freeze mid-digest');
  expect(frozen?.output()).toContain('failpoint digest.after-lease');
  expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

  // The others go on: they take the frozen worker's jobs over once its locks and leases run out, and post.
  for (const app of others) signal(app, 'SIGCONT');
  const postsIn = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((p) => p.body.channel === channel);
  await waitUntil(
    () => wheres.every((w) => postsIn(w.channel).length >= 1),
    30_000,
    'a digest in each channel from the other workers',
  );
  const digestsDone = async () => (await queue.getCompleted()).filter((j) => j.name === 'digest').length;
  await waitUntil(async () => (await digestsDone()) >= channels.length, 20_000, 'digests done');

  // The frozen worker wakes up where it stood, about to post: it must not post a second digest.
  signal(frozen, 'SIGCONT');
  await new Promise((resolve) => setTimeout(resolve, 4000));
  for (const where of wheres) expect(postsIn(where.channel)).toHaveLength(1);
  expect(JSON.stringify(slack.callsTo('chat.postMessage')[0]?.body)).toMatch(/overdue/i);
  // The next period is again one job per channel.
  const next = (await queue.getDelayed()).filter((j) => j.name === 'digest');
  expect(next).toHaveLength(channels.length);
});
