/**
 * The core service wired to the real Redis store, a messenger that records what it was asked to send
 * (the Messenger port, standing in for Slack or Teams) and a clock the test sets.
 */
import { AriseService } from '../../src/core/arising-service';
import type { Reply } from '../../src/core/chat-service';
import type { Action, Actor, ChannelRef } from '../../src/core/domain';
import type { Scheduler } from '../../src/core/ports';
import type { ServiceDeps } from '../../src/core/service-deps';
import type { View } from '../../src/core/view';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RecordingMessenger } from './recording-messenger';
import type { TestRedis } from './redis';

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
  store: RedisActionStore;
  messenger: RecordingMessenger;
  scheduler: SchedulerLog;
  channel: ChannelRef;
  clock: { now: Date };
  as(userId: string, channel?: ChannelRef): Actor;
}

export function coreHarness(
  r: TestRedis,
  now: Date,
  timezone = 'Europe/London',
  extra: Pick<ServiceDeps, 'holidays'> = {},
): CoreHarness {
  channels += 1;
  const channel: ChannelRef = { platform: 'slack', team: 'T1', channel: `C${channels}` };
  const store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  const messenger = new RecordingMessenger();
  const scheduler = new SchedulerLog();
  const clock = { now };
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
