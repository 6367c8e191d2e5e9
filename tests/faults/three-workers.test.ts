/**
 * Fault 3: three service processes (each web and workers) starting at the same moment on one Redis, each
 * told the same channel settings at once. BullMQ holds exactly one weekly-digest job scheduler per channel
 * (one delayed digest per period), and when the period comes exactly one digest is posted per channel.
 */
import { Queue } from 'bullmq';
import { digestSchedulerId } from '../../jobs/job-ids';
import { REPAIR_SCHEDULER_ID } from '../../jobs/repair-job';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
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

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  apps = [1, 2, 3].map(() => startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix }));
  await Promise.all(apps.map((a) => a.ready));
  await Promise.all(apps.map((a) => a.waitForOutput(/Workers: .*running/)));
  queue = new Queue('channel-posts', { connection: { url: redis.url }, prefix });
});

afterAll(async () => {
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
  // Beside the digests, the one repair schedule (jobs/repair-job.ts) that every process upserts too.
  expect(all.filter((s) => s.key === REPAIR_SCHEDULER_ID)).toHaveLength(1);
  const schedulers = all.filter((s) => s.key !== REPAIR_SCHEDULER_ID);
  expect(schedulers.map((s) => s.key).sort()).toEqual(channels.map((c) => digestSchedulerId(c)).sort());
  for (const s of schedulers) expect(s.pattern).toBe('0 9 * * 1');
  const delayed = (await queue.getDelayed()).filter((j) => j.name === 'digest');
  expect(delayed).toHaveLength(channels.length);

  // The period comes: the delayed digests are due now. Three workers race for them; each posts once.
  slack.reset();
  await Promise.all(delayed.map((j) => j.promote()));
  const digestsDone = async () => (await queue.getCompleted()).filter((j) => j.name === 'digest').length;
  await waitUntil(async () => (await digestsDone()) >= channels.length, 20_000, 'digests done');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const posts = slack.callsTo('chat.postMessage');
  for (const where of wheres) {
    expect(posts.filter((p) => p.body.channel === where.channel)).toHaveLength(1);
  }
  expect(JSON.stringify(posts[0]?.body)).toMatch(/overdue/i);
  // The next period is again one job per channel.
  const next = (await queue.getDelayed()).filter((j) => j.name === 'digest');
  expect(next).toHaveLength(channels.length);
});
