/**
 * The reminder ledger port: what the reminder planning and sending keep about each action's reminders
 * between one process and the next. The core decides; the store keeps (src/store/redis-reminder-ledger.ts).
 *
 * - The ids of the action's pending reminder jobs, so a re-plan cancels the ones that no longer apply
 *   without scanning the queue.
 * - The version last planned, so a slow process cannot overwrite a newer plan with an older one, and the
 *   version whose plan was written in full, so the repair pass finds plans a crash cut short.
 * - The reminder DMs shown, so they can be updated when the action closes.
 * - The channel's pending matters-arising job, so moving the meeting removes the old one.
 */
import type { Action, ChannelRef, MessageRef } from '../domain';

/** A change of an action's pending reminder jobs; `lastFireAt` (epoch ms) bounds how long the set is kept. */
export interface PendingChange {
  add: string[];
  remove: string[];
  lastFireAt: number | null;
}

export interface ReminderLedger {
  /** Remembers a reminder DM so that it can be updated to show the action closed (idempotent). */
  remember(action: Action, message: MessageRef): Promise<void>;
  /** The reminder DMs shown for the action, oldest first. */
  remembered(channel: ChannelRef, number: number): Promise<MessageRef[]>;
  forgetRemembered(channel: ChannelRef, number: number, messages: MessageRef[]): Promise<void>;
  /** The ids of the action's pending reminder jobs. */
  pending(channel: ChannelRef, number: number): Promise<string[]>;
  updatePending(channel: ChannelRef, number: number, change: PendingChange): Promise<void>;
  /** A job that runs is no longer pending: a re-plan must not try to cancel it. */
  forgetPendingJob(channel: ChannelRef, number: number, jobId: string): Promise<void>;
  /** The id of the channel's pending matters-arising job, if any. */
  mattersArisingJob(channel: ChannelRef): Promise<string | null>;
  /** Records the channel's pending matters-arising job (null: none); kept a while after `fireAt`. */
  setMattersArisingJob(channel: ChannelRef, jobId: string | null, fireAt: number | null): Promise<void>;
  /** Records that the plan of this version of the action is complete (unless a newer one is recorded). */
  markPlanned(channel: ChannelRef, number: number, version: number): Promise<void>;
  /** The version whose plan was last completed, per action of one channel (null where none is recorded). */
  plannedVersions(channel: ChannelRef, numbers: number[]): Promise<(number | null)[]>;
  /** True when this version (or a newer one than recorded) may be planned. */
  claimPlan(channel: ChannelRef, number: number, version: number): Promise<boolean>;
}
