/**
 * Issue 11, finding 1, for the posts a channel gets by itself: the weekly digest and the matters-arising
 * post (with its DMs to owners). A worker of the service dies (SIGKILL) between taking the post and
 * posting it, or after Slack answered and before the post was recorded; a worker started afterwards posts
 * it exactly once: not lost, and not doubled (the post is found in the channel's history by its key).
 */
import type { Queue } from 'bullmq';
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import { JOB } from '../../jobs/job-names';
import { ChannelMeetingsSchema, type ChannelRef } from '../../src/core/domain';
import type { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
import { type CrashWorld, planner, signalOf, startWorker } from '../support/crash-service';
import { faultWorld } from '../support/fault-world';
import { type ArisingProcess, freshPrefix, waitUntil } from '../support/processes';

jest.setTimeout(90_000);

/** The fake Slack API and a redis-server of this file's own; each test starts its service processes. */
const fault = faultWorld(false);
let scheduler: BullScheduler | null = null;
const apps: ArisingProcess[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await scheduler?.close();
  scheduler = null;
});

interface Setup {
  world: CrashWorld;
  store: RedisActionStore;
  queue: Queue;
  channel: ChannelRef;
}

function setUp(channelId: string): Setup {
  fault.slack.reset();
  const world: CrashWorld = { redis: fault.redis, slackApiUrl: fault.slack.apiUrl, prefix: freshPrefix() };
  const planned = planner(world);
  scheduler = planned.scheduler;
  const channel: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: channelId };
  return { world, store: planned.store, queue: planned.scheduler.queues.channelPosts, channel };
}

/** Posts Slack got in a conversation. */
function postsIn(conversation: string) {
  return fault.slack.callsTo('chat.postMessage').filter((p) => p.body.channel === conversation);
}

/** Runs the worker that dies at `failpoint`, then one that recovers, until `settled` has held a while. */
async function crashThenRecover(world: CrashWorld, failpoint: string, settled: () => boolean): Promise<void> {
  const doomed = await startWorker(world, failpoint);
  apps.push(doomed);
  await doomed.waitForOutput(new RegExp(`failpoint ${failpoint.replace('.', '\\.')}`), 20_000);
  expect(await signalOf(doomed)).toBe('SIGKILL');
  apps.push(await startWorker(world));
  await waitUntil(settled, 30_000, 'the post after the restart');
  await new Promise((resolve) => setTimeout(resolve, 5000));
}

describe.each([
  ['between taking the post and posting it', 'after-lease'],
  ['after Slack answered, before the post was recorded', 'after-post'],
])('a worker killed %s', (_when, instant) => {
  it('posts the weekly digest exactly once after a restart', async () => {
    const { world, store, queue, channel } = setUp('C0DIGEST');
    await store.create(draft(channel, { due: due('2026-01-05T16:00:00.000Z') }), entry('created'));
    await store.saveSettings(channel, {
      ...(await store.getSettings(channel)),
      digest: { weekday: 1, time: '09:00' },
    });
    const job = await queue.add(JOB.digest, { channel }, { jobId: `lost-digest-${instant}` });
    await crashThenRecover(world, `digest.${instant}`, () => postsIn(channel.channel).length >= 1);
    const posts = postsIn(channel.channel);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.body)).toMatch(/overdue/i);
    await waitUntil(async () => (await job.getState()) === 'completed', 10_000, 'the digest job to complete');
  });

  it('posts matters arising exactly once, and DMs the owner exactly once, after a restart', async () => {
    const { world, store, queue, channel } = setUp('C0MATTERS');
    const meeting = { id: 'm1', title: 'Board', date: '2031-09-09', createdAt: new Date().toISOString() };
    await store.saveMeetings(
      channel,
      ChannelMeetingsSchema.parse({ current: meeting, next: '2031-10-14T14:00' }),
    );
    const owned = draft(channel, { meetingId: 'm1', owners: [{ kind: 'user', id: 'U0MATTERS' }] });
    await store.create(owned, entry('created'));
    await scheduler?.channelChanged(channel);
    const job = (await queue.getDelayed()).find((j) => j.name === JOB.mattersArising);
    await job?.promote();
    await crashThenRecover(
      world,
      `matters-arising.${instant}`,
      () => postsIn(channel.channel).length >= 1 && postsIn('DU0MATTERS').length >= 1,
    );
    const posts = postsIn(channel.channel);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.body)).toMatch(/matters arising/i);
    expect(postsIn('DU0MATTERS')).toHaveLength(1);
  });
});
