/**
 * The workers of both queues: each routes a job by its name to that kind's processor (one file per kind),
 * and turns what a processor throws into what BullMQ should do with the job.
 */
import { DelayedError, type Job, UnrecoverableError, type Worker } from 'bullmq';
import { ZodError } from 'zod';
import { SendBusyError } from '../src/core/delivery/send-once';
import type { DueReminderDeps } from '../src/core/reminders/due-reminder';
import type { ReminderLog } from '../src/core/reminders/reminder-deps';
import type { BullScheduler } from './bullmq-scheduler';
import {
  CALENDAR_REFRESH_JOB,
  type CalendarRefreshJobDeps,
  runCalendarRefresh,
} from './calendar-refresh-job';
import { CHECKIN_JOB, processCheckin } from './checkin-job';
import { closeWithin } from './close-within';
import { DIGEST_JOB, processDigest } from './digest-job';
import { jobLogFields } from './job-log-fields';
import {
  CHANNEL_POST_QUEUE,
  createWorker,
  type JobConnection,
  REMINDER_QUEUE,
  type WorkerTuning,
} from './job-settings';
import { MATTERS_ARISING_JOB, processMattersArising } from './matters-arising-job';
import { processReminderClosed, REMINDER_CLOSED_JOB } from './reminder-closed-job';
import { processReminder, REMINDER_JOB } from './reminder-job';
import { REPAIR_JOB, type RepairJobDeps, type RepairTiming, runRepairJob } from './repair-job';

/** What the workers run with: the processors' deps, the repair pass's, and BullMQ's settings. */
export interface WorkerSetup {
  deps: DueReminderDeps;
  repair: RepairJobDeps;
  repairTiming: RepairTiming;
  /** The calendar refresh's deps; without them the refresh job is refused as unknown. */
  calendars?: CalendarRefreshJobDeps | undefined;
  connection: JobConnection;
  tuning?: Partial<WorkerTuning> | undefined;
  log: ReminderLog;
  /** A queue's or worker's Redis error, with who had it ("Worker reminders"). */
  onRedisError: (source: string, error: unknown) => void;
  startAbort?: AbortSignal | undefined;
}

export interface RunningJobs {
  workers: Worker[];
  /** Whether the workers were connected to Redis when startJobs returned (they connect later if not). */
  ready: boolean;
  /**
   * Lets each worker finish its current job, then stops it (for SIGTERM). `deadlineMs` shortens the wait
   * (with Redis gone no job can finish anyway).
   */
  close(deadlineMs?: number): Promise<void>;
}

/** A busy send's job comes back this long after the other sender's lease would have lapsed. */
const BUSY_MARGIN_MS = 500;

/**
 * Runs a job's processor. A malformed job will not get better by retrying: fail it at once. A send under
 * way in another process (SendBusyError) is not a failure: the job waits until that sender's lease would
 * have lapsed and runs again, without using up one of its attempts, so however long the other sender is
 * held up (429s, a frozen process) the job neither gives up nor reports done with the send unmade.
 */
async function validated<T>(job: Job, token: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ZodError) throw new UnrecoverableError(`Malformed job data: ${error.message}`);
    if (error instanceof SendBusyError && token !== undefined) {
      await job.moveToDelayed(Date.now() + error.retryInMs + BUSY_MARGIN_MS, token);
      throw new DelayedError();
    }
    throw error;
  }
}

/** A worker's current job gets this long to finish on SIGTERM (within the process's 10 s). */
const WORKER_CLOSE_DEADLINE_MS = 6000;

/** What the workers do, for the log. */
export const WORKS = 'reminders, digests and matters-arising posts';

/** How long start-up waits for the workers' Redis connections before going on without them. */
const READY_WAIT_MS = 5000;

/**
 * Waits for the workers to connect, but not for ever (nor past a stop asked for meanwhile): with Redis
 * down the process must still start (the web side answers "try again shortly" and /healthz says why),
 * and the workers connect by themselves when Redis comes back, which is then logged.
 */
async function readyOrLater(workers: Worker[], log: ReminderLog, abort?: AbortSignal): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<'later'>((resolve) => {
    timer = setTimeout(() => resolve('later'), READY_WAIT_MS);
    if (abort?.aborted) resolve('later');
    abort?.addEventListener('abort', () => resolve('later'), { once: true });
  });
  const connected = Promise.all(workers.map((w) => w.waitUntilReady()));
  const ready = connected.then(() => 'ready' as const);
  const outcome = await Promise.race([ready, later]).catch(() => 'later' as const);
  clearTimeout(timer);
  if (outcome === 'ready') return true;
  log.warn(`Workers: waiting for Redis; ${WORKS} start when it answers`);
  Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('ready', () => resolve())))).then(
    () => log.info(`Workers: Redis answers; ${WORKS} are running`),
    () => undefined,
  );
  return false;
}

/** The reminders queue's worker: reminders, and updates of reminders already shown. */
function reminderWorker(setup: WorkerSetup): Worker {
  const { deps } = setup;
  return createWorker(
    REMINDER_QUEUE,
    (job, token) =>
      validated(job, token, async () => {
        if (job.name === REMINDER_JOB) return processReminder(job.data, deps);
        if (job.name === REMINDER_CLOSED_JOB) return processReminderClosed(job.data, deps);
        throw new UnrecoverableError(`Unknown job ${job.name} in ${REMINDER_QUEUE}`);
      }),
    setup.connection,
    setup.tuning,
  );
}

/**
 * The channel-posts queue's worker: digests, matters-arising posts, check-ins, the repair pass and calendar
 * reading.
 */
function channelPostWorker(setup: WorkerSetup): Worker {
  const { deps } = setup;
  return createWorker(
    CHANNEL_POST_QUEUE,
    (job, token) =>
      validated(job, token, async () => {
        const id = job.id ?? `${job.name}-${job.timestamp}`;
        if (job.name === DIGEST_JOB) return processDigest(job.data, deps, id);
        if (job.name === MATTERS_ARISING_JOB) return processMattersArising(job.data, deps, id);
        if (job.name === CHECKIN_JOB) {
          const { checkins } = deps;
          if (!checkins) throw new UnrecoverableError('Check-ins need a check-in store; none is plugged in');
          return processCheckin(job.data, { ...deps, checkins });
        }
        if (job.name === REPAIR_JOB)
          return runRepairJob(setup.repair, { graceMs: setup.repairTiming.graceMs });
        if (job.name === CALENDAR_REFRESH_JOB && setup.calendars) {
          await runCalendarRefresh(setup.calendars);
          return;
        }
        throw new UnrecoverableError(`Unknown job ${job.name} in ${CHANNEL_POST_QUEUE}`);
      }),
    setup.connection,
    setup.tuning,
  );
}

/**
 * Starts the workers of both queues. `scheduler` is the process's own planner; when `ownsScheduler`, the
 * workers' close() closes it too.
 */
export async function runWorkers(
  setup: WorkerSetup,
  scheduler: BullScheduler,
  ownsScheduler: boolean,
): Promise<RunningJobs> {
  const workers = [reminderWorker(setup), channelPostWorker(setup)];
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      const attempts = job ? `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}` : '';
      const fields = job ? [jobLogFields(job, worker.name)] : [];
      setup.log.warn(...fields, `Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (${attempts}):`, error);
    });
    worker.on('error', (error) => setup.onRedisError(`Worker ${worker.name}`, error));
  }
  const ready = await readyOrLater(workers, setup.log, setup.startAbort);
  return {
    workers,
    ready,
    async close(deadlineMs = WORKER_CLOSE_DEADLINE_MS) {
      await closeWithin(workers, Math.min(deadlineMs, WORKER_CLOSE_DEADLINE_MS));
      if (ownsScheduler) await scheduler.close();
    },
  };
}
