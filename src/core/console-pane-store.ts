/**
 * The console's messages: what the bot posted in the demo channel, in threads and in each person's
 * direct-message pane, what the people typed, and the answers only one person sees. Every process (web or
 * worker) writes through the ConsolePaneStore; each new or changed message is announced on the
 * ConsolePaneFeed, so the web process that holds a browser's event stream shows it live even when a worker
 * process sent it.
 */
import type { ChannelRef } from './domain';
import type { View } from './view';

/** Messages kept per pane; older ones fall off (the console is a demo, not an archive). */
export const PANE_CAP = 200;
/** How long a console message is kept. */
export const MESSAGE_TTL_SECONDS = 30 * 24 * 3600;

/** `channel`, or `dm:<person id>` for a person's direct messages with Arising. */
export type PaneId = string;

export const CHANNEL_PANE = 'channel';
export const dmPane = (userId: string): PaneId => `dm:${userId}`;

export interface ConsoleMessage {
  id: string;
  pane: PaneId;
  /** The id of the message this one replies to in a thread, or null at the top of the pane. */
  thread: string | null;
  /** The person who wrote it, or null for Arising. */
  from: string | null;
  /** What Arising posted. */
  view: View | null;
  /** What a person typed. */
  text: string | null;
  /** Only this person sees it (an answer to them alone), or null for everyone in the pane. */
  visibleTo: string | null;
  at: string;
  editedAt: string | null;
}

export type NewConsoleMessage = Omit<ConsoleMessage, 'id' | 'at' | 'editedAt'>;

export type ConsoleEvent = { type: 'post' | 'update'; channel: ChannelRef; message: ConsoleMessage };

export interface ConsolePaneStore {
  /**
   * Stores a message at the end of its pane (the oldest beyond PANE_CAP fall off), with an id unique to
   * the install and the store's time, and announces it.
   */
  add(channel: ChannelRef, draft: NewConsoleMessage): Promise<ConsoleMessage>;
  /** The message, or null when it is gone (expired) or was never posted in this channel. */
  get(channel: ChannelRef, id: string): Promise<ConsoleMessage | null>;
  /**
   * Replaces the view of a message Arising posted, and announces it. Null when the message is gone:
   * there is nothing left on any screen to update.
   */
  update(channel: ChannelRef, id: string, view: View): Promise<ConsoleMessage | null>;
  /** A pane's messages, oldest first, threads included (each names its parent). */
  pane(channel: ChannelRef, pane: PaneId): Promise<ConsoleMessage[]>;
  /** True the first time it is asked for a channel: the demo set-up runs once per install. */
  claimSetup(channel: ChannelRef): Promise<boolean>;
  /** Gives the set-up claim back after a set-up that failed, so the next start tries again. */
  releaseSetup(channel: ChannelRef): Promise<void>;
}

/** Hears every message added or updated by any process sharing the store. */
export interface ConsolePaneFeed {
  /** Calls `listener` for each announcement from now on. */
  listen(listener: (event: ConsoleEvent) => void): void;
  /** Stops listening (and closes what it listened on). */
  close(): Promise<void>;
}
