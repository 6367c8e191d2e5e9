/**
 * Staying within what Teams allows. The Bot Connector answers 429 when a bot sends too fast (Teams counts
 * per conversation and per bot), and 412, 502 or 504 for passing trouble on its side; all of these are
 * worth retrying, after a wait that grows with each attempt and has jitter, so that many conversations
 * retrying together do not come back at the same instant. A Retry-After from Teams is honoured. Anything
 * else (a 403 for a user who has not installed the app, a 404 for a deleted conversation, a 400) will not
 * get better by retrying and is thrown at once.
 *
 * Sends to one conversation also go one at a time, in order (ConversationLanes in
 * src/messaging/conversation-lanes.ts), so a burst of card updates in a busy channel queues up instead of
 * tripping the limit.
 */
import type { Logger } from '../core/logger';

/** Statuses worth another try. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait before jitter, doubled on each retry. */
  baseMs: number;
  /** No wait is longer than this, Retry-After included. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 20_000 };

/** The HTTP status of a failed Bot Connector call (botbuilder's RestError has `statusCode`). */
export function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  return typeof status === 'number' ? status : null;
}

/** Retry-After of a failed call, in milliseconds, when Teams sent one. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  const headers = (error as { response?: { headers?: { get?: (name: string) => unknown } } } | null)?.response
    ?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The wait before retry number `retry` (1-based): half fixed, half random, doubling each time. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The part of the Logger a retry uses: it only warns. */
export type RetryLog = Pick<Logger, 'warn'>;

/** Runs `call`, retrying the statuses above; the last failure (or the first other one) is thrown. */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  log: RetryLog,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if (status === null || !RETRIABLE_STATUSES.has(status) || attempt >= policy.attempts) throw error;
      const wait = Math.min(policy.maxMs, retryAfterMs(error) ?? backoffMs(attempt, policy));
      log.warn(
        `Teams answered ${status} to ${what}; retry ${attempt} of ${policy.attempts - 1} in ${wait} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
