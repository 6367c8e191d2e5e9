/**
 * Small builders for actions and history entries, with fixed instants so tests never depend on the
 * clock. Every test that needs a whole Action or NewAction starts from these and states only the fields
 * its behaviour turns on, so a field added to the domain is added here once.
 */
import type { Action, ChannelRef, HistoryEntry, NewAction } from '../../src/core/domain';

export const T0 = '2026-07-01T09:00:00.000Z';

let channelCount = 0;

/** A Slack channel no other test in this file uses (override any part). */
export function freshChannel(over: Partial<ChannelRef> = {}): ChannelRef {
  channelCount += 1;
  return { platform: 'slack', team: 'T1', channel: `C${channelCount}`, ...over };
}

/** A due date at that instant, with no time of day and not tied to the next meeting. */
export function due(at: string): NonNullable<Action['due']> {
  return { at, date: at.slice(0, 10), time: null, nextMeeting: false };
}

/** An open action owned by U_PRIYA, raised by U_CHAIR at T0, due 31 July 2026. */
export function draft(channel: ChannelRef, over: Partial<NewAction> = {}): NewAction {
  return {
    channel,
    owners: [{ kind: 'user', id: 'U_PRIYA' }],
    text: 'send the KSI data for July–Dec 2021',
    due: due('2026-07-31T16:00:00.000Z'),
    state: 'open',
    raisedBy: 'U_CHAIR',
    createdAt: T0,
    updatedAt: T0,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    notes: [],
    meetingId: null,
    agendaItem: null,
    agendaTitle: null,
    message: null,
    ...over,
  };
}

/** The channel `storedAction` uses unless told otherwise. */
export const CHANNEL: ChannelRef = { platform: 'slack', team: 'T1', channel: 'C1' };

/** A stored action: `draft`'s open action in CHANNEL as number 1, version 1 (override any part). */
export function storedAction(over: Partial<Action> = {}): Action {
  return { ...draft(over.channel ?? CHANNEL), number: 1, version: 1, ...over };
}

export function entry(
  kind: string,
  by = 'U_CHAIR',
  at = T0,
  changes: HistoryEntry['changes'] = {},
): HistoryEntry {
  return { at, by, kind, changes, text: null };
}
