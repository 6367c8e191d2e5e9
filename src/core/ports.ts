/**
 * The ports the core talks through. Adapters implement them: the Redis store (src/store) and the in-memory
 * one (src/store/memory) that core tests run on, the Slack and Teams messengers, the BullMQ scheduler, the
 * system clock. The other store ports have a file each: claim-store.ts, conversation-reference-store.ts,
 * last-reminder-store.ts, console-pane-store.ts.
 */

import type { ClaimStore } from './claim-store';
import type {
  Action,
  ChannelMeetings,
  ChannelRef,
  ChannelSettings,
  HistoryEntry,
  MessageRef,
  NewAction,
  Platform,
} from './domain';
import type { UserActions, Workspace } from './user-actions';
import type { View } from './view';

/** Time comes from here, never from `new Date()` in the core, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export type ListState = 'open' | 'done' | 'dropped' | 'all';

/** An action (null when there is none) beside its channel's settings, aliases and meetings, read together. */
export interface ActionWithChannel {
  action: Action | null;
  settings: ChannelSettings;
  /** Alias name (as typed) to user ids, as `getAliases` gives them. */
  aliases: Record<string, string[]>;
  meetings: ChannelMeetings;
}

/**
 * The actions and their channels' records. It is a ClaimStore too, for the repair job that claims its
 * "running" key through the action store it is given; adapters are given a ClaimStore of their own.
 */
export interface ActionStore extends ClaimStore {
  /**
   * Stores a new action with the channel's next number (from INCR), its indexes and a `created` history
   * entry, all in one atomic step.
   */
  create(action: NewAction, history: HistoryEntry): Promise<Action>;
  /** Many actions in one go, numbered in order, for an import; all or nothing per action. */
  createMany(actions: NewAction[], history: (a: NewAction) => HistoryEntry): Promise<Action[]>;
  get(channel: ChannelRef, number: number): Promise<Action | null>;
  /**
   * The action with its channel's settings, aliases and meetings, as one atomic read. Every reminder job
   * needs all four to check it is still wanted before it sends; read one by one they cost four commands
   * and replies per reminder, which is most of the Redis work of a burst of reminders.
   */
  getWithChannel(channel: ChannelRef, number: number): Promise<ActionWithChannel>;
  /**
   * Replaces the action if its stored version is still `action.version`, writing version + 1, its
   * indexes and the history entry atomically. Throws ConflictError when the version is stale.
   */
  update(action: Action, history: HistoryEntry): Promise<Action>;
  /** The channel's actions in that state, from its index sets (never a keyspace scan). */
  list(channel: ChannelRef, state: ListState): Promise<Action[]>;
  /**
   * Every channel that has had an action (kept by create, never a keyspace scan), for the repair pass
   * that visits each channel's open actions. May name a channel whose only create failed.
   */
  channels(): Promise<ChannelRef[]>;
  history(channel: ChannelRef, number: number): Promise<HistoryEntry[]>;
  /**
   * One user's open actions in every channel of the workspace (the Slack Home tab): those they own,
   * directly or through a channel's alias, then those they raised (user-actions.ts). Answered from
   * per-channel owner indexes kept by create and update, never from reading every action.
   */
  openActionsOf(workspace: Workspace, userId: string): Promise<UserActions>;

  /**
   * Records the channel message that shows the action (and links it for thread replies) without a new
   * version or history entry: posting the card is not a change of the action.
   */
  attachMessage(channel: ChannelRef, number: number, message: MessageRef): Promise<void>;
  /** Finds the action whose message (or reminder DM) is this one, for replies in its thread. */
  findByMessage(
    platform: Platform,
    message: MessageRef,
  ): Promise<{ channel: ChannelRef; number: number } | null>;
  /** Records that this message is about that action (the channel card, a reminder DM). */
  linkMessage(platform: Platform, message: MessageRef, channel: ChannelRef, number: number): Promise<void>;

  /** Alias name (as typed, matched case-insensitively) to user ids. */
  getAliases(channel: ChannelRef): Promise<Record<string, string[]>>;
  /** Sets an alias's people; an empty list removes the alias. */
  setAlias(channel: ChannelRef, name: string, userIds: string[]): Promise<void>;

  getSettings(channel: ChannelRef): Promise<ChannelSettings>;
  /**
   * Replaces the whole record (set-up and fixtures). A change of the current settings goes through
   * `updateSettings`: a read then a save loses whatever another command saved in between.
   */
  saveSettings(channel: ChannelRef, settings: ChannelSettings): Promise<void>;
  /**
   * Applies `change` to the settings as they are and stores the result in one atomic step: if another
   * write lands between the read and the write, the change is run again on the new record (a bounded
   * number of times, then ConflictError), so two commands in one channel never lose each other's change.
   * `change` may therefore run more than once: it must be pure (no posts, no scheduling). What it throws
   * is thrown, with nothing stored. Side effects go after, using the returned record.
   */
  updateSettings(
    channel: ChannelRef,
    change: RecordChange<ChannelSettings>,
  ): Promise<RecordUpdate<ChannelSettings>>;

  getMeetings(channel: ChannelRef): Promise<ChannelMeetings>;
  /** Replaces the whole record (set-up and fixtures); a change of the current meetings goes through `updateMeetings`. */
  saveMeetings(channel: ChannelRef, meetings: ChannelMeetings): Promise<void>;
  /** `updateSettings` for the channel's meetings. */
  updateMeetings(
    channel: ChannelRef,
    change: RecordChange<ChannelMeetings>,
  ): Promise<RecordUpdate<ChannelMeetings>>;

  /** Keeps a draft (an import awaiting Import or Cancel) for a while. */
  putDraft(channel: ChannelRef, id: string, data: string, ttlSeconds: number): Promise<void>;
  /** Reads and deletes a draft in one step, so pressing Import twice imports once. Null when gone. */
  takeDraft(channel: ChannelRef, id: string): Promise<string | null>;
}

/**
 * A change of one channel record (settings, meetings): the new record from the current one, or
 * `NO_CHANGE` to leave it as it is. It may run more than once (ActionStore.updateSettings), so it must be
 * pure; it may throw (a refusal), and then nothing is stored.
 */
export type RecordChange<T> = (current: T) => T | typeof NO_CHANGE;

/** What a change returns to store nothing. */
export const NO_CHANGE: unique symbol = Symbol('no change');

/** What an atomic update did: the record it read last, the record stored now, and whether it wrote. */
export interface RecordUpdate<T> {
  before: T;
  after: T;
  /** False when the change returned NO_CHANGE (then `after` is `before`). */
  changed: boolean;
}

/** Where a view goes. */
export type Destination =
  | { kind: 'channel'; channel: ChannelRef }
  | { kind: 'thread'; channel: ChannelRef; message: MessageRef }
  | { kind: 'user'; channel: ChannelRef; userId: string };

/** How a post is made. */
export interface PostOptions {
  /**
   * The send's own key (a reminder's send key, an action's card key): carried with the message where the
   * platform can carry it (Slack's message metadata), so that `findPosted` can later tell whether a post
   * whose outcome is unknown (the process died while sending) reached the platform.
   */
  key?: string;
}

/** What `findPosted` found. */
export type PostedLookup =
  | { kind: 'found'; message: MessageRef }
  /** Looked through every message since `since` there: none carries the key. */
  | { kind: 'absent' }
  /** The platform cannot be asked (Teams keeps no history a bot can read): resend rather than lose. */
  | { kind: 'cannot-tell' };

/** Sends views to a platform. One per platform; a router picks by `channel.platform`. */
export interface Messenger {
  /** Posts a view; returns the posted message, or null where the platform could not deliver it. */
  post(to: Destination, view: View, options?: PostOptions): Promise<MessageRef | null>;
  /** Replaces a message the bot posted earlier. */
  update(channel: ChannelRef, message: MessageRef, view: View): Promise<void>;
  /**
   * Looks among the bot's messages posted at `to` since `since` for one posted with `options.key`. Left out
   * where the platform cannot tell, which callers treat as `cannot-tell`.
   */
  findPosted?(to: Destination, key: string, since: Date): Promise<PostedLookup>;
  /**
   * A URL that opens a message the bot posted (Slack's permalink), for pointing from one message to
   * another; null when the platform gives none just now. Left out where the platform has no such links.
   */
  linkTo?(channel: ChannelRef, message: MessageRef): Promise<string | null>;
}

/**
 * Where one keyed send stands when a sender asks to begin it (src/core/delivery/send-once.ts):
 * - `sent`: the platform answered an earlier attempt (`message` null: it could not deliver);
 * - `busy`: another sender holds a live lease on it (it may be posting right now);
 * - `leased`: this sender now holds the lease. `earlierAttemptAt` is when the first earlier attempt began,
 *   if any began and none finished (its sender died, or failed): that post may have landed.
 */
export type SendBegin =
  | { kind: 'sent'; message: MessageRef | null }
  | { kind: 'busy'; leaseLeftMs: number }
  | { kind: 'leased'; attempt: number; earlierAttemptAt: Date | null };

/**
 * The record of keyed sends, for two-phase sending: a short lease while a sender posts, "sent" only once
 * the platform has answered. Lease times are the store's own clock, so senders' clocks need not agree.
 */
export interface SendLedger {
  /** Takes the lease for `leaseMs` unless the send is sent or leased by a live sender; kept `keepSeconds`. */
  begin(
    key: string,
    token: string,
    startedAt: Date,
    leaseMs: number,
    keepSeconds: number,
  ): Promise<SendBegin>;
  /** Extends this sender's lease; false when it is no longer this sender's (expired and taken, or sent). */
  renew(key: string, token: string, leaseMs: number): Promise<boolean>;
  /** Records the platform's answer; later begins answer `sent` for `keepSeconds`. */
  markSent(key: string, message: MessageRef | null, keepSeconds: number): Promise<void>;
  /** Gives the lease back after a failed post, so a retry may send at once (after checking, see begin). */
  release(key: string, token: string): Promise<void>;
}

/** Schedules and cancels an action's reminders (BullMQ behind it). */
export interface Scheduler {
  /** (Re)computes and schedules the action's reminders; cancels them when it is closed. */
  actionChanged(action: Action): Promise<void>;
  /** The channel's settings or meetings changed: reschedule its digests and matters-arising post. */
  channelChanged(channel: ChannelRef): Promise<void>;
}

/**
 * The jobs of a whole workspace, for the app's install lifecycle (not a change of an action): a removed
 * workspace (uninstalled, bot token revoked) must not keep delayed jobs that can only fail, and a
 * reinstalled one gets them back. Both are idempotent, so a redelivered event is harmless.
 */
export interface WorkspaceSchedules {
  /**
   * Removes the workspace's queued jobs: each open action's reminders, each channel's weekly digest and
   * matters-arising post. The actions themselves are kept, and their plans stay recorded as complete, so
   * the repair pass does not plan them again while the workspace is away.
   */
  workspaceRemoved(workspace: Workspace): Promise<void>;
  /** Plans the workspace's channels and open actions again, as after a change of each channel. */
  workspaceAdded(workspace: Workspace): Promise<void>;
}

/**
 * Which actions' reminder plans are complete: each plan, once written in full, records the action's
 * version. The repair pass plans again (through `Scheduler.actionChanged`, which is idempotent) every
 * open action whose latest version has no complete plan.
 */
export interface ReminderPlans {
  /** Those of the channel's actions whose latest version has no complete plan. */
  unplanned(channel: ChannelRef, actions: Action[]): Promise<Action[]>;
}
