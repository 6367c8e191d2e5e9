/**
 * What calendar feeds need from outside the core: a reader that fetches a feed's text (guarded and bounded,
 * src/net/calendar-feed-reader.ts) and the index of channels that have a feed (src/store), which the daily
 * refresh walks instead of every channel.
 */
import type { ChannelRef } from '../domain';

/** Why a feed could not be read, in words a chair can act on. */
export type FeedProblemKind = 'refused' | 'timeout' | 'status' | 'too-large' | 'connection';

/** The feed could not be fetched; `message` says why (the address refused, the status, the time-out). */
export class FeedProblem extends Error {
  constructor(
    readonly kind: FeedProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'FeedProblem';
  }
}

export interface CalendarFeeds {
  /** The feed's text; throws FeedProblem when it cannot be had. */
  read(url: string): Promise<string>;
  /** The size cap, for the answer when a feed is too large. */
  readonly maxBytes: number;
}

/** The channels that have a calendar feed. One set, written one member per command (cluster-safe). */
export interface CalendarIndex {
  add(channel: ChannelRef): Promise<void>;
  remove(channel: ChannelRef): Promise<void>;
  list(): Promise<ChannelRef[]>;
}

/** Both, as the service and the refresh job are given them. */
export interface CalendarDeps {
  feeds: CalendarFeeds;
  index: CalendarIndex;
}
