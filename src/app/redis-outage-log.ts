/**
 * What the log says while Redis is down: one line when it goes, one when it is back, and nothing in
 * between. A service holds several connections to the same Redis (its own client, BullMQ's queues and
 * workers with two each, the console's subscriber), each of which reports every failed reconnect, a
 * few a second; logged one by one they buried everything else in hundreds of lines.
 *
 * The service's own client decides the state: its error marks Redis down, its `ready` marks it back. An
 * error from any other connection while Redis is down is only counted. While the service's own client
 * is connected, another connection's trouble is its own (or the tail of a reconnect) and is logged, at
 * most once a minute per connection. An error that is not about reaching Redis is always logged.
 */
import type { Logger } from '../core/logger';
import { isUnavailableError } from '../store/redis-connection';

/** The part of the Logger this needs (a test passes three functions). */
export type OutageLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RedisOutageLogOptions {
  logger: OutageLogger;
  /** Which Redis, for the log (its URL without the password). */
  where: string;
  /** True while the service's own client is connected. */
  connected: () => boolean;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
}

/** How often one connection's own trouble is logged while the service's client is connected. */
const PER_CONNECTION_INTERVAL_MS = 60_000;

export class RedisOutageLog {
  private downSince: number | null = null;
  private unlogged = 0;
  private readonly lastLogged = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: RedisOutageLogOptions) {
    this.now = options.now ?? Date.now;
  }

  /** True from the first failure of the service's own client until it is connected again. */
  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** The service's own client failed: the first failure of an outage is logged, the rest counted. */
  down(error: Error): void {
    if (this.downSince !== null) {
      this.unlogged += 1;
      return;
    }
    this.downSince = this.now();
    this.unlogged = 0;
    this.options.logger.warn(
      `Redis is down at ${this.options.where}: ${error.message}. Retrying in the background; its ` +
        'connection errors are not logged again until it is back.',
    );
  }

  /** The service's own client is connected: the end of an outage is logged. */
  up(): void {
    if (this.downSince === null) return;
    const seconds = Math.round((this.now() - this.downSince) / 1000);
    this.options.logger.info(
      `Redis is back after ${seconds} s (${this.unlogged} connection errors in the meantime not logged).`,
    );
    this.downSince = null;
    this.lastLogged.clear();
  }

  /** An error from another connection to Redis: `source` names it ("Worker reminders"). */
  report(source: string, error: unknown): void {
    if (!isUnavailableError(error)) {
      this.options.logger.error(`${source}:`, error);
      return;
    }
    if (this.downSince !== null) {
      this.unlogged += 1;
      return;
    }
    if (!this.options.connected()) {
      // The service's own client is not connected either: Redis is down, and this says why first.
      this.down(error as Error);
      return;
    }
    const last = this.lastLogged.get(source);
    if (last !== undefined && this.now() - last < PER_CONNECTION_INTERVAL_MS) {
      this.unlogged += 1;
      return;
    }
    this.lastLogged.set(source, this.now());
    this.options.logger.warn(`${source}: cannot reach Redis:`, error);
  }
}
