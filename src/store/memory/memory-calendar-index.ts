/** The CalendarIndex in memory, for core tests, as redis-calendar-index.ts keeps it on Redis. */
import type { CalendarIndex } from '../../core/calendar/calendar-ports';
import { type ChannelRef, ChannelRefSchema, channelId } from '../../core/domain';

export class MemoryCalendarIndex implements CalendarIndex {
  private readonly channels = new Map<string, ChannelRef>();

  async add(channel: ChannelRef): Promise<void> {
    this.channels.set(channelId(channel), ChannelRefSchema.parse(channel));
  }

  async remove(channel: ChannelRef): Promise<void> {
    this.channels.delete(channelId(channel));
  }

  async list(): Promise<ChannelRef[]> {
    return [...this.channels.values()];
  }
}
