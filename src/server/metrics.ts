/**
 * Prometheus metrics (prom-client), served at `GET /metrics` in the text format. Each running service
 * has a registry of its own, so several services in one process (the tests) never mix their counts.
 *
 * | metric                                   | type      | labels                 | counted where                                      |
 * |------------------------------------------|-----------|------------------------|----------------------------------------------------|
 * | `arising_actions_created_total`          | counter   | platform               | the store's writes (src/app/metrics-store.ts)      |
 * | `arising_actions_closed_total`           | counter   | platform, state        | the store's writes: open → done or dropped         |
 * | `arising_actions_overdue`                | gauge     |                        | on scrape: one ZCOUNT of the overdue index         |
 * | `arising_reminders_sent_total`           | counter   | platform               | reminder jobs completed (src/app/job-metrics.ts)   |
 * | `arising_digests_sent_total`             | counter   | platform               | digest jobs that posted                            |
 * | `arising_matters_arising_posts_total`    | counter   | platform               | matters-arising jobs that posted                   |
 * | `arising_messages_sent_total`            | counter   | platform, destination  | the Messenger (src/app/metrics-messenger.ts)       |
 * | `arising_send_failures_total`            | counter   | platform, operation    | the Messenger: a post or update that threw         |
 * | `arising_send_unreachable_total`         | counter   | platform               | the Messenger: a post the platform could not take  |
 * | `arising_job_retries_total`              | counter   | queue, job             | BullMQ worker `failed` events with attempts left   |
 * | `arising_job_failures_total`             | counter   | queue, job             | `failed` events with none left                     |
 * | `arising_queue_jobs`                     | gauge     | queue, state           | on scrape: BullMQ job counts                       |
 * | `arising_http_request_duration_seconds`  | histogram | method, route, status  | an express middleware                              |
 * plus Node's process metrics (`arising_process_*`, `arising_nodejs_*`).
 *
 * Counters count what this process did: with ARISING_ROLE=web and =worker apart, the job counters live
 * in the worker processes, which serve no HTTP (see docs/operations.md).
 */
import type { Application, NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** A queue as the depth gauge reads it (BullMQ's Queue fits). */
export interface CountableQueue {
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export interface MetricSources {
  /** Open actions past their due date, across every channel. */
  overdue?: () => Promise<number>;
  /** Queue name to queue, for the depth gauge (a function: the queues are made after the metrics). */
  queues?: () => Record<string, CountableQueue>;
}

/** A scrape never waits longer than this for Redis; a gauge it could not read keeps its last value. */
const SCRAPE_TIMEOUT_MS = 2000;

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'prioritized', 'waiting-children'];

/** Routes whose every sub-path is one label, so a dashboard or static files add no label values. */
const ROUTE_PREFIXES = ['/admin/queues', '/console/static'];

/** Streams stay open for minutes: their duration says nothing about latency. */
const UNTIMED_PATHS = new Set(['/console/api/stream']);

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The route's pattern, never the raw path, so ids in URLs do not make a label value each. */
export function routeLabel(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  const prefix = ROUTE_PREFIXES.find((p) => path === p || path.startsWith(`${p}/`));
  if (prefix) return prefix;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unmatched';
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly actionsCreated: Counter<'platform'>;
  readonly actionsClosed: Counter<'platform' | 'state'>;
  readonly remindersSent: Counter<'platform'>;
  readonly digestsSent: Counter<'platform'>;
  readonly mattersArisingPosts: Counter<'platform'>;
  readonly messagesSent: Counter<'platform' | 'destination'>;
  readonly sendFailures: Counter<'platform' | 'operation'>;
  readonly sendUnreachable: Counter<'platform'>;
  readonly jobRetries: Counter<'queue' | 'job'>;
  readonly jobFailures: Counter<'queue' | 'job'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(sources: MetricSources = {}) {
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    this.actionsCreated = counter('arising_actions_created_total', 'Actions recorded (added or imported)', [
      'platform',
    ]);
    this.actionsClosed = counter('arising_actions_closed_total', 'Actions closed (done) or dropped', [
      'platform',
      'state',
    ]);
    this.remindersSent = counter('arising_reminders_sent_total', 'Reminder direct messages sent', [
      'platform',
    ]);
    this.digestsSent = counter('arising_digests_sent_total', 'Overdue digests posted by the weekly job', [
      'platform',
    ]);
    this.mattersArisingPosts = counter(
      'arising_matters_arising_posts_total',
      'Matters-arising summaries posted before a meeting',
      ['platform'],
    );
    this.messagesSent = counter('arising_messages_sent_total', 'Messages posted to a platform', [
      'platform',
      'destination',
    ]);
    this.sendFailures = counter(
      'arising_send_failures_total',
      'Posts and updates a platform failed (the caller retries or reports them)',
      ['platform', 'operation'],
    );
    this.sendUnreachable = counter(
      'arising_send_unreachable_total',
      'Posts a platform could not deliver (a person who cannot be messaged, a channel the bot is not in)',
      ['platform'],
    );
    this.jobRetries = counter('arising_job_retries_total', 'Job attempts that failed and will be retried', [
      'queue',
      'job',
    ]);
    this.jobFailures = counter('arising_job_failures_total', 'Jobs that failed for good', ['queue', 'job']);
    this.httpDuration = new Histogram({
      name: 'arising_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.gauges(sources);
    collectDefaultMetrics({ register: this.registry, prefix: 'arising_' });
  }

  private gauges(sources: MetricSources): void {
    const registers = [this.registry];
    const { overdue, queues } = sources;
    new Gauge({
      name: 'arising_actions_overdue',
      help: 'Open actions past their due date',
      registers,
      async collect() {
        if (!overdue) return;
        this.set(await within(overdue(), SCRAPE_TIMEOUT_MS).catch(() => Number.NaN));
      },
    });
    new Gauge({
      name: 'arising_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const read = Object.entries(queues?.() ?? {}).map(async ([queue, q]) => {
          const counts = await within(q.getJobCounts(...QUEUE_STATES), SCRAPE_TIMEOUT_MS).catch(() => null);
          for (const state of QUEUE_STATES) {
            if (counts) this.set({ queue, state }, counts[state] ?? 0);
          }
        });
        await Promise.all(read);
      },
    });
  }

  /** Times every request but the event streams. Install it before the routes. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (UNTIMED_PATHS.has(req.path)) {
        next();
        return;
      }
      const end = this.httpDuration.startTimer();
      res.once('finish', () =>
        end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }),
      );
      next();
    };
  }
}

/** `GET /metrics` in the Prometheus text format. */
export function serveMetrics(app: Application, metrics: ServiceMetrics): void {
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  });
}
