/**
 * Takes each signed Slack request once. Bolt's signature check refuses a request older than five minutes
 * (and futureTimestampGuard one stamped over five minutes ahead), but inside that window the very same
 * signed request could be sent again by anyone who saw it, and each copy would act again: five copies of
 * `/action add …` made five actions.
 *
 * The key is a SHA-256 digest of the request's body. The signature covers the body, so a replay carries
 * the same body byte for byte; two real requests never do, since Slack gives every slash command, button
 * press and form submission its own trigger_id (and a button press its own action_ts). A replay is
 * acknowledged (Slack, or whoever sent it, sees 200) and does nothing.
 *
 * Events are left to their own claim by event_id (slack-adapter.ts): Slack resends an event with a new
 * timestamp when it missed our answer, and that retry must be recognised as the same event.
 */
import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../core/logger';

/**
 * How long a request is remembered: a timestamp is accepted from five minutes behind the clock to five
 * minutes ahead of it, so a copy can arrive up to ten minutes after the first; five more as a margin.
 */
export const REQUEST_CLAIM_TTL_SECONDS = 15 * 60;

export interface ReplayGuardDeps {
  /** The store's one-off claim: true the first time a key is claimed within its TTL. */
  claimOnce: (key: string, ttlSeconds: number) => Promise<boolean>;
  logger: Logger;
}

/** The claim key of a request: its body's digest (the parsed body, which is the signed body's content). */
export function requestClaimKey(body: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return `slack:request:${digest}`;
}

/** Bolt global middleware: a request already taken is acknowledged and goes no further. */
export function replayGuard(deps: ReplayGuardDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    // Events are acknowledged by Bolt itself and de-duplicated by event_id; only the rest carry ack.
    // A menu's options request only reads, and the same search may well be typed twice.
    if (!('ack' in args) || typeof args.ack !== 'function' || 'options' in args) {
      await args.next();
      return;
    }
    if (await isFirstDelivery(deps, args.body)) {
      await args.next();
      return;
    }
    const ack = args.ack as () => Promise<void>;
    await ack();
  };
}

/**
 * The longest the claim may hold up a request: the listener's ack comes after it, and Slack wants that
 * within 3 s. A claim takes a millisecond; one this slow means the store is in trouble.
 */
const CLAIM_WAIT_MS = 500;

async function isFirstDelivery(deps: ReplayGuardDeps, body: unknown): Promise<boolean> {
  const key = requestClaimKey(body);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), CLAIM_WAIT_MS);
  });
  try {
    const first = await Promise.race([deps.claimOnce(key, REQUEST_CLAIM_TTL_SECONDS), slow]);
    if (first === false) deps.logger.warn(`Ignoring a Slack request already taken (${key}): a replay`);
    return first !== false;
  } catch {
    // Without the store (or when it is this slow) the request cannot be recorded, and can do nothing
    // either: let it through, so the user is told the store is unavailable rather than met with silence.
    return true;
  } finally {
    clearTimeout(timer);
  }
}
