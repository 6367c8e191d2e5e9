/**
 * The check-in records of a channel (the store's, src/store/redis-checkins.ts, or in memory): who was
 * asked about which action before which meeting, and what each answered. A round is the asking before
 * one meeting (its local `YYYY-MM-DD[THH:mm]`); the channel's latest round is the one answers count
 * towards, so an answer given after the check-in (a button, a thread reply, a command) is recorded against
 * that meeting, and matters arising can show it and who has not answered.
 */
import type { ChannelRef } from '../domain';

/** What an owner did with an action after being asked. */
export type CheckinAnswerKind = 'done' | 'note' | 'new-date';

export interface CheckinAnswer {
  number: number;
  /** The user who answered. */
  by: string;
  kind: CheckinAnswerKind;
  /** The note, the closing note, or the new due date (local `YYYY-MM-DD[THH:mm]`); null when none. */
  text: string | null;
  /** UTC instant of the answer. */
  at: string;
}

export interface CheckinAsked {
  number: number;
  userId: string;
  /** UTC instant the question was posted. */
  at: string;
}

export interface CheckinRound {
  meeting: string;
  asked: CheckinAsked[];
  /** The latest answer of each kind (done, note, new date) of each person asked about each action. */
  answers: CheckinAnswer[];
}

export interface CheckinStore {
  /**
   * Records that the person was asked about the action before the meeting, and makes that meeting the
   * channel's round. Idempotent: asking again (a retried job) keeps the first instant.
   */
  recordAsked(channel: ChannelRef, meeting: string, asked: CheckinAsked): Promise<void>;
  /**
   * Records the answer against the channel's round when that round asked this person about this action;
   * false (nothing stored) otherwise. A later answer of the same kind replaces an earlier one.
   */
  recordAnswer(channel: ChannelRef, answer: CheckinAnswer): Promise<boolean>;
  /** Who was asked before the meeting and what they answered (empty when no one was asked). */
  round(channel: ChannelRef, meeting: string): Promise<CheckinRound>;
  /** The id of the channel's pending check-in job, for the planner to replace when it moves. */
  pendingJob(channel: ChannelRef): Promise<string | null>;
  setPendingJob(channel: ChannelRef, jobId: string | null): Promise<void>;
}

/** How long a round is kept: well past its meeting, for the matters arising read after it. */
export const CHECKIN_KEPT_SECONDS = 120 * 24 * 3600;
