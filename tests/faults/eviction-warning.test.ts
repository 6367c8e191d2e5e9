/**
 * Fault 6: a Redis whose `maxmemory-policy` is `allkeys-lru` may evict queued reminder jobs; the service
 * says so loudly at start (and still starts). A Redis with `noeviction` gets no such warning.
 */
import { freshPrefix, startArising, startRedis } from '../support/processes';

jest.setTimeout(60_000);

it('warns at start when Redis may evict keys, and not when it may not', async () => {
  const lru = await startRedis(['--maxmemory', '256mb', '--maxmemory-policy', 'allkeys-lru']);
  const safe = await startRedis(['--maxmemory-policy', 'noeviction']);
  const warned = startArising({ redisUrl: lru.url, prefix: freshPrefix() });
  const quiet = startArising({ redisUrl: safe.url, prefix: freshPrefix() });
  try {
    await Promise.all([warned.ready, quiet.ready]);
    await Promise.all([
      warned.waitForOutput(/Workers: .*running/),
      quiet.waitForOutput(/Workers: .*running/),
    ]);
    expect(warned.output()).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?"/);
    expect(warned.output()).toMatch(/needs \\?"noeviction\\?"/);
    expect(quiet.output()).not.toMatch(/maxmemory-policy/);
    // Still serving: the warning does not stop it.
    expect((await fetch(`${warned.baseUrl}/healthz`)).status).toBe(200);
  } finally {
    await Promise.all([warned.stop(), quiet.stop()]);
    await Promise.all([lru.stop(), safe.stop()]);
  }
});
