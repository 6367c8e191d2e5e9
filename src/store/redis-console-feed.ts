/**
 * The ConsolePaneFeed on Redis pub/sub: a connection of its own (a subscribing client can do nothing else)
 * subscribed to the channel RedisConsolePanes publishes on. It subscribes on every (re)connection, so a
 * subscription that failed while Redis was down is made later.
 */
import type { ConsoleEvent, ConsolePaneFeed } from '../core/console-pane-store';
import type { RedisClient } from './redis-connection';
import { consoleEventsChannel } from './redis-console-panes';

export class RedisConsoleFeed implements ConsolePaneFeed {
  private readonly channel: string;
  private readonly listeners: ((event: ConsoleEvent) => void)[] = [];

  /** `onError` hears a subscription that failed (it is tried again at the next reconnection). */
  constructor(
    private readonly subscriber: RedisClient,
    prefix: string,
    onError: (error: unknown) => void,
  ) {
    this.channel = consoleEventsChannel(prefix);
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).catch(onError);
    });
    subscriber.on('message', (from: string, raw: string) => {
      if (from === this.channel) this.dispatch(raw);
    });
  }

  listen(listener: (event: ConsoleEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
    await Promise.race([
      this.subscriber.quit().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
    this.subscriber.disconnect();
  }

  /** Passes on an announcement that parses; anything else on the channel is ignored. */
  private dispatch(raw: string): void {
    let event: ConsoleEvent;
    try {
      event = JSON.parse(raw) as ConsoleEvent;
    } catch {
      return;
    }
    for (const listener of this.listeners) listener(event);
  }
}
