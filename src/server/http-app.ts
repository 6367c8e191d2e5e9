/**
 * The HTTP surface of the service: an express 5 app with `GET /healthz`; the Slack receiver mounts
 * `POST /slack/events` on it (Bolt reads the raw body itself to check Slack's signature, so this app
 * installs no body parser of its own), Teams `POST /api/messages`, and the composition root the console,
 * `/metrics` and `/admin/queues`.
 *
 * `/healthz` answers 200 `{"status":"ok","redis":"ok","queues":{"reminders":{"workers":2},…}}` when Redis
 * answers PING (CONTRACT.md: `status` is exactly "ok" then), with each queue's worker count as BullMQ sees
 * it across every process (null when it cannot be read, such as on a Redis that refuses CLIENT LIST; that
 * alone does not make the service unhealthy). It answers 503 with the reason when Redis does not answer,
 * or answers but is unusable (`refused`: it refuses Arising's commands, or the cluster is not `ok`),
 * and 503 `stopping` once SIGTERM has been received, so a load balancer stops sending requests here.
 */
import express, {
  type Application,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Logger } from '../core/logger';

/** What /healthz needs from Redis. */
export interface Pingable {
  ping(): Promise<string>;
}

/** What /healthz needs from a queue (BullMQ's Queue fits). */
export interface WorkerCountable {
  getWorkersCount(): Promise<number>;
}

/** /healthz gives Redis this long to answer before it reports the service unavailable. */
export const HEALTH_TIMEOUT_MS = 2000;

async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function pingWithin(redis: Pingable, ms: number): Promise<void> {
  const answer = await within(redis.ping(), ms);
  if (answer !== 'PONG') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
}

/** Each queue's worker count, or null where it could not be read in time. */
async function workerCounts(
  queues: Record<string, WorkerCountable>,
): Promise<Record<string, { workers: number | null }>> {
  const entries = await Promise.all(
    Object.entries(queues).map(async ([name, queue]) => {
      const workers = await within(queue.getWorkersCount(), HEALTH_TIMEOUT_MS).catch(() => null);
      return [name, { workers }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export interface HttpAppDeps {
  redis: Pingable;
  logger: Logger;
  /** Queue name to queue, for the worker counts in /healthz. */
  queues?: Record<string, WorkerCountable>;
  /**
   * Why Redis, though it answers PING, cannot be used just now (null when it can): /healthz then answers
   * 503 `refused` with it.
   */
  unusable?: () => Promise<string | null>;
  /** True once the service is stopping: /healthz then answers 503. */
  stopping?: () => boolean;
  /** Middleware that sees every request, installed before any route (request metrics). */
  before?: RequestHandler[];
}

export function createHttpApp(deps: HttpAppDeps): Application {
  const app = express();
  app.disable('x-powered-by');
  for (const handler of deps.before ?? []) app.use(handler);
  app.get('/healthz', async (_req, res) => {
    if (deps.stopping?.()) {
      res.status(503).json({ status: 'stopping', reason: 'the service is shutting down' });
      return;
    }
    try {
      await pingWithin(deps.redis, HEALTH_TIMEOUT_MS);
    } catch (error) {
      const reason = `Redis did not answer PING: ${error instanceof Error ? error.message : String(error)}`;
      deps.logger.warn(`/healthz: ${reason}`);
      res.status(503).json({ status: 'unavailable', redis: 'unavailable', reason });
      return;
    }
    const refused = await within(deps.unusable?.() ?? Promise.resolve(null), HEALTH_TIMEOUT_MS).catch(
      (error: unknown) => `Redis did not say whether it is usable: ${String(error)}`,
    );
    if (refused !== null) {
      deps.logger.warn(`/healthz: ${refused}`);
      res.status(503).json({ status: 'unavailable', redis: 'refused', reason: refused });
      return;
    }
    res.json({ status: 'ok', redis: 'ok', queues: await workerCounts(deps.queues ?? {}) });
  });
  return app;
}

/** The last handlers: 404 for every other route, and a 500 that logs instead of leaking a stack. */
export function finishHttpApp(app: Application, logger: Logger): void {
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found', path: req.path });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error('HTTP request failed:', error);
    if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
  });
}
