/**
 * The ConsolePaneStore and its feed in memory, for one process: messages expire by the injected clock
 * after MESSAGE_TTL_SECONDS, each pane keeps its newest PANE_CAP, ids come from one counter, and every
 * add and update is announced to the feed's listeners as it is made.
 */
import {
  type ConsoleEvent,
  type ConsoleMessage,
  type ConsolePaneFeed,
  type ConsolePaneStore,
  MESSAGE_TTL_SECONDS,
  type NewConsoleMessage,
  PANE_CAP,
  type PaneId,
} from '../../core/console-pane-store';
import type { ChannelRef } from '../../core/domain';
import type { Clock } from '../../core/ports';
import type { View } from '../../core/view';
import { ExpiringMap } from './expiring-map';

const key = (...parts: string[]): string => JSON.stringify(parts);
const channelKey = (c: ChannelRef): string => key(c.platform, c.team, c.channel);

export class MemoryConsolePanes implements ConsolePaneStore {
  private seq = 0;
  private readonly messages: ExpiringMap<ConsoleMessage>;
  private readonly panes = new Map<string, string[]>();
  private readonly setUp = new Set<string>();
  private readonly listeners = new Set<(event: ConsoleEvent) => void>();

  constructor(private readonly clock: Clock) {
    this.messages = new ExpiringMap(clock);
  }

  async add(channel: ChannelRef, draft: NewConsoleMessage): Promise<ConsoleMessage> {
    this.seq += 1;
    const at = this.clock.now().toISOString();
    const message: ConsoleMessage = { ...structuredClone(draft), id: `m${this.seq}`, at, editedAt: null };
    this.messages.set(key(channelKey(channel), message.id), message, MESSAGE_TTL_SECONDS * 1000);
    const paneKey = key(channelKey(channel), message.pane);
    const ids = [...(this.panes.get(paneKey) ?? []), message.id];
    this.panes.set(paneKey, ids.slice(-PANE_CAP));
    this.announce({ type: 'post', channel, message });
    return structuredClone(message);
  }

  async get(channel: ChannelRef, id: string): Promise<ConsoleMessage | null> {
    const found = this.messages.get(key(channelKey(channel), id));
    return found ? structuredClone(found) : null;
  }

  async update(channel: ChannelRef, id: string, view: View): Promise<ConsoleMessage | null> {
    const current = this.messages.get(key(channelKey(channel), id));
    if (!current) return null;
    const message = { ...current, view: structuredClone(view), editedAt: this.clock.now().toISOString() };
    this.messages.replace(key(channelKey(channel), id), message);
    this.announce({ type: 'update', channel, message });
    return structuredClone(message);
  }

  async pane(channel: ChannelRef, pane: PaneId): Promise<ConsoleMessage[]> {
    const ids = this.panes.get(key(channelKey(channel), pane)) ?? [];
    return ids.flatMap((id) => {
      const found = this.messages.get(key(channelKey(channel), id));
      return found ? [structuredClone(found)] : [];
    });
  }

  async claimSetup(channel: ChannelRef): Promise<boolean> {
    if (this.setUp.has(channelKey(channel))) return false;
    this.setUp.add(channelKey(channel));
    return true;
  }

  async releaseSetup(channel: ChannelRef): Promise<void> {
    this.setUp.delete(channelKey(channel));
  }

  /** A feed of this store's announcements; closing it stops only its own listeners. */
  feed(): ConsolePaneFeed {
    const own = new Set<(event: ConsoleEvent) => void>();
    return {
      listen: (listener) => {
        own.add(listener);
        this.listeners.add(listener);
      },
      close: async () => {
        for (const listener of own) this.listeners.delete(listener);
        own.clear();
      },
    };
  }

  private announce(event: ConsoleEvent): void {
    for (const listener of this.listeners) listener(structuredClone(event));
  }
}
