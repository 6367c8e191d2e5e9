/**
 * Every store port on one Redis, for the composition root (src/app/start-service.ts) and the CLI: the
 * adapters are given these objects and never build keys themselves (keys.ts is the store's own).
 *
 *   const stores = redisStores(redis, config.redisPrefix);
 *   teamsParts(config.teams, stores, logger); serveTeams(http, teams, service, stores.claims);
 */
import type { CalendarIndex } from '../core/calendar/calendar-ports';
import type { CheckinStore } from '../core/checkin/checkin-store';
import type { ClaimStore } from '../core/claim-store';
import type { ConsolePaneFeed, ConsolePaneStore } from '../core/console-pane-store';
import type { ConversationReferenceStore } from '../core/conversation-reference-store';
import type { LastReminderStore } from '../core/last-reminder-store';
import type { ViewPages } from '../core/view-pages';
import { RedisActionStore } from './redis-action-store';
import { RedisCalendarIndex } from './redis-calendar-index';
import { RedisCheckins } from './redis-checkins';
import { RedisClaimStore } from './redis-claim-store';
import type { RedisClient } from './redis-connection';
import { RedisConsoleFeed } from './redis-console-feed';
import { RedisConsolePanes } from './redis-console-panes';
import { RedisConversationReferences } from './redis-conversation-references';
import { RedisLastReminders } from './redis-last-reminders';
import { RedisViewPages } from './redis-view-pages';

export interface RedisStores {
  actions: RedisActionStore;
  claims: ClaimStore;
  references: ConversationReferenceStore;
  lastReminders: LastReminderStore;
  consolePanes: ConsolePaneStore;
  /** The channels with a meeting calendar, for the daily refresh. */
  calendars: CalendarIndex;
  /** Who was asked before a meeting and what they answered (`settings checkin`). */
  checkins: CheckinStore;
  /** The Slack Home tab page each person is on, shared by every process. */
  homePages: ViewPages;
  /**
   * The console's feed, on `subscriber`: a connection of its own, since a subscribing client can do
   * nothing else. `onError` hears a subscription that failed (it is made again at the next reconnection).
   */
  consoleFeed(subscriber: RedisClient, onError: (error: unknown) => void): ConsolePaneFeed;
}

export function redisStores(redis: RedisClient, prefix: string): RedisStores {
  return {
    actions: new RedisActionStore({ redis, prefix }),
    claims: new RedisClaimStore(redis, prefix),
    references: new RedisConversationReferences(redis, prefix),
    lastReminders: new RedisLastReminders(redis, prefix),
    consolePanes: new RedisConsolePanes(redis, prefix),
    calendars: new RedisCalendarIndex(redis, prefix),
    checkins: new RedisCheckins(redis, prefix),
    homePages: new RedisViewPages(redis, prefix),
    consoleFeed: (subscriber, onError) => new RedisConsoleFeed(subscriber, prefix, onError),
  };
}
