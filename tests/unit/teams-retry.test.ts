/** The retry policy for Bot Connector calls: which statuses, how long, and how many times. */
import { backoffMs, retryAfterMs, withRetry } from '../../src/teams/teams-retry';

const FAST = { attempts: 4, baseMs: 5, maxMs: 50 };
const quiet = { warn: () => {} };

function failure(statusCode: number, retryAfter?: string) {
  return Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

describe('withRetry', () => {
  it.each([429, 412, 502, 504])('retries %i until it works', async (status) => {
    let calls = 0;
    const result = await withRetry(
      'test',
      async () => {
        calls += 1;
        if (calls < 3) throw failure(status);
        return 'ok';
      },
      FAST,
      quiet,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the last failure', async () => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      throw failure(429, '0');
    };
    await expect(withRetry('test', call, FAST, quiet)).rejects.toMatchObject({ statusCode: 429 });
    expect(calls).toBe(4);
  });

  it.each([403, 404, 400, 500])('never retries %i', async (status) => {
    let calls = 0;
    const call = async () => {
      calls += 1;
      throw failure(status);
    };
    await expect(withRetry('test', call, FAST, quiet)).rejects.toMatchObject({ statusCode: status });
    expect(calls).toBe(1);
  });
});

describe('waits', () => {
  it('honours Retry-After in seconds or as a date', () => {
    expect(retryAfterMs(failure(429, '2'))).toBe(2000);
    expect(
      retryAfterMs(failure(429, 'Wed, 01 Jul 2026 09:00:05 GMT'), Date.parse('2026-07-01T09:00:00Z')),
    ).toBe(5000);
    expect(retryAfterMs(failure(429))).toBeNull();
  });

  it('doubles with each retry, with jitter between half and all of it, and never passes the cap', () => {
    const policy = { attempts: 10, baseMs: 100, maxMs: 1000 };
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 0.5)).toBe(300);
    expect(backoffMs(9, policy, () => 1)).toBe(1000);
  });
});
