/**
 * The Scheduler port, decided in the core: after every change of an action (`actionChanged`) or of a
 * channel's settings or meetings (`channelChanged`), this works out which delayed jobs should exist, from
 * the pure schedule (reminder-schedule.ts), and asks the jobs port (reminder-jobs.ts) for exactly those.
 *
 * - Reminders have deterministic ids, so planning twice makes one job. The ids of an action's pending jobs
 *   are kept in the ledger, so jobs that no longer apply (action closed or dropped, due date moved, offsets
 *   changed) are removed without scanning the queue. A job already running cannot be removed; it finds
 *   itself stale when it checks the schedule, and does nothing.
 * - The ledger's plan claim stops a slow process from overwriting a newer version's plan with an older one.
 * - When an action's plan is written in full, its version is recorded (`markPlanned`), so the repair pass
 *   can find the actions whose plan a crash or a Redis outage cut short (`unplanned`) and plan them again.
 * - The weekly digest is one schedule per channel in the channel's zone.
 * - The matters-arising post is a delayed job 2 working days before the next meeting at 09:00; moving the
 *   meeting removes the old job and adds the new one.
 * - A workspace the app is removed from loses all of the above (`workspaceRemoved`), found through the
 *   ledger as a re-plan finds them, never by scanning the queue; a reinstall plans them again
 *   (`workspaceAdded`). A reminder job already running when the workspace goes cannot be removed: it finds
 *   no install to send with and completes.
 */
import type { Action, ChannelRef } from '../domain';
import type { ActionStore, Clock, ReminderPlans, Scheduler, WorkspaceSchedules } from '../ports';
import { type ChannelContext, loadChannelContext } from '../service-deps';
import type { Workspace } from '../user-actions';
import type { HolidayTest } from '../working-days';
import { mattersArisingAt } from './matters-arising-time';
import { type ReminderReplanner, scheduleContext } from './reminder-deps';
import type { ReminderJobs } from './reminder-jobs';
import type { ReminderLedger } from './reminder-ledger';
import { planReminders } from './reminder-schedule';

export interface PlannerDeps {
  store: ActionStore;
  clock: Clock;
  /** DEFAULT_TIMEZONE. */
  defaultTimezone: string;
  holidays: (region: string | null) => HolidayTest | undefined;
  ledger: ReminderLedger;
  jobs: ReminderJobs;
  /** Keeps the channel's check-in job in step (src/core/checkin/checkin-planner.ts), when check-ins are on. */
  checkin?: { sync(channel: ChannelRef, facts: ChannelContext): Promise<void> } | undefined;
}

/** Open actions re-planned at once when a channel's settings change. */
const REPLAN_CONCURRENCY = 10;

export class ReminderPlanner implements Scheduler, WorkspaceSchedules, ReminderReplanner, ReminderPlans {
  /** Digest settings this process last made sure of, per channel, so each action change is not an upsert. */
  private readonly digestSpecs = new Map<string, string>();

  constructor(private readonly planning: PlannerDeps) {}

  async actionChanged(action: Action): Promise<void> {
    const [latest, facts] = await Promise.all([
      this.latest(action),
      loadChannelContext(this.planning, action.channel),
    ]);
    await this.planAction(latest, facts);
    await this.ensureDigest(latest.channel, facts);
  }

  async channelChanged(channel: ChannelRef): Promise<void> {
    const facts = await loadChannelContext(this.planning, channel);
    await this.syncDigest(channel, facts);
    await this.syncMattersArising(channel, facts);
    await this.planning.checkin?.sync(channel, facts);
    const open = await this.planning.store.list(channel, 'open');
    for (let i = 0; i < open.length; i += REPLAN_CONCURRENCY) {
      await Promise.all(open.slice(i, i + REPLAN_CONCURRENCY).map((a) => this.planAction(a, facts)));
    }
  }

  async workspaceRemoved(workspace: Workspace): Promise<void> {
    for (const channel of await this.channelsOf(workspace)) {
      const open = await this.planning.store.list(channel, 'open');
      for (let i = 0; i < open.length; i += REPLAN_CONCURRENCY) {
        await Promise.all(open.slice(i, i + REPLAN_CONCURRENCY).map((a) => this.unplanAction(a)));
      }
      await this.unplanChannel(channel);
    }
  }

  async workspaceAdded(workspace: Workspace): Promise<void> {
    for (const channel of await this.channelsOf(workspace)) await this.channelChanged(channel);
  }

  /** The workspace's channels that have had an action (the store's index of channels, no scan). */
  private async channelsOf(workspace: Workspace): Promise<ChannelRef[]> {
    const all = await this.planning.store.channels();
    return all.filter((c) => c.platform === workspace.platform && c.team === workspace.team);
  }

  /**
   * Removes the action's pending reminder jobs and empties its pending set. Its plan stays recorded as
   * complete: planning it again is for a reinstall or its next change, not for the repair pass.
   */
  private async unplanAction(action: Action): Promise<void> {
    const { ledger, jobs } = this.planning;
    const pending = await ledger.pending(action.channel, action.number);
    if (pending.length === 0) return;
    await Promise.all(pending.map((id) => jobs.removeReminder(id)));
    await ledger.updatePending(action.channel, action.number, { add: [], remove: pending, lastFireAt: null });
  }

  /** Removes the channel's weekly digest schedule and its pending matters-arising post. */
  private async unplanChannel(channel: ChannelRef): Promise<void> {
    const { ledger, jobs } = this.planning;
    await jobs.setDigest(channel, null, this.planning.defaultTimezone);
    // Forgotten here, so that the next change in this process sets the digest again.
    this.digestSpecs.delete(digestKey(channel));
    const previous = await ledger.mattersArisingJob(channel);
    if (previous) await jobs.removeMattersArising(previous);
    await ledger.setMattersArisingJob(channel, null, null);
  }

  /** The stored action when it is at least as new as the one given: plan from the latest known state. */
  private async latest(action: Action): Promise<Action> {
    const stored = await this.planning.store.get(action.channel, action.number);
    return stored && stored.version >= action.version ? stored : action;
  }

  /** Makes the action's pending reminder jobs exactly its schedule from now on. */
  async planAction(action: Action, facts: ChannelContext): Promise<void> {
    const { channel, number } = action;
    const { ledger, jobs } = this.planning;
    const [mayPlan, pending] = await Promise.all([
      ledger.claimPlan(channel, number, action.version),
      ledger.pending(channel, number),
    ]);
    if (!mayPlan) return; // a newer version of the action has been planned already
    const now = this.planning.clock.now();
    const planned = planReminders(action, { ...scheduleContext(facts), now });
    const wanted = new Map(planned.map((p) => [jobs.reminderJobId(channel, number, p.at), p]));
    const cancel = pending.filter((id) => !wanted.has(id));
    const lastFireAt = planned.at(-1)?.at.getTime() ?? null;
    await Promise.all([
      ...cancel.map((id) => jobs.removeReminder(id)),
      // Adding every wanted job, not only new ones, mends a ledger that lost track: an existing id is a no-op.
      wanted.size > 0 &&
        jobs.addReminders(
          channel,
          number,
          [...wanted.values()].map((p) => p.at),
        ),
      ledger.updatePending(channel, number, { add: [...wanted.keys()], remove: cancel, lastFireAt }),
    ]);
    if (action.state !== 'open') await jobs.addClosedUpdate(channel, number, action.version);
    await ledger.markPlanned(channel, number, action.version);
  }

  /** The actions (of one channel) whose latest version has no complete plan: see ReminderPlans. */
  async unplanned(channel: ChannelRef, actions: Action[]): Promise<Action[]> {
    const versions = await this.planning.ledger.plannedVersions(
      channel,
      actions.map((a) => a.number),
    );
    return actions.filter((a, i) => {
      const planned = versions[i];
      return planned === null || planned === undefined || planned < a.version;
    });
  }

  /** Sets the channel's digest schedule the first time this process sees the channel or its settings. */
  private async ensureDigest(channel: ChannelRef, facts: ChannelContext): Promise<void> {
    if (this.digestSpecs.get(digestKey(channel)) === digestSpec(facts)) return;
    await this.syncDigest(channel, facts);
  }

  private async syncDigest(channel: ChannelRef, facts: ChannelContext): Promise<void> {
    await this.planning.jobs.setDigest(channel, facts.settings.digest, facts.timezone);
    this.digestSpecs.set(digestKey(channel), digestSpec(facts));
  }

  private async syncMattersArising(channel: ChannelRef, facts: ChannelContext): Promise<void> {
    const { ledger, jobs } = this.planning;
    const at = mattersArisingAt(facts.meetings.next, facts);
    const wanted = at && at.getTime() > this.planning.clock.now().getTime() ? at : null;
    const jobId = wanted ? jobs.mattersArisingJobId(channel, wanted) : null;
    const previous = await ledger.mattersArisingJob(channel);
    if (previous && previous !== jobId) await jobs.removeMattersArising(previous);
    if (wanted && facts.meetings.next) await jobs.addMattersArising(channel, wanted, facts.meetings.next);
    await ledger.setMattersArisingJob(channel, jobId, wanted?.getTime() ?? null);
  }
}

/** The channel, as a key of the digest cache. */
function digestKey(channel: ChannelRef): string {
  return JSON.stringify([channel.platform, channel.team, channel.channel]);
}

function digestSpec(facts: ChannelContext): string {
  const d = facts.settings.digest;
  return d ? `${d.weekday} ${d.time} ${facts.timezone}` : 'off';
}
