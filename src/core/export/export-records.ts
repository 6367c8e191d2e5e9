/**
 * What an export is made of: every action of a channel with its history, and the channel facts needed to
 * write them (its zone, its meetings). Read through the ActionStore port, in number order.
 */
import { type Action, type ChannelMeetings, type ChannelRef, channelId, type HistoryEntry } from '../domain';
import type { ActionStore } from '../ports';
import { loadChannelContext } from '../service-deps';

export interface ExportRecord {
  action: Action;
  /** Oldest first, as the store keeps it. */
  history: HistoryEntry[];
}

export interface ChannelExport {
  /** `slack:T123:C456`, for titles. */
  channel: string;
  /** The channel's IANA zone: every local date and time in the export is written in it. */
  timezone: string;
  meetings: ChannelMeetings;
  records: ExportRecord[];
}

/** Histories read at once: enough to be quick, few enough not to flood Redis with one big export. */
const HISTORY_CONCURRENCY = 25;

export async function loadChannelExport(
  deps: { store: ActionStore; defaultTimezone: string },
  channel: ChannelRef,
): Promise<ChannelExport> {
  const [ctx, actions] = await Promise.all([
    loadChannelContext(deps, channel),
    deps.store.list(channel, 'all'),
  ]);
  const sorted = [...actions].sort((a, b) => a.number - b.number);
  const records: ExportRecord[] = [];
  for (let i = 0; i < sorted.length; i += HISTORY_CONCURRENCY) {
    const batch = sorted.slice(i, i + HISTORY_CONCURRENCY);
    const histories = await Promise.all(batch.map((a) => deps.store.history(channel, a.number)));
    batch.forEach((action, j) => {
      records.push({ action, history: histories[j] ?? [] });
    });
  }
  return { channel: channelId(channel), timezone: ctx.timezone, meetings: ctx.meetings, records };
}
