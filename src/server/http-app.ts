/**
 * The HTTP surface of the service: an express 5 app with `GET /healthz`; the Slack receiver mounts
 * `POST /slack/events` on it (Bolt reads the raw body itself to check Slack's signature, so this app
 * installs no body parser of its own). `POST /api/messages` is reserved for Teams and answers 404 until
 * the Teams adapter exists.
 */
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../app/logger';

/** What /healthz needs from Redis. */
export interface Pingable {
  ping(): Promise<string>;
}

/** /healthz gives Redis this long to answer before it reports the service unavailable. */
export const HEALTH_TIMEOUT_MS = 2000;

async function pingWithin(redis: Pingable, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    const answer = await Promise.race([redis.ping(), timeout]);
    if (answer !== 'PONG') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpApp(deps: { redis: Pingable; logger: Logger }): Application {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await pingWithin(deps.redis, HEALTH_TIMEOUT_MS);
      res.json({ status: 'ok' });
    } catch (error) {
      const reason = `Redis did not answer PING: ${error instanceof Error ? error.message : String(error)}`;
      deps.logger.warn(`/healthz: ${reason}`);
      res.status(503).json({ status: 'unavailable', reason });
    }
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
