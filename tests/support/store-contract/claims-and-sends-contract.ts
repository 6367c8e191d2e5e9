/**
 * One-off claims (the ClaimStore, and the ActionStore's own for the repair job) and the send ledger: one
 * sender at a time holds a send's lease; a lease that runs out (its sender died) is taken over with the
 * first attempt's start, so the new sender can look for that post; a released one is taken again at once;
 * "sent" is final and remembers the message.
 */
import type { GetFixture } from './fixture';

const KEEP = 3600;
const T1 = new Date('2026-07-01T09:00:00.000Z');
const T2 = new Date('2026-07-01T09:05:00.000Z');

export function claimsAndSendsContract(fixture: GetFixture): void {
  describe('one-off claims', () => {
    it('are true for the first claim only, and free again once their time is up', async () => {
      const { claims } = fixture();
      expect(await claims.claimOnce('slack:event:Ev0123', 60)).toBe(true);
      expect(await claims.claimOnce('slack:event:Ev0123', 60)).toBe(false);
      expect(await claims.claimOnce('slack:event:Ev0124', 60)).toBe(true);
      expect(await claims.claimOnce('teams:{odd}:key', 1)).toBe(true);
      await fixture().elapse(1.2);
      expect(await claims.claimOnce('teams:{odd}:key', 1)).toBe(true);
      expect(await claims.claimOnce('slack:event:Ev0123', 60)).toBe(false);
    });

    it('are free again at once when released; releasing a free key does nothing', async () => {
      const { claims } = fixture();
      await claims.release('never-claimed');
      expect(await claims.claimOnce('repair:running', 600)).toBe(true);
      await claims.release('repair:running');
      expect(await claims.claimOnce('repair:running', 600)).toBe(true);
      expect(await claims.claimOnce('repair:running', 600)).toBe(false);
    });

    it('are the same claims through the action store', async () => {
      const { actions, claims } = fixture();
      expect(await actions.claimOnce('repost:card-1', 60)).toBe(true);
      expect(await claims.claimOnce('repost:card-1', 60)).toBe(false);
      await actions.release('repost:card-1');
      expect(await claims.claimOnce('repost:card-1', 60)).toBe(true);
    });

    it('refuse a time to live that is not a whole number of seconds above 0', async () => {
      await expect(fixture().claims.claimOnce('bad-ttl', 0)).rejects.toThrow();
      await expect(fixture().claims.claimOnce('bad-ttl', 1.5)).rejects.toThrow();
      expect(await fixture().claims.claimOnce('bad-ttl', 60)).toBe(true);
    });
  });

  describe('the send ledger', () => {
    it('leases a send to one sender at a time, and hands a lapsed lease over with the first attempt start', async () => {
      const { sends } = fixture();
      expect(await sends.begin('k1', 'a', T1, 300, KEEP)).toEqual({
        kind: 'leased',
        attempt: 1,
        earlierAttemptAt: null,
      });
      expect(await sends.begin('k1', 'b', T2, 300, KEEP)).toMatchObject({ kind: 'busy' });
      await fixture().elapse(0.35);
      expect(await sends.begin('k1', 'b', T2, 300, KEEP)).toEqual({
        kind: 'leased',
        attempt: 2,
        earlierAttemptAt: T1,
      });
      // The first sender, back from the dead, no longer holds it.
      expect(await sends.renew('k1', 'a', 300)).toBe(false);
      expect(await sends.renew('k1', 'b', 300)).toBe(true);
    });

    it('keeps a renewed lease past its first length', async () => {
      const { sends } = fixture();
      await sends.begin('k2', 'a', T1, 300, KEEP);
      for (let i = 0; i < 4; i++) {
        await fixture().elapse(0.15);
        expect(await sends.renew('k2', 'a', 300)).toBe(true);
      }
      expect(await sends.begin('k2', 'b', T2, 300, KEEP)).toMatchObject({ kind: 'busy' });
    });

    it('takes a released send again at once, saying an attempt went before; a stranger cannot release it', async () => {
      const { sends } = fixture();
      await sends.begin('k3', 'a', T1, 60_000, KEEP);
      await sends.release('k3', 'stranger');
      expect(await sends.begin('k3', 'b', T2, 60_000, KEEP)).toMatchObject({ kind: 'busy' });
      await sends.release('k3', 'a');
      expect(await sends.begin('k3', 'b', T2, 60_000, KEEP)).toEqual({
        kind: 'leased',
        attempt: 2,
        earlierAttemptAt: T1,
      });
    });

    it('is sent for good once marked, with the message (or none where undeliverable), for the time kept', async () => {
      const { sends } = fixture();
      await sends.begin('k4', 'a', T1, 60_000, KEEP);
      const message = { conversation: 'DU1', id: '1700000000.000001' };
      await sends.markSent('k4', message, KEEP);
      expect(await sends.begin('k4', 'b', T2, 60_000, KEEP)).toEqual({ kind: 'sent', message });
      expect(await sends.renew('k4', 'a', 60_000)).toBe(false);
      await sends.markSent('k5', null, 1);
      expect(await sends.begin('k5', 'b', T2, 60_000, KEEP)).toEqual({ kind: 'sent', message: null });
      await fixture().elapse(1.2);
      expect(await sends.begin('k5', 'c', T2, 60_000, KEEP)).toMatchObject({ kind: 'leased', attempt: 1 });
    });
  });
}
