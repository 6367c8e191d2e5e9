/**
 * The jobs side of Arising, for the composition root:
 *
 *   const scheduler = createScheduler(options);          // every role: the core schedules through it
 *   const jobs = await startJobs(options, scheduler);    // worker and all roles: runs the jobs
 *   process.once('SIGTERM', async () => { await jobs.close(); await scheduler.close(); });
 *
 * `close()` lets each worker finish the job it is running and then stops it; a worker killed outright
 * loses nothing, since BullMQ's stalled-job check hands its job to another worker (job-settings.ts).
 */
import { DelayedError, type Job, UnrecoverableError, type Worker } from 'bullmq';
import { ZodError } from 'zod';
import { SendBusyError } from '../src/core/delivery/send-once';
import type { ActionStore, Clock, Messenger } from '../src/core/ports';
import type { HolidayTest } from '../src/core/working-days';
import { holidayTest } from '../src/holidays/holiday-calendar';
import type { RedisClient, RedisClusterTarget } from '../src/store/redis-connection';
import { RedisSendLedger } from '../src/store/redis-send-ledger';
import { BullScheduler } from './bullmq-scheduler';
import { processDigest, processMattersArising } from './channel-post-processor';
import { closeWithin } from './close-within';
import { checkEvictionPolicy } from './eviction-policy';
import { JOB } from './job-data';
import type { ComposeMattersArising, JobDeps, JobLog, ProcessorDeps } from './job-deps';
import { jobLogFields } from './job-log-fields';
import {
  CHANNEL_POST_QUEUE,
  createQueue,
  createWorker,
  DEFAULT_TUNING,
  type JobConnection,
  REMINDER_QUEUE,
  type WorkerTuning,
} from './job-settings';
import { RedisReminderLedger } from './reminder-ledger';
import { processReminder, processReminderClosed } from './reminder-processor';
import {
  DEFAULT_REPAIR_TIMING,
  type RepairJobDeps,
  type RepairTiming,
  runRepairJob,
  scheduleRepair,
} from './repair-job';

export { checkEvictionPolicy } from './eviction-policy';
export type { ComposeMattersArising, JobLog } from './job-deps';

export interface JobsOptions {
  /** REDIS_URL: BullMQ opens its own connections from it. */
  redisUrl: string;
  /** REDIS_CLUSTER_NODES and REDIS_PASSWORD: when set, queues and workers use the cluster, not the URL. */
  redisCluster?: RedisClusterTarget | null;
  /** REDIS_PREFIX: prefix of every queue and key. */
  prefix: string;
  /** A client for the jobs' own keys and the start-up check (the store's client will do). */
  redis: RedisClient;
  store: ActionStore;
  /** Routes by platform: DMs, channel posts and updates of reminders already shown. */
  messenger: Messenger;
  clock: Clock;
  defaultTimezone: string;
  log: JobLog;
  /** The matters-arising summary (meetings work); without it the automatic post only reminds owners. */
  composeMattersArising?: ComposeMattersArising;
  /** Holiday region to its test; defaults to date-holidays (src/holidays). */
  holidays?: (region: string | null) => HolidayTest | undefined;
  /** Worker timing; tests shorten the lock so a killed worker's job is recovered in seconds. */
  tuning?: Partial<WorkerTuning>;
  /** How often the repair pass runs and how old an action must be for it (ARISING_REPAIR_*). */
  repair?: RepairTiming;
  /**
   * Where the queues' and workers' connection errors go, with the name of who had it ("Worker
   * reminders"); without it they are logged as errors, one line each.
   */
  onRedisError?: (source: string, error: unknown) => void;
  /** Aborted when the process is told to stop while starting: start-up then waits for Redis no longer. */
  startAbort?: AbortSignal;
}

function jobDeps(options: JobsOptions): JobDeps {
  return {
    store: options.store,
    messenger: options.messenger,
    clock: options.clock,
    defaultTimezone: options.defaultTimezone,
    log: options.log,
    ledger: new RedisReminderLedger(options.redis, options.prefix),
    sends: new RedisSendLedger(options.redis, options.prefix),
    sendLeaseMs: options.tuning?.sendLeaseMs ?? DEFAULT_TUNING.sendLeaseMs,
    holidays: options.holidays ?? holidayTest,
    composeMattersArising: options.composeMattersArising,
  };
}

/** What the processors are given; tests call the processors directly with it. */
export function processorDeps(options: JobsOptions, scheduler: BullScheduler): ProcessorDeps {
  return { ...jobDeps(options), scheduler };
}

function connection(options: JobsOptions): JobConnection {
  return { redisUrl: options.redisUrl, prefix: options.prefix, cluster: options.redisCluster ?? null };
}

/** The BullMQ-backed Scheduler the core calls; web and worker processes both need one. */
export function createScheduler(options: JobsOptions): BullScheduler {
  const conn = connection(options);
  const reminders = createQueue(REMINDER_QUEUE, conn);
  const channelPosts = createQueue(CHANNEL_POST_QUEUE, conn);
  // A queue without an 'error' listener prints each of its connection errors as a stack dump on stderr.
  for (const queue of [reminders, channelPosts]) {
    queue.on('error', (error) => redisError(options, `Queue ${queue.name}`, error));
  }
  return new BullScheduler(jobDeps(options), { reminders, channelPosts });
}

/** A queue's or worker's error, to onRedisError when given, else as an error line. */
function redisError(options: JobsOptions, source: string, error: unknown): void {
  if (options.onRedisError) options.onRedisError(source, error);
  else options.log.error(`${source}:`, error);
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

/** The repair pass's deps: the core's, with the scheduler's record of complete plans. */
function repairJobDeps(options: JobsOptions, deps: ProcessorDeps, scheduler: BullScheduler): RepairJobDeps {
  return {
    repair: {
      store: options.store,
      messenger: options.messenger,
      scheduler,
      plans: scheduler,
      clock: options.clock,
      defaultTimezone: options.defaultTimezone,
      holidays: deps.holidays,
      onBackgroundError: (what, error) => options.log.warn(`Repair: ${what}:`, error),
    },
    ledger: deps.ledger,
    log: options.log,
  };
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
async function readyOrLater(workers: Worker[], log: JobLog, abort?: AbortSignal): Promise<boolean> {
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

/**
 * Starts the workers of both queues (after checking Redis's eviction policy). The processors plan the next
 * weekly reminder through the scheduler after one fires: pass the process's own, or one is made here.
 */
export async function startJobs(options: JobsOptions, shared?: BullScheduler): Promise<RunningJobs> {
  // Redis's policy can only be read from Redis: with Redis not (yet) there, when it answers.
  if (options.redis.status === 'ready') await checkEvictionPolicy(options.redis, options.log);
  else options.redis.once('ready', () => void checkEvictionPolicy(options.redis, options.log));
  const scheduler = shared ?? createScheduler(options);
  const deps = processorDeps(options, scheduler);
  const conn = connection(options);
  const repairTiming = options.repair ?? DEFAULT_REPAIR_TIMING;
  const repair = repairJobDeps(options, deps, scheduler);
  const reminders = createWorker(
    REMINDER_QUEUE,
    (job, token) =>
      validated(job, token, async () => {
        if (job.name === JOB.reminder) return processReminder(job.data, deps);
        if (job.name === JOB.reminderClosed) return processReminderClosed(job.data, deps);
        throw new UnrecoverableError(`Unknown job ${job.name} in ${REMINDER_QUEUE}`);
      }),
    conn,
    options.tuning,
  );
  const channelPosts = createWorker(
    CHANNEL_POST_QUEUE,
    (job, token) =>
      validated(job, token, async () => {
        const id = job.id ?? `${job.name}-${job.timestamp}`;
        if (job.name === JOB.digest) return processDigest(job.data, deps, id);
        if (job.name === JOB.mattersArising) return processMattersArising(job.data, deps, id);
        if (job.name === JOB.repair) return runRepairJob(repair, { graceMs: repairTiming.graceMs });
        throw new UnrecoverableError(`Unknown job ${job.name} in ${CHANNEL_POST_QUEUE}`);
      }),
    conn,
    options.tuning,
  );
  const workers = [reminders, channelPosts];
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      const attempts = job ? `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}` : '';
      const fields = job ? [jobLogFields(job, worker.name)] : [];
      options.log.warn(...fields, `Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (${attempts}):`, error);
    });
    worker.on('error', (error) => redisError(options, `Worker ${worker.name}`, error));
  }
  const ready = await readyOrLater(workers, options.log, options.startAbort);
  // In the background: with Redis down at start, BullMQ waits for it rather than failing.
  scheduleRepair(scheduler.queues.channelPosts, repairTiming).catch((error: unknown) =>
    options.log.error('Repair: could not schedule the repair pass:', error),
  );
  return {
    workers,
    ready,
    async close(deadlineMs = WORKER_CLOSE_DEADLINE_MS) {
      await closeWithin(workers, Math.min(deadlineMs, WORKER_CLOSE_DEADLINE_MS));
      if (!shared) await scheduler.close();
    },
  };
}
