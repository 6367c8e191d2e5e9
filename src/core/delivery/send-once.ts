/**
 * Two-phase sending: a keyed post (a reminder DM, a digest, a matters-arising post) reaches the platform
 * once, whatever crashes, retries or duplicate job runs happen around it.
 *
 * Jobs run at least once, and a process can die at any instant. A claim taken before posting and kept for
 * weeks (what 0.1 did) loses the post when the sender dies between claim and post: the retry finds the
 * claim and skips. So instead, per send key (SendLedger):
 * 1. begin: take a short lease (only when nobody holds a live one and it is not sent). The lease is renewed
 *    every third of its length while the post is under way, so a live sender waiting out Slack's 429s (up
 *    to 3 × 60 s) or a slow conversations.open keeps it; a dead one loses it within one lease length.
 * 2. If an earlier attempt began and never finished, its post may have landed: ask the platform for a
 *    message carrying the key since that attempt began (`findPosted`). Found: record it as sent and do
 *    not post. Absent, or a platform that cannot tell: post (resend once rather than lose it).
 * 3. Confirm the lease is still ours (a sender paused past its lease, whose send another sender took
 *    over, must not post too), post with the key (Slack keeps it as message metadata), then mark "sent"
 *    for weeks. A failed post gives the lease back, keeping the attempt's start, so the retry checks first.
 * A live lease held by another sender is a retryable error (SendBusyError), never a silent "done": the
 * job comes back and finishes the send, or finds it sent.
 *
 * Failpoints (fault tests kill the process there): `<what>.after-lease` just before posting and
 * `<what>.after-post` after the platform answered, before "sent" is recorded.
 */
import { randomUUID } from 'node:crypto';
import type { MessageRef } from '../domain';
import { failpoint } from '../failpoints';
import type { Clock, Destination, Messenger, SendLedger } from '../ports';
import type { View } from '../view';

/** How long "sent" is remembered: far longer than any job retry or stalled-job recovery takes. */
export const SENT_KEPT_SECONDS = 8 * 7 * 24 * 3600;

/**
 * The lease a sender holds while posting. A dead sender's send is taken over this long after its last
 * renewal; a live one renews it every third of it, so it is never lost while waiting on the platform.
 */
export const DEFAULT_SEND_LEASE_MS = 30_000;

/** What keeping a send's lease and "sent" record needs, whatever carries the send. */
export interface SendLedgerDeps {
  sends: SendLedger;
  clock: Clock;
  /** The lease length (tests shorten it); DEFAULT_SEND_LEASE_MS when left out. */
  sendLeaseMs?: number;
}

export interface SendOnceDeps extends SendLedgerDeps {
  messenger: Messenger;
}

/** What is sent: `what` names the kind for failpoints and messages (reminder, digest, …). */
export interface KeyedSend {
  what: string;
  key: string;
  to: Destination;
  view: View;
  /**
   * Runs once the post is known to be on the platform (posted now, or found after a crash), before it is
   * recorded as sent, so that a crash in between repeats it: it must be idempotent. Its failure is
   * reported in the outcome, not thrown, since the post must not be sent again for it.
   */
  afterPost?: (message: MessageRef) => Promise<void>;
}

/**
 * A keyed send carried by something other than a Messenger (a mail): `deliver` sends it and answers what
 * stands for it (null: the other end refused it for good); `find` looks for an earlier attempt's copy,
 * where the carrier can tell (null: absent or unknown, so it is sent again rather than lost).
 */
export interface KeyedDelivery {
  what: string;
  key: string;
  deliver: () => Promise<MessageRef | null>;
  find?: (since: Date) => Promise<MessageRef | null>;
  afterPost?: (message: MessageRef) => Promise<void>;
}

export type SendOutcome =
  /** Posted by this call; `message` null where the platform could not deliver it. */
  | { kind: 'posted'; message: MessageRef | null; problem?: unknown }
  /** An earlier attempt's post was found on the platform and recorded; nothing was posted now. */
  | { kind: 'found'; message: MessageRef; problem?: unknown }
  /** Recorded as sent by an earlier call. */
  | { kind: 'already-sent'; message: MessageRef | null };

/** Another sender holds a live lease on this send: retry later (it will be sent, or found sent). */
export class SendBusyError extends Error {
  constructor(
    readonly key: string,
    readonly retryInMs: number,
  ) {
    super(`Send ${key} is under way elsewhere; retry in ${Math.ceil(retryInMs / 1000)} s`);
    this.name = 'SendBusyError';
  }
}

/** Sends `send` unless it was sent; see the module comment for the steps and what each guards against. */
export async function sendOnce(deps: SendOnceDeps, send: KeyedSend): Promise<SendOutcome> {
  return deliverOnce(deps, {
    what: send.what,
    key: send.key,
    deliver: () => deps.messenger.post(send.to, send.view, { key: send.key }),
    find: (since) => lookFor(deps, send, since),
    ...(send.afterPost ? { afterPost: send.afterPost } : {}),
  });
}

/** The same two phases for any carrier (sendOnce is this with the messenger). */
export async function deliverOnce(deps: SendLedgerDeps, send: KeyedDelivery): Promise<SendOutcome> {
  const leaseMs = deps.sendLeaseMs ?? DEFAULT_SEND_LEASE_MS;
  const token = randomUUID();
  const begun = await deps.sends.begin(send.key, token, deps.clock.now(), leaseMs, SENT_KEPT_SECONDS);
  if (begun.kind === 'sent') return { kind: 'already-sent', message: begun.message };
  if (begun.kind === 'busy') throw new SendBusyError(send.key, begun.leaseLeftMs);
  const stopRenewing = keepLeased(deps.sends, send.key, token, leaseMs);
  let outcome: SendOutcome;
  try {
    outcome = await sendLeased(deps, send, token, leaseMs, begun.earlierAttemptAt);
  } catch (error) {
    stopRenewing();
    await deps.sends.release(send.key, token).catch(() => undefined);
    throw error;
  }
  stopRenewing();
  return outcome;
}

/** Holding the lease: finds the earlier attempt's post, or posts; "sent" is recorded only after that. */
async function sendLeased(
  deps: SendLedgerDeps,
  send: KeyedDelivery,
  token: string,
  leaseMs: number,
  earlierAttemptAt: Date | null,
): Promise<SendOutcome> {
  const found = earlierAttemptAt && send.find ? await send.find(earlierAttemptAt) : null;
  if (found) {
    const problem = await afterPost(send, found);
    await deps.sends.markSent(send.key, found, SENT_KEPT_SECONDS);
    return { kind: 'found', message: found, ...problem };
  }
  failpoint(`${send.what}.after-lease`);
  if (!(await deps.sends.renew(send.key, token, leaseMs))) {
    // Paused past the lease, and another sender took the send over: let the retry see how it ended.
    throw new SendBusyError(send.key, leaseMs);
  }
  const message = await send.deliver();
  failpoint(`${send.what}.after-post`);
  const problem = message ? await afterPost(send, message) : {};
  await deps.sends.markSent(send.key, message, SENT_KEPT_SECONDS);
  return { kind: 'posted', message, ...problem };
}

/** The earlier attempt's post, when the platform can tell it landed; null when absent or unknown. */
async function lookFor(deps: SendOnceDeps, send: KeyedSend, since: Date): Promise<MessageRef | null> {
  if (!deps.messenger.findPosted) return null;
  const lookup = await deps.messenger.findPosted(send.to, send.key, since);
  return lookup.kind === 'found' ? lookup.message : null;
}

async function afterPost(send: KeyedDelivery, message: MessageRef): Promise<{ problem?: unknown }> {
  if (!send.afterPost) return {};
  try {
    await send.afterPost(message);
    return {};
  } catch (problem) {
    return { problem };
  }
}

/**
 * Renews the lease every third of its length until stopped. A failed renewal (Redis briefly away) is
 * let be: the next one may succeed, and a lease that did run out only means a retry checks before posting.
 */
function keepLeased(sends: SendLedger, key: string, token: string, leaseMs: number): () => void {
  const timer = setInterval(
    () => {
      sends.renew(key, token, leaseMs).catch(() => undefined);
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
