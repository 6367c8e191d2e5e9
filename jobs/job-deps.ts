/**
 * What the processors and the BullMQ scheduler are given. Everything is injected, so a test can call a
 * processor directly with the real store and a recording messenger.
 */
import type { Action, ChannelRef } from '../src/core/domain';
import type { Logger } from '../src/core/logger';
import type { ActionStore, Clock, Messenger, Scheduler, SendLedger } from '../src/core/ports';
import { type ChannelContext, loadActionContext, loadChannelContext } from '../src/core/service-deps';
import type { View } from '../src/core/view';
import type { HolidayTest } from '../src/core/working-days';
import type { RedisReminderLedger } from './reminder-ledger';

/** Where the jobs report: the part of the one Logger they use, so a test can pass three functions. */
export type JobLog = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * Builds the matters-arising summary of a channel's previous meeting (from the meetings work), or null
 * when there is nothing to report. Plugged in by the composition root.
 */
export type ComposeMattersArising = (channel: ChannelRef) => Promise<View | null>;

export interface JobDeps {
  store: ActionStore;
  messenger: Messenger;
  clock: Clock;
  /** DEFAULT_TIMEZONE. */
  defaultTimezone: string;
  log: JobLog;
  ledger: RedisReminderLedger;
  /** Keyed sends' leases and "sent" records (two-phase sending, src/core/delivery/send-once.ts). */
  sends: SendLedger;
  /** The send lease's length (WorkerTuning.sendLeaseMs). */
  sendLeaseMs: number;
  /** `settings holidays` region to its holiday test (src/holidays). */
  holidays: (region: string | null) => HolidayTest | undefined;
  composeMattersArising?: ComposeMattersArising;
}

/** Plans an action's reminders from facts already loaded (the processor has just read them). */
export interface ReminderPlanner {
  planAction(action: Action, facts: ChannelFacts): Promise<void>;
}

/** Processors also re-plan an action after a reminder fires (the next weekly one). */
export interface ProcessorDeps extends JobDeps {
  scheduler: Scheduler & ReminderPlanner;
}

/** What planning and sending need to know about a channel: the core's own channel context. */
export type ChannelFacts = ChannelContext;

export function loadChannelFacts(deps: JobDeps, channel: ChannelRef): Promise<ChannelFacts> {
  return loadChannelContext(deps, channel);
}

/** An action and its channel's facts in one read of the store: what every reminder job checks first. */
export async function loadActionFacts(
  deps: JobDeps,
  channel: ChannelRef,
  number: number,
): Promise<{ action: Action | null; facts: ChannelFacts }> {
  const { action, context } = await loadActionContext(deps, channel, number);
  return { action, facts: context };
}

/** The schedule context of a channel (without `now`). */
export function scheduleContext(facts: ChannelFacts) {
  return {
    timezone: facts.timezone,
    settings: facts.settings,
    isHoliday: facts.isHoliday,
    nextMeeting: facts.meetings.next,
  };
}
