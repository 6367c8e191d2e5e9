/**
 * The action pages' signing key and link records on the real Redis: one key for every process (made by
 * the first that asks, SET NX), link records that expire by themselves a day after their links do, and
 * every link refused once the key is deleted (the documented way to invalidate them all).
 */
import { ActionPageTokens, PAGE_LINK_DAYS } from '../../src/core/action-page-tokens';
import type { ChannelRef } from '../../src/core/domain';
import { RedisPageLinks } from '../../src/store/redis-page-links';
import { scanKeys, type TestRedis, testRedis } from '../support/redis';

const CHANNEL: ChannelRef = { platform: 'teams', team: 'tenant:1', channel: '19:abc@thread.tacv2' };
const NOW = new Date('2026-07-01T09:00:00Z');
let r: TestRedis;

beforeEach(async () => {
  r = await testRedis();
});

afterEach(async () => {
  await r.cleanup();
});

/** A process's view of the pages: its own store object (and so its own cached key) on the shared Redis. */
const aProcess = () =>
  new ActionPageTokens(new RedisPageLinks(r.redis, r.prefix), 'https://arising.example.org');

function tokenOf(link: string | null): string {
  if (!link) throw new Error('No link was issued');
  return link.slice(link.lastIndexOf('/') + 1);
}

it('signs in one process and reads in another, with one key made once', async () => {
  const [worker, web] = [aProcess(), aProcess()];
  const token = tokenOf(await worker.linkFor(CHANNEL, 7, 'data@wyp.example.org', NOW));
  expect(await web.read(token, NOW)).toEqual({
    channel: CHANNEL,
    number: 7,
    address: 'data@wyp.example.org',
  });
  const keys = await scanKeys(r.redis, `${r.prefix}:*`);
  expect(keys.filter((k) => k.includes('{page}:key'))).toEqual([`${r.prefix}:{page}:key`]);
  const records = keys.filter((k) => k.includes(':page-link:'));
  expect(records).toHaveLength(1);
  const ttl = await r.redis.ttl(records[0] ?? '');
  expect(ttl).toBeGreaterThan(PAGE_LINK_DAYS * 24 * 60 * 60);
  expect(ttl).toBeLessThanOrEqual((PAGE_LINK_DAYS + 1) * 24 * 60 * 60);
});

it('refuses every earlier link once the key is deleted', async () => {
  const token = tokenOf(await aProcess().linkFor(CHANNEL, 7, 'data@wyp.example.org', NOW));
  await r.redis.del(`${r.prefix}:{page}:key`);
  expect(await aProcess().read(token, NOW)).toBeNull();
});
