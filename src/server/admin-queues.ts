/**
 * The queue dashboard (Bull Board) at `/admin/queues`, for an admin to see reminders waiting, retry or
 * remove failed jobs. It can change jobs, so it is served only when ADMIN_PASSWORD is set, and only
 * behind HTTP basic auth (user `admin`); without the variable the path is not mounted at all and answers
 * 404 like any unknown path.
 *
 * The password check compares SHA-256 digests with timingSafeEqual: equal-length buffers whatever was
 * sent, so the time taken says nothing about how much of the password was right.
 *
 * Bull Board itself is loaded only when the dashboard is mounted: without ADMIN_PASSWORD the service
 * starts without it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Application, NextFunction, Request, Response } from 'express';

export const ADMIN_PATH = '/admin/queues';
export const ADMIN_USER = 'admin';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The user and password of a Basic Authorization header, or null. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Lets a request through only with user `admin` and the password; answers 401 with a challenge otherwise. */
export function basicAuth(password: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = basicCredentials(req.headers.authorization);
    // Both comparisons always run, so a wrong user takes as long as a wrong password.
    const userOk = same(given?.user ?? '', ADMIN_USER);
    const passwordOk = same(given?.password ?? '', password);
    if (given && userOk && passwordOk) {
      next();
      return;
    }
    res
      .status(401)
      .set('www-authenticate', 'Basic realm="Arising admin", charset="UTF-8"')
      .json({ error: 'unauthorized' });
  };
}

/** Mounts the dashboard for these queues, when a password is set; returns whether it did. */
export function serveAdminQueues(app: Application, password: string | null, queues: Queue[]): boolean {
  if (!password) return false;
  const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
  const { BullMQAdapter } =
    require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
  const { ExpressAdapter } = require('@bull-board/express') as typeof import('@bull-board/express');
  const board = new ExpressAdapter();
  board.setBasePath(ADMIN_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
  app.use(ADMIN_PATH, basicAuth(password), board.getRouter());
  return true;
}
