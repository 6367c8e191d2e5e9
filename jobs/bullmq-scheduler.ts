/**
 * The Scheduler port on BullMQ. The core calls `actionChanged` after every change of an action and
 * `channelChanged` after its settings or meetings change; this turns the pure schedule
 * (src/core/reminders) into delayed jobs and job schedulers.
 *
 * - Reminders are delayed jobs with deterministic ids, so planning twice makes one job. The ids of an
 *   action's pending jobs are kept in a set, so jobs that no longer apply (action closed or dropped, due
 *   date moved, offsets changed) are removed without scanning the queue. A job already running cannot be
 *   removed; it finds itself stale when it checks the schedule, and does nothing.
 * - When an action's plan is written in full, its version is recorded (`markPlanned`), so the repair pass
 *   can find the actions whose plan a crash or a Redis outage cut short (`unplanned`) and plan them again.
 * - The weekly digest is one BullMQ job scheduler per channel (`upsertJobScheduler` with the channel's
 *   `tz`), so any number of processes upserting it at once still make one.
 * - The matters-arising post is a delayed job 2 working days before the next meeting at 09:00; moving the
 *   meeting removes the old job and adds the new one.
 */
import type { Queue } from 'bullmq';
import type { Action, ChannelRef } from '../src/core/domain';
import type { ReminderPlans, Scheduler } from '../src/core/ports';
import { mattersArisingAt } from '../src/core/reminders/matters-arising-time';
import { planReminders } from '../src/core/reminders/reminder-schedule';
import { closeWithin } from './close-within';
import { JOB } from './job-data';
import {
  type ChannelFacts,
  type JobDeps,
  loadChannelFacts,
  type ReminderPlanner,
  scheduleContext,
} from './job-deps';
import { closedJobId, digestSchedulerId, mattersArisingJobId, reminderJobId } from './job-ids';

const QUEUE_CLOSE_DEADLINE_MS = 2000;

export interface JobQueues {
  reminders: Queue;
  channelPosts: Queue;
}

/** Open actions re-planned at once when a channel's settings change. */
const REPLAN_CONCURRENCY = 10;

/** `m h * * dow` for an ISO weekday (1 Monday … 7 Sunday) and `HH:mm`. */
export function digestCron(weekday: number, time: string): string {
  const [hour = '9', minute = '0'] = time.split(':');
  return `${Number(minute)} ${Number(hour)} * * ${weekday % 7}`;
}

/** Delay until an instant, by the real clock BullMQ itself runs on. */
function delayUntil(at: Date): number {
  return Math.max(0, at.getTime() - Date.now());
}

export class BullScheduler implements Scheduler, ReminderPlanner, ReminderPlans {
  /** Digest settings this process last made sure of, per channel, so each action change is not an upsert. */
  private readonly digestSpecs = new Map<string, string>();

  constructor(
    private readonly deps: JobDeps,
    readonly queues: JobQueues,
  ) {}

  async actionChanged(action: Action): Promise<void> {
    const [latest, facts] = await Promise.all([
      this.latest(action),
      loadChannelFacts(this.deps, action.channel),
    ]);
    await this.planAction(latest, facts);
    await this.ensureDigest(latest.channel, facts);
  }

  async channelChanged(channel: ChannelRef): Promise<void> {
    const facts = await loadChannelFacts(this.deps, channel);
    await this.syncDigest(channel, facts);
    await this.syncMattersArising(channel, facts);
    const open = await this.deps.store.list(channel, 'open');
    for (let i = 0; i < open.length; i += REPLAN_CONCURRENCY) {
      await Promise.all(open.slice(i, i + REPLAN_CONCURRENCY).map((a) => this.planAction(a, facts)));
    }
  }

  /** Closes the queues' connections; gives up waiting for an unreachable Redis after a few seconds. */
  async close(): Promise<void> {
    await closeWithin([this.queues.reminders, this.queues.channelPosts], QUEUE_CLOSE_DEADLINE_MS);
  }

  /** The stored action when it is at least as new as the one given: plan from the latest known state. */
  private async latest(action: Action): Promise<Action> {
    const stored = await this.deps.store.get(action.channel, action.number);
    return stored && stored.version >= action.version ? stored : action;
  }

  /** Makes the action's pending reminder jobs exactly its schedule from now on. */
  async planAction(action: Action, facts: ChannelFacts): Promise<void> {
    const { channel, number } = action;
    const { ledger } = this.deps;
    const [mayPlan, pending] = await Promise.all([
      ledger.claimPlan(channel, number, action.version),
      ledger.pending(channel, number),
    ]);
    if (!mayPlan) return; // a newer version of the action has been planned already
    const now = this.deps.clock.now();
    const planned = planReminders(action, { ...scheduleContext(facts), now });
    const wanted = new Map(planned.map((p) => [reminderJobId(channel, number, p.at), p]));
    const cancel = pending.filter((id) => !wanted.has(id));
    const lastFireAt = planned.at(-1)?.at.getTime() ?? null;
    await Promise.all([
      ...cancel.map((id) => this.queues.reminders.remove(id)),
      // Adding every wanted job, not only new ones, mends a set that lost track: an existing id is a no-op.
      wanted.size > 0 &&
        this.queues.reminders.addBulk(
          [...wanted].map(([jobId, p]) => ({
            name: JOB.reminder,
            data: { channel, number, fireAt: p.at.toISOString() },
            opts: { jobId, delay: delayUntil(p.at) },
          })),
        ),
      ledger.updatePending(channel, number, { add: [...wanted.keys()], remove: cancel, lastFireAt }),
    ]);
    if (action.state !== 'open') {
      await this.queues.reminders.add(
        JOB.reminderClosed,
        { channel, number },
        { jobId: closedJobId(channel, number, action.version) },
      );
    }
    await ledger.markPlanned(channel, number, action.version);
  }

  /** The actions (of one channel) whose latest version has no complete plan: see ReminderPlans. */
  async unplanned(channel: ChannelRef, actions: Action[]): Promise<Action[]> {
    const versions = await this.deps.ledger.plannedVersions(
      channel,
      actions.map((a) => a.number),
    );
    return actions.filter((a, i) => {
      const planned = versions[i];
      return planned === null || planned === undefined || planned < a.version;
    });
  }

  /** Upserts the channel's digest scheduler the first time this process sees the channel or its settings. */
  private async ensureDigest(channel: ChannelRef, facts: ChannelFacts): Promise<void> {
    if (this.digestSpecs.get(digestSchedulerId(channel)) === digestSpec(facts)) return;
    await this.syncDigest(channel, facts);
  }

  private async syncDigest(channel: ChannelRef, facts: ChannelFacts): Promise<void> {
    const id = digestSchedulerId(channel);
    const digest = facts.settings.digest;
    if (digest === null) {
      await this.queues.channelPosts.removeJobScheduler(id);
    } else {
      await this.queues.channelPosts.upsertJobScheduler(
        id,
        { pattern: digestCron(digest.weekday, digest.time), tz: facts.timezone },
        { name: JOB.digest, data: { channel } },
      );
    }
    this.digestSpecs.set(id, digestSpec(facts));
  }

  private async syncMattersArising(channel: ChannelRef, facts: ChannelFacts): Promise<void> {
    const { ledger } = this.deps;
    const at = mattersArisingAt(facts.meetings.next, facts);
    const wanted = at && at.getTime() > this.deps.clock.now().getTime() ? at : null;
    const jobId = wanted ? mattersArisingJobId(channel, wanted) : null;
    const previous = await ledger.mattersArisingJob(channel);
    if (previous && previous !== jobId) await this.queues.channelPosts.remove(previous);
    if (wanted && jobId && facts.meetings.next) {
      await this.queues.channelPosts.add(
        JOB.mattersArising,
        { channel, fireAt: wanted.toISOString(), meeting: facts.meetings.next },
        { jobId, delay: delayUntil(wanted) },
      );
    }
    await ledger.setMattersArisingJob(channel, jobId, wanted?.getTime() ?? null);
  }
}

function digestSpec(facts: ChannelFacts): string {
  const d = facts.settings.digest;
  return d ? `${d.weekday} ${d.time} ${facts.timezone}` : 'off';
}
