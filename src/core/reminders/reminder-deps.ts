/**
 * What the reminder work (sending due reminders, updating closed ones, the channel's own posts) is given,
 * and the facts of a channel it reads first. The jobs side builds this from what the composition root
 * hands it; tests build it with the real store or an in-memory one and a recording messenger.
 */

import type { ActionChanges } from '../action-watch';
import type { AskOwner } from '../checkin/ask-owner';
import type { CheckinStore } from '../checkin/checkin-store';
import type { SendOnceDeps } from '../delivery/send-once';
import type { Action, ChannelRef } from '../domain';
import type { ActionMailer } from '../mail/action-mail-send';
import type { ActionStore } from '../ports';
import type { ChannelContext } from '../service-deps';
import type { View } from '../view';
import type { HolidayTest } from '../working-days';
import type { ReminderLedger } from './reminder-ledger';
import type { ScheduleContext } from './reminder-schedule';
import type { ReminderViewContext } from './reminder-view';

/** Where the reminder work reports; the service's LineLogger fits. */
export interface ReminderLog {
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

/**
 * Builds the matters-arising summary of a channel's previous meeting (from the meetings work), or null
 * when there is nothing to report. Plugged in by the composition root.
 */
export type ComposeMattersArising = (channel: ChannelRef) => Promise<View | null>;

export interface ReminderWorkDeps extends SendOnceDeps {
  store: ActionStore;
  /** DEFAULT_TIMEZONE. */
  defaultTimezone: string;
  log: ReminderLog;
  ledger: ReminderLedger;
  /** `settings holidays` region to its holiday test (src/holidays). */
  holidays: (region: string | null) => HolidayTest | undefined;
  composeMattersArising?: ComposeMattersArising | undefined;
  /** Check-in records (`settings checkin`); the check-in job needs them. */
  checkins?: CheckinStore | undefined;
  /** How one person is asked at a check-in; a direct message when left out. */
  askOwner?: AskOwner | undefined;
  /**
   * Where a reminder announces an action it finds overdue, so views that sort by it (the Slack Home tab,
   * overdue first) are published again: time, not a command, made that change.
   */
  watchers?: ActionChanges | undefined;
  /** Mail for owners outside the chat (SMTP_URL); without it they are named in the channel. */
  mail?: ActionMailer | null | undefined;
}

/** Plans an action's reminders from facts already loaded (a weekly reminder plans the next one). */
export interface ReminderReplanner {
  planAction(action: Action, facts: ChannelContext): Promise<void>;
}

/** The schedule context of a channel (without `now`). */
export function scheduleContext(facts: ChannelContext): Omit<ScheduleContext, 'now'> {
  return {
    timezone: facts.timezone,
    settings: facts.settings,
    isHoliday: facts.isHoliday,
    nextMeeting: facts.meetings.next,
  };
}

/** How a reminder DM about the action reads in its channel now. */
export function viewContext(
  action: Action,
  facts: ChannelContext,
  now: Date,
  mailing = false,
): ReminderViewContext {
  const current = facts.meetings.current;
  return {
    mailing,
    now,
    timezone: facts.timezone,
    meetingTitle: current && action.meetingId === current.id ? current.title : null,
    nextMeeting: facts.meetings.next,
  };
}
