/**
 * The data each job carries, as zod schemas: a processor validates what it is given before acting, so a
 * job written by an older or newer version of Arising fails loudly instead of acting on garbage.
 */
import { z } from 'zod';
import { ChannelRefSchema } from '../src/core/domain';

export const ReminderJobSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
  /** The planned instant; the processor checks it is still planned. */
  fireAt: z.iso.datetime(),
});
export type ReminderJob = z.infer<typeof ReminderJobSchema>;

export const ReminderClosedJobSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
});
export type ReminderClosedJob = z.infer<typeof ReminderClosedJobSchema>;

export const DigestJobSchema = z.object({ channel: ChannelRefSchema });
export type DigestJob = z.infer<typeof DigestJobSchema>;

export const MattersArisingJobSchema = z.object({
  channel: ChannelRefSchema,
  /** The planned instant (2 working days before the meeting, 09:00). */
  fireAt: z.iso.datetime(),
  /** The next meeting it was planned for, local `YYYY-MM-DD[THH:mm]`. */
  meeting: z.string().min(10),
});
export type MattersArisingJob = z.infer<typeof MattersArisingJobSchema>;

/** Job names within their queues. */
export const JOB = {
  reminder: 'reminder',
  reminderClosed: 'reminder-closed',
  digest: 'digest',
  mattersArising: 'matters-arising',
  /** The repair pass (jobs/repair-job.ts); carries no data. */
  repair: 'repair',
} as const;
