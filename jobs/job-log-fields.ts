/**
 * The fields of a log line about a job: the platform, team, channel and action number it is about (from
 * its data, when they are there and well formed), its queue and its name. The service's logger reads a
 * leading object of these as structured fields (src/app/logger.ts); the message text is never included.
 */
import type { Job } from 'bullmq';
import { ChannelRefSchema } from '../src/core/domain';

export interface JobLogFields {
  platform?: string;
  team?: string;
  channel?: string;
  action?: number;
  queue: string;
  job: string;
}

export function jobLogFields(job: Job, queue: string): JobLogFields {
  const data = job.data as { channel?: unknown; number?: unknown } | undefined;
  const channel = ChannelRefSchema.safeParse(data?.channel);
  const where = channel.success
    ? { platform: channel.data.platform, team: channel.data.team, channel: channel.data.channel }
    : {};
  const action = typeof data?.number === 'number' ? { action: data.number } : {};
  return { ...where, ...action, queue, job: job.name };
}
