/**
 * The SendLedger in memory, with the Redis ledger's rules (redis-send-ledger.ts): a lease is taken unless
 * the send is sent or leased by a live sender; lease times are the injected clock's; the first attempt's
 * start is kept for the retry to look from; a record is kept `keepSeconds` from its last begin or sent.
 */
import type { MessageRef } from '../../core/domain';
import type { Clock, SendBegin, SendLedger } from '../../core/ports';
import { ExpiringMap } from './expiring-map';

interface SendRecord {
  state: 'leased' | 'open' | 'sent';
  token: string | null;
  /** Epoch ms when the lease runs out. */
  until: number;
  startedAt: number | null;
  attempts: number;
  message: MessageRef | null;
}

export class MemorySendLedger implements SendLedger {
  private readonly sends: ExpiringMap<SendRecord>;

  constructor(private readonly clock: Clock) {
    this.sends = new ExpiringMap(clock);
  }

  async begin(
    key: string,
    token: string,
    startedAt: Date,
    leaseMs: number,
    keepSeconds: number,
  ): Promise<SendBegin> {
    const now = this.clock.now().getTime();
    const found = this.sends.get(key);
    if (found?.state === 'sent') return { kind: 'sent', message: structuredClone(found.message) };
    if (found?.state === 'leased' && found.until > now)
      return { kind: 'busy', leaseLeftMs: found.until - now };
    const earlier = found?.startedAt ?? null;
    const record: SendRecord = {
      state: 'leased',
      token,
      until: now + Math.ceil(leaseMs),
      startedAt: earlier ?? startedAt.getTime(),
      attempts: (found?.attempts ?? 0) + 1,
      message: null,
    };
    this.sends.set(key, record, keepSeconds * 1000);
    return {
      kind: 'leased',
      attempt: record.attempts,
      earlierAttemptAt: earlier === null ? null : new Date(earlier),
    };
  }

  async renew(key: string, token: string, leaseMs: number): Promise<boolean> {
    const found = this.sends.get(key);
    if (found?.state !== 'leased' || found.token !== token) return false;
    found.until = this.clock.now().getTime() + Math.ceil(leaseMs);
    return true;
  }

  async markSent(key: string, message: MessageRef | null, keepSeconds: number): Promise<void> {
    const found = this.sends.get(key);
    const record: SendRecord = {
      state: 'sent',
      token: null,
      until: 0,
      startedAt: found?.startedAt ?? null,
      attempts: found?.attempts ?? 0,
      message: message ? structuredClone(message) : null,
    };
    this.sends.set(key, record, keepSeconds * 1000);
  }

  async release(key: string, token: string): Promise<void> {
    const found = this.sends.get(key);
    if (found?.state !== 'leased' || found.token !== token) return;
    found.state = 'open';
    found.token = null;
  }
}
