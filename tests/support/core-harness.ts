/**
 * The core service wired to the in-memory store (src/store/memory, which keeps the same store contract as
 * the Redis one: tests/support/store-contract.ts), a messenger that records what it was asked to send (the
 * Messenger port, standing in for Slack or Teams) and a clock the test sets. No Redis: the core suites
 * built on it run in `npm test` without one. Each harness has a store of its own.
 */
import { AriseService } from '../../src/core/arising-service';
import type { Reply } from '../../src/core/chat-service';
import type { Action, Actor, ChannelRef } from '../../src/core/domain';
import type { Scheduler } from '../../src/core/ports';
import type { ServiceDeps } from '../../src/core/service-deps';
import type { View } from '../../src/core/view';
import { MemoryActionStore } from '../../src/store/memory/memory-action-store';
import { RecordingMessenger } from './recording-messenger';

export class SchedulerLog implements Scheduler {
  changed: Action[] = [];
  channels: ChannelRef[] = [];
  async actionChanged(action: Action): Promise<void> {
    this.changed.push(action);
  }
  async channelChanged(channel: ChannelRef): Promise<void> {
    this.channels.push(channel);
  }
}

let channels = 0;

export interface CoreHarness {
  service: AriseService;
  store: MemoryActionStore;
  messenger: RecordingMessenger;
  scheduler: SchedulerLog;
  channel: ChannelRef;
  clock: { now: Date };
  as(userId: string, channel?: ChannelRef): Actor;
}

export function coreHarness(
  now: Date,
  timezone = 'Europe/London',
  extra: Pick<ServiceDeps, 'holidays' | 'calendars'> = {},
): CoreHarness {
  channels += 1;
  const channel: ChannelRef = { platform: 'slack', team: 'T1', channel: `C${channels}` };
  const clock = { now };
  const store = new MemoryActionStore({ now: () => clock.now });
  const messenger = new RecordingMessenger();
  const scheduler = new SchedulerLog();
  const service = new AriseService({
    store,
    messenger,
    scheduler,
    clock: { now: () => clock.now },
    defaultTimezone: timezone,
    ...extra,
  });
  return {
    service,
    store,
    messenger,
    scheduler,
    channel,
    clock,
    as: (userId, ch = channel) => ({ channel: ch, userId }),
  };
}

/** The plain text a reply shows, or '' when it shows nothing. */
export function replyText(reply: Reply | null): string {
  return reply && (reply.kind === 'ephemeral' || reply.kind === 'channel') ? reply.view.text : '';
}

/** Everything a view shows, as one string to search. */
export function viewText(view: View): string {
  return JSON.stringify(view.blocks);
}

/** The value, or a failed test saying what was missing. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Expected ${what}`);
  return value;
}
