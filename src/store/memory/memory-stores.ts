/**
 * Every store port in memory, sharing one clock, as redisStores gives them on Redis: for core tests that
 * need no Redis (`npm test` runs them without one) and for trying the core in a single process.
 */
import type { CheckinStore } from '../../core/checkin/checkin-store';
import type { ClaimStore } from '../../core/claim-store';
import type { ConversationReferenceStore } from '../../core/conversation-reference-store';
import type { LastReminderStore } from '../../core/last-reminder-store';
import type { Clock, SendLedger } from '../../core/ports';
import { MemoryActionStore } from './memory-action-store';
import { MemoryCheckins } from './memory-checkins';
import { MemoryClaimStore } from './memory-claim-store';
import { MemoryConsolePanes } from './memory-console-panes';
import { MemoryConversationReferences } from './memory-conversation-references';
import { MemoryLastReminders } from './memory-last-reminders';
import { MemorySendLedger } from './memory-send-ledger';

export interface MemoryStores {
  actions: MemoryActionStore;
  claims: ClaimStore;
  references: ConversationReferenceStore;
  lastReminders: LastReminderStore;
  consolePanes: MemoryConsolePanes;
  sends: SendLedger;
  checkins: CheckinStore;
}

export function memoryStores(clock: Clock): MemoryStores {
  const claims = new MemoryClaimStore(clock);
  return {
    actions: new MemoryActionStore(clock, claims),
    claims,
    references: new MemoryConversationReferences(),
    lastReminders: new MemoryLastReminders(clock),
    consolePanes: new MemoryConsolePanes(clock),
    sends: new MemorySendLedger(clock),
    checkins: new MemoryCheckins(),
  };
}
