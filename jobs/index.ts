/**
 * The jobs side of Arising, for the composition root:
 *
 *   const scheduler = createScheduler(options);          // every role: the core schedules through it
 *   const jobs = await startJobs(options, scheduler);    // worker and all roles: runs the jobs
 *   process.once('SIGTERM', async () => { await jobs.close(); await scheduler.close(); });
 *
 * Everything jobs need from outside comes in JobsOptions: the store, the ledgers, the messenger, the
 * logger, BullMQ's connection and the start-up checks of Redis (src/app/jobs-on-redis.ts builds the Redis
 * ones). Each job kind lives in a file of its own (data schema, id, options and processor); the queues'
 * and workers' settings in job-settings.ts; the workers' routing in workers.ts.
 *
 * `close()` lets each worker finish the job it is running and then stops it; a worker killed outright
 * loses nothing, since BullMQ's stalled-job check hands its job to another worker (job-settings.ts).
 */
import type { ActionChanges } from '../src/core/action-watch';
import type { CalendarDeps } from '../src/core/calendar/calendar-ports';
import type { AskOwner } from '../src/core/checkin/ask-owner';
import type { CheckinStore } from '../src/core/checkin/checkin-store';
import type { ActionMailer } from '../src/core/mail/action-mail-send';
import type { ActionStore, Clock, Messenger, SendLedger } from '../src/core/ports';
import type { DueReminderDeps } from '../src/core/reminders/due-reminder';
import type { ComposeMattersArising, ReminderLog } from '../src/core/reminders/reminder-deps';
import type { ReminderLedger } from '../src/core/reminders/reminder-ledger';
import type { HolidayTest } from '../src/core/working-days';
import { BullScheduler } from './bullmq-scheduler';
import { type CalendarRefreshJobDeps, scheduleCalendarRefresh } from './calendar-refresh-job';
import {
  CHANNEL_POST_QUEUE,
  createQueue,
  DEFAULT_TUNING,
  type JobConnection,
  REMINDER_QUEUE,
  type WorkerTuning,
} from './job-settings';
import { DEFAULT_REPAIR_TIMING, type RepairJobDeps, type RepairTiming, scheduleRepair } from './repair-job';
import { type RunningJobs, runWorkers } from './workers';

export type { ComposeMattersArising } from '../src/core/reminders/reminder-deps';
export type { RunningJobs } from './workers';
export { WORKS } from './workers';

/** Where the jobs report; the service's LineLogger fits. */
export type JobLog = ReminderLog;

export interface JobsOptions {
  /** BullMQ's connection and REDIS_PREFIX, the prefix of every queue. */
  connection: JobConnection;
  store: ActionStore;
  /** What each action's reminders keep between runs (the store's, src/store/redis-reminder-ledger.ts). */
  ledger: ReminderLedger;
  /** Keyed sends' leases and "sent" records (two-phase sending, src/core/delivery/send-once.ts). */
  sends: SendLedger;
  /** Routes by platform: DMs, channel posts and updates of reminders already shown. */
  messenger: Messenger;
  clock: Clock;
  defaultTimezone: string;
  log: JobLog;
  /** `settings holidays` region to its holiday test (src/holidays). */
  holidays: (region: string | null) => HolidayTest | undefined;
  /** Checks of Redis when the workers start (its eviction policy); they warn, never stop the start. */
  checkRedis?: (log: JobLog) => Promise<void>;
  /** The matters-arising summary (meetings work); without it the automatic post only reminds owners. */
  composeMattersArising?: ComposeMattersArising;
  /** Channels' meeting calendars: with them, the calendar refresh is scheduled and run. */
  calendars?: CalendarDeps;
  /** Check-in records (`settings checkin`); without them no check-in is planned or sent. */
  checkins?: CheckinStore;
  /** How one person is asked at a check-in; a direct message when left out. */
  askOwner?: AskOwner;
  /** Where a reminder announces an action it finds overdue (the Slack Home tab listens). */
  watchers?: ActionChanges;
  /** Mail for owners outside the chat (SMTP_URL and MAIL_FROM); without it they are named in the channel. */
  mail?: ActionMailer | null;
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

/** What the processors are given; tests call the processors directly with it. */
export function processorDeps(options: JobsOptions, scheduler: BullScheduler): DueReminderDeps {
  return {
    store: options.store,
    messenger: options.messenger,
    clock: options.clock,
    defaultTimezone: options.defaultTimezone,
    log: options.log,
    ledger: options.ledger,
    sends: options.sends,
    sendLeaseMs: options.tuning?.sendLeaseMs ?? DEFAULT_TUNING.sendLeaseMs,
    holidays: options.holidays,
    composeMattersArising: options.composeMattersArising,
    checkins: options.checkins,
    askOwner: options.askOwner,
    watchers: options.watchers,
    mail: options.mail ?? null,
    scheduler,
  };
}

/** The BullMQ-backed Scheduler the core calls; web and worker processes both need one. */
export function createScheduler(options: JobsOptions): BullScheduler {
  const reminders = createQueue(REMINDER_QUEUE, options.connection);
  const channelPosts = createQueue(CHANNEL_POST_QUEUE, options.connection);
  // A queue without an 'error' listener prints each of its connection errors as a stack dump on stderr.
  for (const queue of [reminders, channelPosts]) {
    queue.on('error', (error) => redisError(options, `Queue ${queue.name}`, error));
  }
  const { store, clock, defaultTimezone, holidays, ledger, checkins } = options;
  return new BullScheduler(
    { store, clock, defaultTimezone, holidays, ledger, checkins },
    { reminders, channelPosts },
  );
}

/** A queue's or worker's error, to onRedisError when given, else as an error line. */
function redisError(options: JobsOptions, source: string, error: unknown): void {
  if (options.onRedisError) options.onRedisError(source, error);
  else options.log.error(`${source}:`, error);
}

/** The repair pass's deps: the core's, with the scheduler's record of complete plans. */
function repairJobDeps(options: JobsOptions, scheduler: BullScheduler): RepairJobDeps {
  return {
    repair: {
      store: options.store,
      messenger: options.messenger,
      scheduler,
      plans: scheduler,
      clock: options.clock,
      defaultTimezone: options.defaultTimezone,
      holidays: options.holidays,
      onBackgroundError: (what, error) => options.log.warn(`Repair: ${what}:`, error),
    },
    claims: options.store,
    log: options.log,
  };
}

/**
 * Starts the workers of both queues (after the checks of Redis). The processors plan the next weekly
 * reminder through the scheduler after one fires: pass the process's own, or one is made here.
 */
export async function startJobs(options: JobsOptions, shared?: BullScheduler): Promise<RunningJobs> {
  await options.checkRedis?.(options.log);
  const scheduler = shared ?? createScheduler(options);
  const repairTiming = options.repair ?? DEFAULT_REPAIR_TIMING;
  const jobs = await runWorkers(
    {
      deps: processorDeps(options, scheduler),
      repair: repairJobDeps(options, scheduler),
      repairTiming,
      calendars: calendarJobDeps(options, scheduler),
      connection: options.connection,
      tuning: options.tuning,
      log: options.log,
      onRedisError: (source, error) => redisError(options, source, error),
      startAbort: options.startAbort,
    },
    scheduler,
    !shared,
  );
  // In the background: with Redis down at start, BullMQ waits for it rather than failing.
  scheduleRepair(scheduler.queues.channelPosts, repairTiming).catch((error: unknown) =>
    options.log.error('Repair: could not schedule the repair pass:', error),
  );
  if (options.calendars) {
    scheduleCalendarRefresh(scheduler.queues.channelPosts).catch((error: unknown) =>
      options.log.error('Calendars: could not schedule the calendar refresh:', error),
    );
  }
  return jobs;
}

/** The calendar refresh's deps: the core's, with the calendars; undefined without them. */
function calendarJobDeps(options: JobsOptions, scheduler: BullScheduler): CalendarRefreshJobDeps | undefined {
  const calendars = options.calendars;
  if (!calendars) return undefined;
  return {
    service: {
      store: options.store,
      messenger: options.messenger,
      scheduler,
      clock: options.clock,
      defaultTimezone: options.defaultTimezone,
      holidays: options.holidays,
      calendars,
      onBackgroundError: (what, error) => options.log.warn(`Calendars: ${what}:`, error),
    },
    log: options.log,
  };
}
