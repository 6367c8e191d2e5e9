/**
 * What only the Redis store can get wrong, against the real Redis: the key scheme (one hash tag per
 * channel, even for Teams ids; claims and message links outside any tag), corrupted records failing
 * loudly, naming their key, the compare-and-set of a channel record's update, and UnavailableError, fast, when Redis cannot be reached. What every store
 * promises is the store contract's: tests/integration/redis-store-contract.test.ts.
 */
import type { ChannelRef } from '../../src/core/domain';
import { ConflictError, UnavailableError } from '../../src/core/errors';
import { channelTag } from '../../src/store/keys';
import { CorruptRecordError } from '../../src/store/record-codec';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RECORD_UPDATE_ATTEMPTS } from '../../src/store/redis-channel-record';
import { createRedisClient, type RedisTarget } from '../../src/store/redis-connection';
import { redisStores } from '../../src/store/redis-stores';
import { draft, entry, freshChannel } from '../support/action-fixtures';
import { scanKeys, type TestRedis, testRedis } from '../support/redis';

let r: TestRedis;
let store: RedisActionStore;

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
});
afterAll(async () => {
  await r.cleanup();
});

/** A Teams channel whose ids hold `:`, `@`, `;` and braces, as Teams ids can. */
function teamsChannel(suffix: string): ChannelRef {
  return {
    platform: 'teams',
    team: `72f988bf-86f1;19:abc${suffix}@thread.tacv2`,
    channel: `19:{odd}${suffix}@thread.skype;messageid=1`,
  };
}

/** The part of a key Redis Cluster hashes: between the first `{` and the next `}`, when non-empty. */
function clusterHashPart(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('getWithChannel', () => {
  it('fails loudly, naming the key, when any of the four records is corrupt', async () => {
    const channel = freshChannel();
    await store.create(draft(channel), entry('created'));
    const base = `${r.prefix}:${channelTag(channel)}`;
    await r.redis.set(`${base}:meetings`, '{"next": 5}');
    await expect(store.getWithChannel(channel, 1)).rejects.toThrow(`${base}:meetings`);
    await r.redis.del(`${base}:meetings`);
    await r.redis.hset(`${base}:aliases`, 'wyp', 'not json');
    await expect(store.getWithChannel(channel, 1)).rejects.toThrow(CorruptRecordError);
    await r.redis.del(`${base}:aliases`);
    await r.redis.hset(`${base}:action:1`, 'json', '{"text": 42}');
    await expect(store.getWithChannel(channel, 1)).rejects.toThrow(`${base}:action:1`);
  });
});

describe('key scheme', () => {
  it('gives every key of a channel one hash tag for that channel, even with Teams ids', async () => {
    const a = teamsChannel('A');
    const b = teamsChannel('B');
    for (const channel of [a, b]) {
      const created = await store.create(draft(channel), entry('created'));
      await store.update({ ...created, state: 'done' }, entry('done'));
      await store.attachMessage(channel, 1, { conversation: channel.channel, id: 'act-1' });
      await store.setAlias(channel, 'WYP', ['29:1abc']);
      await store.saveSettings(channel, await store.getSettings(channel));
      await store.saveMeetings(channel, { ...(await store.getMeetings(channel)), next: '2026-09-01' });
    }
    await store.claimOnce('teams:{odd}:key', 30);
    const keys = await scanKeys(r.redis, `${r.prefix}:*`);
    for (const channel of [a, b]) {
      const tag = channelTag(channel).slice(1, -1);
      const own = keys.filter((k) => k.includes(tag));
      // seq, action, history, state:done, aliases, settings, meetings
      expect(own.length).toBe(7);
      for (const key of own) {
        expect(key.startsWith(`${r.prefix}:{`)).toBe(true);
        expect([...key].filter((c) => c === '{' || c === '}')).toEqual(['{', '}']);
        expect(clusterHashPart(key)).toBe(tag);
      }
    }
    expect(clusterHashPart(channelTag(a))).not.toBe(clusterHashPart(channelTag(b)));
    for (const key of keys.filter((k) => /:(msg|once):/.test(k))) expect(key).not.toMatch(/[{}]/);
  });

  it('refuses a prefix with a brace, which would break the hash tags', () => {
    expect(() => new RedisActionStore({ redis: r.redis, prefix: 'bad{prefix}' })).toThrow('braces');
  });
});

describe('corrupted records', () => {
  it('fail loudly, naming the key, instead of being returned half-valid', async () => {
    const channel = freshChannel();
    await store.create(draft(channel), entry('created'));
    const base = `${r.prefix}:${channelTag(channel)}`;
    await r.redis.hset(`${base}:action:1`, 'json', '{"text": 42}');
    await expect(store.get(channel, 1)).rejects.toThrow(CorruptRecordError);
    await expect(store.list(channel, 'open')).rejects.toThrow(`${base}:action:1`);
    await r.redis.hset(`${base}:action:1`, 'json', 'not json');
    await expect(store.get(channel, 1)).rejects.toThrow('not JSON');
    await r.redis.set(`${base}:settings`, '{"workdays": [9]}');
    await expect(store.getSettings(channel)).rejects.toThrow(CorruptRecordError);
  });

  it('fail when an index names an action that is missing', async () => {
    const channel = freshChannel();
    await r.redis.zadd(`${r.prefix}:${channelTag(channel)}:state:open`, '+inf', '3');
    await expect(store.list(channel, 'open')).rejects.toThrow('missing');
  });

  it('surface a wrong Redis type as the bug it is, not as "try again shortly"', async () => {
    const channel = freshChannel();
    await r.redis.set(`${r.prefix}:${channelTag(channel)}:action:1`, 'a string, not a hash');
    const failure = await store.get(channel, 1).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(UnavailableError);
    expect(String(failure)).toContain('WRONGTYPE');
  });
});

describe('atomic updates of a channel record', () => {
  const settingsKey = (channel: ChannelRef) => `${r.prefix}:${channelTag(channel)}:settings`;

  it('runs the change again on what another write stored between its read and its write', async () => {
    const channel = freshChannel();
    const seen: (string | null)[] = [];
    const update = await store.updateSettings(channel, (settings) => {
      seen.push(settings.timezone);
      // Sent on the store's connection before its compare-and-set: it lands in between.
      if (seen.length === 1)
        void r.redis.set(settingsKey(channel), JSON.stringify({ timezone: 'Asia/Tokyo' }));
      return { ...settings, reminders: ['0'] };
    });
    expect(seen).toEqual([null, 'Asia/Tokyo']);
    expect(await store.getSettings(channel)).toMatchObject({ timezone: 'Asia/Tokyo', reminders: ['0'] });
    expect(update.after).toEqual(await store.getSettings(channel));
  });

  it('gives up with ConflictError when the record never stops changing, storing nothing of its own', async () => {
    const channel = freshChannel();
    let runs = 0;
    const endless = store.updateSettings(channel, (settings) => {
      runs += 1;
      void r.redis.set(settingsKey(channel), JSON.stringify({ reminders: [`-${runs}d`] }));
      return { ...settings, timezone: 'Asia/Tokyo' };
    });
    await expect(endless).rejects.toBeInstanceOf(ConflictError);
    expect(runs).toBe(RECORD_UPDATE_ATTEMPTS);
    expect((await store.getSettings(channel)).timezone).toBeNull();
  });

  it('fails loudly on a corrupt record, without running the change or writing', async () => {
    const channel = freshChannel();
    await r.redis.set(settingsKey(channel), '{"workdays": [9]}');
    const change = jest.fn((settings) => settings);
    await expect(store.updateSettings(channel, change)).rejects.toThrow(CorruptRecordError);
    expect(change).not.toHaveBeenCalled();
    expect(await r.redis.get(settingsKey(channel))).toBe('{"workdays": [9]}');
  });
});

describe('when Redis cannot be reached', () => {
  it.each([
    ['one server', { url: 'redis://127.0.0.1:1' }],
    ['a Redis Cluster', { url: '', cluster: { nodes: [{ host: '127.0.0.1', port: 1 }], password: null } }],
  ])('rejects with UnavailableError within 3 seconds (%s)', async (_what, target: RedisTarget) => {
    const down = createRedisClient(target, { log: () => {} });
    const offline = new RedisActionStore({ redis: down, prefix: 'arising-test-offline' });
    const others = redisStores(down, 'arising-test-offline');
    const channel = freshChannel();
    const pane = { pane: 'channel', thread: null, from: 'priya', view: null, text: 'hi', visibleTo: null };
    try {
      for (const call of [
        () => offline.get(channel, 1),
        () => offline.getWithChannel(channel, 1),
        () => offline.create(draft(channel), entry('created')),
        () => offline.list(channel, 'open'),
        () => offline.updateMeetings(channel, (meetings) => meetings),
        () => offline.claimOnce('slack:event:x', 60),
        () => others.claims.release('slack:event:x'),
        () => others.references.get(channel),
        () => others.lastReminders.lastReminder(channel),
        () => others.consolePanes.add(channel, pane),
        () => others.consolePanes.pane(channel, 'channel'),
      ]) {
        const started = Date.now();
        await expect(call()).rejects.toBeInstanceOf(UnavailableError);
        expect(Date.now() - started).toBeLessThan(3000);
      }
    } finally {
      down.disconnect();
    }
  });
});
