/**
 * Fault 5: SIGTERM to a worker process while it is posting a digest (Slack slow to answer). The process
 * exits within 10 s; the job is either completed or back in the queue, never left stalled; a worker
 * started after it finishes the job, and the channel gets the digest exactly once.
 */
import { Queue } from 'bullmq';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
import { FakeSlackApi } from '../support/fake-slack-api';
import { freshPrefix, startArising, startRedis, type TestRedisServer, waitUntil } from '../support/processes';

jest.setTimeout(90_000);

const prefix = freshPrefix();
const channel: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: 'C0TERM' };
let slack: FakeSlackApi;
let redis: TestRedisServer;
let queue: Queue;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  queue = new Queue('channel-posts', { connection: { url: redis.url }, prefix });
});

afterAll(async () => {
  await queue?.close();
  await slack?.stop();
  await redis?.stop();
});

it('exits within 10 s on SIGTERM mid-digest, leaves no stalled job, and the digest is posted once', async () => {
  const store = new RedisActionStore({ redis: redis.client, prefix });
  await store.create(draft(channel, { due: due('2026-01-05T16:00:00.000Z') }), entry('created'));
  await store.saveSettings(channel, {
    ...(await store.getSettings(channel)),
    digest: { weekday: 1, time: '09:00' },
  });
  slack.delayMethod('chat.postMessage', 4000);

  const first = startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix, role: 'worker' });
  await first.waitForOutput(/Workers: .*running/);
  const job = await queue.add('digest', { channel }, { jobId: 'fault-5-digest' });
  await waitUntil(async () => (await job.getState()) === 'active', 15_000, 'the digest job to start');
  await new Promise((resolve) => setTimeout(resolve, 500)); // the post to Slack is under way

  const stopping = Date.now();
  first.child.kill('SIGTERM');
  const code = await first.exited;
  expect(Date.now() - stopping).toBeLessThan(10_000);
  expect(code).toBe(0);
  const state = await job.getState();
  expect(['completed', 'waiting', 'wait', 'prioritized', 'delayed']).toContain(state);
  expect(await queue.getActiveCount()).toBe(0);

  // A worker started afterwards finds nothing stalled and leaves the job completed, posted once.
  slack.delayMethod('chat.postMessage', 0);
  const second = startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix, role: 'worker' });
  try {
    await second.waitForOutput(/Workers: .*running/);
    await waitUntil(async () => (await job.getState()) === 'completed', 20_000, 'the digest job to complete');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel.channel);
    expect(posts).toHaveLength(1);
    expect(second.output()).not.toMatch(/stalled/i);
    expect(first.output()).not.toMatch(/stalled/i);
  } finally {
    await second.stop();
  }
});
