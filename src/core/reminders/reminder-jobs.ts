/**
 * The reminder jobs port: the delayed work the reminder planning (reminder-planner.ts) asks for, without
 * knowing the queue behind it (BullMQ, jobs/). Job ids are deterministic, made from what the job is about,
 * so two processes asking for the same reminder make one job, and the ledger's pending ids can be compared
 * with the ids a plan wants.
 */
import type { ChannelRef, ChannelSettings } from '../domain';

/** A channel's weekly digest setting: ISO weekday and local `HH:mm`. */
export type DigestSetting = NonNullable<ChannelSettings['digest']>;

export interface ReminderJobs {
  /** The id of the reminder job of the action at this instant. */
  reminderJobId(channel: ChannelRef, number: number, at: Date): string;
  /** Adds the action's reminder jobs at these instants; one whose id exists already is left alone. */
  addReminders(channel: ChannelRef, number: number, at: Date[]): Promise<void>;
  /** Removes a pending reminder job (one already running cannot be; it finds itself stale). */
  removeReminder(jobId: string): Promise<void>;
  /** Adds the one job that updates the reminders shown for this closed version of the action. */
  addClosedUpdate(channel: ChannelRef, number: number, version: number): Promise<void>;
  /** The id of the channel's matters-arising job at this instant. */
  mattersArisingJobId(channel: ChannelRef, at: Date): string;
  /** Adds the matters-arising job for the next meeting (local `YYYY-MM-DD[THH:mm]`) at `at`. */
  addMattersArising(channel: ChannelRef, at: Date, meeting: string): Promise<void>;
  removeMattersArising(jobId: string): Promise<void>;
  /** Makes the channel's weekly digest schedule this setting in its zone, or removes it (null). */
  setDigest(channel: ChannelRef, digest: DigestSetting | null, timezone: string): Promise<void>;
}
