/**
 * The weekly digest job, on the channel-posts queue: one BullMQ job scheduler per channel (upserted with
 * the channel's `tz`, so any number of processes upserting it at once still make one), whose runs post the
 * digest (src/core/digest/weekly-digest.ts).
 */
import { z } from 'zod';
import {
  type DigestOutcome,
  postWeeklyDigest,
  type WeeklyDigestDeps,
} from '../src/core/digest/weekly-digest';
import { type ChannelRef, ChannelRefSchema } from '../src/core/domain';
import type { DigestSetting } from '../src/core/reminders/reminder-jobs';
import { channelHash } from './job-ids';

export const DIGEST_JOB = 'digest';

export const DigestJobSchema = z.object({ channel: ChannelRefSchema });
export type DigestJob = z.infer<typeof DigestJobSchema>;

/** `digest-<channel hash>`: the id of the channel's job scheduler, one per channel, whoever upserts it. */
export function digestSchedulerId(channel: ChannelRef): string {
  return `digest-${channelHash(channel)}`;
}

/** `m h * * dow` for an ISO weekday (1 Monday … 7 Sunday) and `HH:mm`. */
export function digestCron(weekday: number, time: string): string {
  const [hour = '9', minute = '0'] = time.split(':');
  return `${Number(minute)} ${Number(hour)} * * ${weekday % 7}`;
}

/** The arguments of `upsertJobScheduler` for the channel's digest setting in its zone. */
export function digestSchedule(channel: ChannelRef, digest: DigestSetting, timezone: string) {
  const data: DigestJob = { channel };
  return {
    id: digestSchedulerId(channel),
    repeat: { pattern: digestCron(digest.weekday, digest.time), tz: timezone },
    template: { name: DIGEST_JOB, data },
  };
}

/** `jobId`: this run's id, the key of its one post. */
export async function processDigest(
  raw: unknown,
  deps: WeeklyDigestDeps,
  jobId: string,
): Promise<DigestOutcome> {
  const { channel } = DigestJobSchema.parse(raw);
  return postWeeklyDigest(deps, channel, jobId);
}
