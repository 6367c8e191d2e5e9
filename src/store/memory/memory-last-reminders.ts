/** The LastReminderStore in memory: one entry per conversation, expiring by the injected clock. */
import type { ChannelRef } from '../../core/domain';
import { LAST_REMINDER_TTL_SECONDS, type LastReminderStore } from '../../core/last-reminder-store';
import type { Clock } from '../../core/ports';
import { ExpiringMap } from './expiring-map';

export class MemoryLastReminders implements LastReminderStore {
  private readonly latest: ExpiringMap<string>;

  constructor(clock: Clock) {
    this.latest = new ExpiringMap(clock);
  }

  private key(chat: ChannelRef): string {
    return JSON.stringify([chat.platform, chat.team, chat.channel]);
  }

  async setLastReminder(chat: ChannelRef, messageId: string): Promise<void> {
    this.latest.set(this.key(chat), messageId, LAST_REMINDER_TTL_SECONDS * 1000);
  }

  async lastReminder(chat: ChannelRef): Promise<string | null> {
    return this.latest.get(this.key(chat)) ?? null;
  }
}
