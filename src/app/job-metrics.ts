/**
 * Counts and logs what the BullMQ workers did, from the workers' own events, so the processors in jobs/
 * stay free of metrics:
 * - a completed reminder job that sent: reminders sent (one per person messaged), and an info line with
 *   the action's platform, team, channel and number (never the message text);
 * - a completed digest or matters-arising job that posted: digests sent, matters-arising posts;
 * - a failed attempt: a retry when attempts are left, a failure for good when none are.
 * The results read here are the processors' return values (src/core/reminders/due-reminder.ts,
 * src/core/digest/weekly-digest.ts, src/core/reminders/matters-arising-post.ts); anything else is ignored.
 */
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import { jobLogFields } from '../../jobs/job-log-fields';
import { JOB } from '../../jobs/job-names';
import { type ChannelRef, ChannelRefSchema } from '../core/domain';
import type { Logger } from '../core/logger';
import type { ServiceMetrics } from '../server/metrics';

function channelOf(job: Job): ChannelRef | null {
  const parsed = ChannelRefSchema.safeParse((job.data as { channel?: unknown } | undefined)?.channel);
  return parsed.success ? parsed.data : null;
}

function sentCount(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const r = result as { kind?: unknown; report?: { sent?: unknown } };
  return r.kind === 'sent' && Array.isArray(r.report?.sent) ? r.report.sent.length : 0;
}

function completed(metrics: ServiceMetrics, logger: Logger, queue: string, job: Job, result: unknown): void {
  const channel = channelOf(job);
  if (!channel) return;
  const platform = channel.platform;
  if (job.name === JOB.reminder) {
    const sent = sentCount(result);
    if (sent === 0) return;
    metrics.remindersSent.inc({ platform }, sent);
    logger.info(jobLogFields(job, queue), `Reminder sent to ${sent} ${sent === 1 ? 'person' : 'people'}`);
  } else if (job.name === JOB.digest && result === 'posted') {
    metrics.digestsSent.inc({ platform });
    logger.info(jobLogFields(job, queue), 'Overdue digest posted');
  } else if (job.name === JOB.mattersArising && (result as { posted?: unknown } | null)?.posted === true) {
    metrics.mattersArisingPosts.inc({ platform });
    logger.info(jobLogFields(job, queue), 'Matters-arising summary posted');
  }
}

function failed(metrics: ServiceMetrics, queue: string, job: Job | undefined, error: Error): void {
  if (!job) return;
  const attempts = job.opts.attempts ?? 1;
  const retried = job.attemptsMade < attempts && !(error instanceof UnrecoverableError);
  (retried ? metrics.jobRetries : metrics.jobFailures).inc({ queue, job: job.name });
}

export function observeWorkers(workers: readonly Worker[], metrics: ServiceMetrics, logger: Logger): void {
  for (const worker of workers) {
    worker.on('completed', (job, result) => completed(metrics, logger, worker.name, job, result));
    worker.on('failed', (job, error) => failed(metrics, worker.name, job, error));
  }
}
