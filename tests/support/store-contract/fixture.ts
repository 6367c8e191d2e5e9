/** What a store implementation gives the contract suite (tests/support/store-contract.ts). */
import type { ClaimStore } from '../../../src/core/claim-store';
import type { ConsolePaneFeed, ConsolePaneStore } from '../../../src/core/console-pane-store';
import type { ConversationReferenceStore } from '../../../src/core/conversation-reference-store';
import type { LastReminderStore } from '../../../src/core/last-reminder-store';
import type { ActionStore, SendLedger } from '../../../src/core/ports';

export interface StoreFixture {
  actions: ActionStore;
  claims: ClaimStore;
  sends: SendLedger;
  references: ConversationReferenceStore;
  lastReminders: LastReminderStore;
  consolePanes: ConsolePaneStore;
  /** Hears `consolePanes`' announcements (on Redis, it may take a moment to subscribe). */
  consoleFeed: ConsolePaneFeed;
  /** The clock the console panes stamp messages with; tests set it. */
  clock: { now: Date };
  /**
   * Lets `seconds` pass for the store's expiries (TTLs, leases): the in-memory store's clock moves on; on
   * Redis, whose clock cannot be moved, the test waits that long. Contracts keep these short.
   */
  elapse(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Gives the fixture once beforeAll has made it. */
export type GetFixture = () => StoreFixture;
