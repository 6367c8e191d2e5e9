/**
 * What the composition root adds for running Arising as a service, kept here so start-service.ts stays a
 * list of parts: the metrics and the decorators that feed them, `/metrics`, the queue dashboard, the
 * console's event subscription, and the log lines that say what is served.
 */

import type { Queue } from 'bullmq';
import type { Application } from 'express';
import type { JobQueues } from '../../jobs/bullmq-scheduler';
import { CHANNEL_POST_QUEUE, REMINDER_QUEUE } from '../../jobs/job-settings';
import { type Config, redisTarget } from '../config';
import type { Logger } from '../core/logger';
import type { ActionStore, Messenger } from '../core/ports';
import { ADMIN_PATH, ADMIN_USER, serveAdminQueues } from '../server/admin-queues';
import { ServiceMetrics, serveMetrics } from '../server/metrics';
import { createRedisClient, type RedisClient } from '../store/redis-connection';
import { RedisOverdueIndex } from '../store/redis-overdue-index';
import { MetricsMessenger } from './metrics-messenger';
import { MetricsActionStore } from './metrics-store';

export interface Operations {
  metrics: ServiceMetrics;
  /** The store, counting actions created and closed and keeping the overdue index. */
  countStore(store: ActionStore): ActionStore;
  /** The messenger, counting sends and failures by platform. */
  countMessenger(messenger: Messenger): Messenger;
}

/** The metrics of this process; `queues` is read at each scrape (the queues are made later). */
export function operations(
  redis: RedisClient,
  prefix: string,
  logger: Logger,
  queues: () => Record<string, Queue>,
): Operations {
  const overdue = new RedisOverdueIndex(redis, prefix);
  const metrics = new ServiceMetrics({ overdue: () => overdue.count(new Date()), queues });
  return {
    metrics,
    countStore: (store) => new MetricsActionStore(store, metrics, overdue, logger),
    countMessenger: (messenger) => new MetricsMessenger(messenger, metrics),
  };
}

/** The job queues by their names, as /healthz, /metrics and the dashboard show them. */
export function namedQueues(scheduler: { queues: JobQueues } | null): Record<string, Queue> {
  if (!scheduler) return {};
  return {
    [REMINDER_QUEUE]: scheduler.queues.reminders,
    [CHANNEL_POST_QUEUE]: scheduler.queues.channelPosts,
  };
}

/** Mounts `/metrics` and, when ADMIN_PASSWORD is set, the queue dashboard; logs what it did. */
export function serveOperations(
  http: Application,
  ops: Operations,
  config: Pick<Config, 'adminPassword'>,
  queues: Queue[],
  logger: Logger,
): void {
  serveMetrics(http, ops.metrics);
  logger.info('Metrics: GET /metrics (Prometheus text format)');
  if (serveAdminQueues(http, config.adminPassword, queues)) {
    logger.info(`Admin: queue dashboard at ${ADMIN_PATH} (HTTP basic auth, user "${ADMIN_USER}")`);
  } else {
    logger.info(`Admin dashboard disabled: ADMIN_PASSWORD is not set (${ADMIN_PATH} answers 404)`);
  }
}

/** A Redis connection of the console's own for its event subscription; its errors go to `onError`. */
export function consoleSubscriber(
  config: Pick<Config, 'redisUrl' | 'redisCluster'>,
  onError: (error: Error) => void,
): RedisClient {
  return createRedisClient(redisTarget(config), { onError });
}

/** Why the console is not served, for the start-up log. */
export function consoleDisabledReason(config: Pick<Config, 'console'>): string {
  if (config.console.mode === 'off') return 'ARISING_CONSOLE is off';
  return 'Slack or Teams is configured (ARISING_CONSOLE=on serves it beside them)';
}
