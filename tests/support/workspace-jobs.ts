/**
 * What the service has queued for a workspace, read from the real BullMQ queues by Queues of the test's
 * own (the service's prefix): every delayed or waiting job whose data names one of the workspace's
 * channels (reminders, matters-arising posts, a digest's next run) and each channel's digest schedule.
 */
import type { Queue } from 'bullmq';
import { digestSchedulerId } from '../../jobs/digest-job';
import { CHANNEL_POST_QUEUE, createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import type { ChannelRef } from '../../src/core/domain';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from './redis';

/** Both of the service's queues on its prefix; close them after the test. */
export function serviceQueues(prefix: string): Queue[] {
  const connection = jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix });
  return [createQueue(REMINDER_QUEUE, connection), createQueue(CHANNEL_POST_QUEUE, connection)];
}

/** `<queue> <job name> <job id>` of each job queued for these channels, and `schedule <id>` per digest. */
export async function queuedFor(queues: Queue[], channels: ChannelRef[]): Promise<string[]> {
  const ids = new Set(channels.map((c) => JSON.stringify([c.platform, c.team, c.channel])));
  const found: string[] = [];
  for (const queue of queues) {
    const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
    for (const job of jobs) {
      const c = (job.data as { channel?: ChannelRef }).channel;
      if (c && ids.has(JSON.stringify([c.platform, c.team, c.channel]))) {
        found.push(`${queue.name} ${job.name} ${job.id}`);
      }
    }
    const schedulers = new Set((await queue.getJobSchedulers()).flatMap((s) => [s.key, s.id]));
    for (const channel of channels) {
      const digest = digestSchedulerId(channel);
      if (schedulers.has(digest)) found.push(`schedule ${digest}`);
    }
  }
  return found.sort();
}
