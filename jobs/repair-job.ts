/**
 * The repair pass (src/core/repair/repair-actions.ts) as a BullMQ job on the channel-posts queue:
 * - on a schedule: one job scheduler with a fixed id (`every` ARISING_REPAIR_INTERVAL), so any number of
 *   worker processes upserting it at start still make one schedule;
 * - at start: a job with a fixed id, removed once done, so workers starting together add one job.
 * A pass holds a claim (`repair-running`) while it runs, so a scheduled pass and a start pass never run at
 * once on two workers; a worker killed mid-pass frees it when the claim expires.
 */
import type { Queue } from 'bullmq';
import type { ClaimStore } from '../src/core/claim-store';
import type { ReminderLog } from '../src/core/reminders/reminder-deps';
import type { RepairDeps, RepairOptions } from '../src/core/repair/repair-actions';
import { repairActions } from '../src/core/repair/repair-actions';

/** The job's name on the channel-posts queue; it carries no data. */
export const REPAIR_JOB = 'repair';

/** The job scheduler's id: one repair schedule per install. */
export const REPAIR_SCHEDULER_ID = 'repair-actions';
/** The start-up pass's job id; gone once it is done, so the next start adds it again. */
export const REPAIR_START_JOB_ID = 'repair-start';

/** How often the repair runs and how old an action must be to be repaired. */
export interface RepairTiming {
  everyMs: number;
  graceMs: number;
}

export const DEFAULT_REPAIR_TIMING: RepairTiming = { everyMs: 600_000, graceMs: 60_000 };

/** The claim that keeps passes one at a time, and how long it lasts if its holder dies. */
const RUNNING_KEY = 'repair-running';
const RUNNING_TTL_S = 900;

/** Upserts the schedule and adds the start-up pass. */
export async function scheduleRepair(queue: Queue, timing: RepairTiming): Promise<void> {
  await queue.upsertJobScheduler(REPAIR_SCHEDULER_ID, { every: timing.everyMs }, { name: REPAIR_JOB });
  await queue.add(REPAIR_JOB, {}, { jobId: REPAIR_START_JOB_ID, removeOnComplete: true, removeOnFail: true });
}

export interface RepairJobDeps {
  repair: RepairDeps;
  /** Where the "running" claim is taken and given back: one store for both, so they use the same key. */
  claims: ClaimStore;
  log: ReminderLog;
}

/** Runs one pass unless another is running; logs what it did when it did anything. */
export async function runRepairJob(deps: RepairJobDeps, options: RepairOptions): Promise<void> {
  if (!(await deps.claims.claimOnce(RUNNING_KEY, RUNNING_TTL_S))) {
    deps.log.info('Repair: another pass is running; this one is skipped');
    return;
  }
  try {
    const r = await repairActions(deps.repair, options);
    if (r.planned + r.relinked + r.cardsFound + r.cardsPosted + r.failures > 0) {
      deps.log.warn(
        `Repair: ${r.channels} channels; reminders planned for ${r.planned}, cards linked again ${r.relinked}, cards found ${r.cardsFound}, cards posted ${r.cardsPosted}, failures ${r.failures}`,
      );
    } else {
      deps.log.info(`Repair: ${r.channels} channels, nothing to repair`);
    }
  } finally {
    await releaseEventually(() => deps.claims.release(RUNNING_KEY), deps.log);
  }
}

/** How often a claim that could not be given back is tried again. */
export const RELEASE_RETRY_MS = 2000;

/**
 * Gives the "running" claim back. When Redis is away at that moment (a pass cut short by a Redis restart,
 * whose data keeps the claim), the claim would otherwise block every pass for its whole TTL: so it is
 * tried again in the background, without holding the job, until it is given back or would have expired.
 */
export async function releaseEventually(
  release: () => Promise<void>,
  log: Pick<ReminderLog, 'warn'>,
  retryMs = RELEASE_RETRY_MS,
): Promise<void> {
  const giveUpAt = Date.now() + RUNNING_TTL_S * 1000;
  const attempt = async (): Promise<boolean> =>
    release().then(
      () => true,
      () => false,
    );
  if (await attempt()) return;
  log.warn(`Repair: could not give back its claim; trying again every ${retryMs / 1000} s`);
  const retry = async () => {
    if ((await attempt()) || Date.now() >= giveUpAt) return;
    setTimeout(retry, retryMs).unref();
  };
  setTimeout(retry, retryMs).unref();
}
