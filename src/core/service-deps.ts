/**
 * What the core services need from outside, and the per-channel facts most commands read first.
 */
import type { ActionChanges } from './action-watch';
import type { CalendarDeps } from './calendar/calendar-ports';
import type { CheckinStore } from './checkin/checkin-store';
import type { Action, ChannelMeetings, ChannelRef, ChannelSettings } from './domain';
import type { ExtractedMinutes, ExtractOptions } from './minutes/extracted-minutes';
import type { PapersLinks } from './papers-links';
import type { ActionStore, Clock, Messenger, Scheduler } from './ports';
import type { HolidayTest } from './working-days';

export interface ServiceDeps {
  store: ActionStore;
  messenger: Messenger;
  scheduler: Scheduler;
  clock: Clock;
  /** IANA zone of a channel that has not set its own (DEFAULT_TIMEZONE). */
  defaultTimezone: string;
  /** `settings holidays` region to its public-holiday test; none means no holidays anywhere. */
  holidays?: (region: string | null) => HolidayTest | undefined;
  /**
   * Told about failures that must not fail the user's command (a card that could not be updated, a
   * reminder that could not be rescheduled), so the composition root can log them, with the channel
   * (and action) they are about.
   */
  /**
   * Reads minutes into actions away from the event loop (a worker thread, with a time limit), so that a
   * document that reads slowly holds up no other channel. Throws UserError('bad_minutes') as
   * extractMinutes does. Without it (core tests) the minutes are read inline.
   */
  readMinutes?: (text: string, opts: ExtractOptions) => Promise<ExtractedMinutes>;
  /**
   * Display names of people by user id where the platform knows them (Teams' names the bot has seen, the
   * console's demo people), for documents that cannot show mentions. Without it, people are `@id`.
   */
  peopleNames?: (channel: ChannelRef, userIds: string[]) => Promise<Map<string, string>>;
  /** Download links for the papers where the platform takes no file from a bot (Teams); PUBLIC_URL. */
  papersLinks?: PapersLinks;
  /** Reads channels' calendar feeds (`meeting calendar`); without it the command says it is not available. */
  calendars?: CalendarDeps;
  /** Told of every add and change of an action, for views beyond its card (the Slack Home tab). */
  watchers?: ActionChanges;
  /** Check-in rounds (`settings checkin`), for matters arising to show answers and who has not answered. */
  checkins?: CheckinStore;
  onBackgroundError?: (
    what: string,
    error: unknown,
    about?: { channel: ChannelRef; number?: number },
  ) => void;
}

export interface ChannelContext {
  channel: ChannelRef;
  settings: ChannelSettings;
  timezone: string;
  /** Lower-cased alias name to user ids. */
  aliases: Record<string, string[]>;
  meetings: ChannelMeetings;
  /** The channel's public holidays (`settings holidays`), for counting working days. */
  isHoliday: HolidayTest | undefined;
}

export async function loadChannelContext(
  deps: Pick<ServiceDeps, 'store' | 'defaultTimezone' | 'holidays'>,
  channel: ChannelRef,
): Promise<ChannelContext> {
  const [settings, aliases, meetings] = await Promise.all([
    deps.store.getSettings(channel),
    deps.store.getAliases(channel),
    deps.store.getMeetings(channel),
  ]);
  return channelContext(deps, channel, { settings, aliases, meetings });
}

/**
 * An action and its channel's context from one read of the store (`getWithChannel`), for work that needs
 * both every time, such as a reminder checking that it is still wanted.
 */
export async function loadActionContext(
  deps: Pick<ServiceDeps, 'store' | 'defaultTimezone' | 'holidays'>,
  channel: ChannelRef,
  number: number,
): Promise<{ action: Action | null; context: ChannelContext }> {
  const { action, ...records } = await deps.store.getWithChannel(channel, number);
  return { action, context: channelContext(deps, channel, records) };
}

function channelContext(
  deps: Pick<ServiceDeps, 'defaultTimezone' | 'holidays'>,
  channel: ChannelRef,
  records: Pick<ChannelContext, 'settings' | 'aliases' | 'meetings'>,
): ChannelContext {
  const { settings } = records;
  return {
    channel,
    ...records,
    timezone: settings.timezone ?? deps.defaultTimezone,
    isHoliday: deps.holidays?.(settings.holidays),
  };
}
