/**
 * Fault 5: SIGTERM to a worker process while it is posting a digest, and the post outlasts the worker's
 * close deadline (6 s; jobs/workers.ts), so the job is cut short rather than finished: the process still
 * exits 0 within 10 s, and a worker started afterwards takes the job over (the restart path) and the
 * channel gets the digest exactly once, whether
 * - Slack had the digest but was slow to answer (the restarted worker finds it by its key, and does not
 *   post it again), or
 * - the worker was waiting out a Slack 429 and had posted nothing (the restarted worker posts it; 0.1
 *   lost it, its claim taken before the post outliving the worker).
 */
import { Queue } from 'bullmq';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
import { type CrashWorld, startWorker } from '../support/crash-service';
import { faultWorld } from '../support/fault-world';
import { freshPrefix, waitUntil } from '../support/processes';

jest.setTimeout(90_000);

/** Longer than the worker's close deadline (6 s), so the post is still under way when it gives up. */
const SLOW_MS = 15_000;

/** The fake Slack API and a redis-server of this file's own; each test starts its service processes. */
const fault = faultWorld(false);

it.each([
  [
    'Slack has the digest but is slow to answer',
    1,
    () => fault.slack.delayAnswer('chat.postMessage', SLOW_MS),
  ],
  [
    'the worker is waiting out a Slack 429',
    0,
    () => fault.slack.rateLimitNext(1, SLOW_MS / 1000, 'chat.postMessage'),
  ],
])(
  'SIGTERM mid-digest while %s: exits within 10 s, and the digest is posted once after a restart',
  async (_while, postedBeforeRestart, slowDown) => {
    fault.slack.reset();
    const prefix = freshPrefix();
    const world: CrashWorld = { redis: fault.redis, slackApiUrl: fault.slack.apiUrl, prefix };
    const channel: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: 'C0TERM' };
    const store = new RedisActionStore({ redis: fault.redis.client, prefix });
    await store.create(draft(channel, { due: due('2026-01-05T16:00:00.000Z') }), entry('created'));
    await store.saveSettings(channel, {
      ...(await store.getSettings(channel)),
      digest: { weekday: 1, time: '09:00' },
    });
    slowDown();
    const queue = new Queue('channel-posts', { connection: { url: fault.redis.url }, prefix });
    const first = await startWorker(world);
    const second = { app: null as Awaited<ReturnType<typeof startWorker>> | null };
    try {
      const job = await queue.add('digest', { channel }, { jobId: 'fault-5-digest' });
      await waitUntil(
        () => fault.slack.calls.some((c) => c.method.startsWith('chat.postMessage')),
        15_000,
        'the digest post to reach Slack',
      );

      const stopping = Date.now();
      first.child.kill('SIGTERM');
      const code = await first.exited;
      expect(Date.now() - stopping).toBeLessThan(10_000);
      expect(code).toBe(0);
      // The post was cut short, not finished: the job is not completed, and nothing more reached Slack.
      expect(await job.getState()).not.toBe('completed');
      const before = fault.slack.callsTo('chat.postMessage');
      expect(before).toHaveLength(postedBeforeRestart);

      // Slack is quick again. A worker started afterwards takes the job over and completes it, and the
      // channel has the digest once in all.
      fault.slack.delayAnswer('chat.postMessage', 0);
      second.app = await startWorker(world);
      await waitUntil(
        async () => (await job.getState()) === 'completed',
        30_000,
        'the digest job to complete',
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const posts = fault.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel.channel);
      expect(posts).toHaveLength(1);
      expect(JSON.stringify(posts[0]?.body)).toMatch(/overdue/i);
    } finally {
      await second.app?.stop();
      await first.stop();
      await queue.close();
    }
  },
);
