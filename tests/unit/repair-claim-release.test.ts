/**
 * The repair pass's "running" claim is given back even when Redis is away at the end of the pass (a pass
 * cut short by a Redis restart): otherwise the restarted Redis keeps the claim and every later pass is
 * skipped for the claim's whole TTL, leaving adds cut short by the outage unrepaired.
 */
import { releaseEventually } from '../../jobs/repair-job';

const quiet = { warn: () => {} };

afterEach(() => {
  jest.useRealTimers();
});

it('gives the claim back at once when Redis answers', async () => {
  let released = 0;
  await releaseEventually(async () => {
    released += 1;
  }, quiet);
  expect(released).toBe(1);
});

it('keeps trying, in the background, until Redis is back and the claim is given back', async () => {
  jest.useFakeTimers();
  let redisUp = false;
  let calls = 0;
  let released = false;
  const release = async () => {
    calls += 1;
    if (!redisUp) throw new Error('Connection is closed.');
    released = true;
  };
  const warnings: string[] = [];
  await releaseEventually(release, { warn: (m: unknown) => warnings.push(String(m)) }, 1000);
  expect(released).toBe(false);
  expect(warnings.join()).toMatch(/could not give back its claim/);
  await jest.advanceTimersByTimeAsync(3000);
  expect(calls).toBeGreaterThanOrEqual(3);
  redisUp = true;
  await jest.advanceTimersByTimeAsync(1000);
  expect(released).toBe(true);
  const after = calls;
  await jest.advanceTimersByTimeAsync(10_000);
  expect(calls).toBe(after);
});
