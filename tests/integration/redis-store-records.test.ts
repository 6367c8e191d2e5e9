/**
 * The Redis ActionStore's other records against the real Redis: message links, aliases, settings,
 * meetings (also read together with an action, getWithChannel) and one-off claims; the key scheme (one hash tag per channel, even for Teams ids); corrupted
 * records failing loudly; and UnavailableError, fast, when Redis cannot be reached.
 */
import type { ChannelRef } from '../../src/core/domain';
import { UnavailableError } from '../../src/core/errors';
import { channelTag } from '../../src/store/keys';
import { CorruptRecordError } from '../../src/store/record-codec';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { createRedisClient, type RedisTarget } from '../../src/store/redis-connection';
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

describe('message links', () => {
  it('finds the action a message is about, per platform, and nothing for an unknown message', async () => {
    const channel = teamsChannel('links');
    const dm = { conversation: 'a:1Xyz;DM@conv', id: '1712345678901' };
    await store.linkMessage('teams', dm, channel, 4);
    expect(await store.findByMessage('teams', dm)).toEqual({ channel, number: 4 });
    expect(await store.findByMessage('slack', dm)).toBeNull();
    expect(await store.findByMessage('teams', { ...dm, id: '1712345678902' })).toBeNull();
  });

  it('attaches the card without a new version or history entry, and a later update keeps it', async () => {
    const channel = freshChannel();
    const created = await store.create(draft(channel), entry('created'));
    const card = { conversation: channel.channel, id: '1700000000.000100' };
    await store.attachMessage(channel, 1, card);
    expect(await store.get(channel, 1)).toEqual({ ...created, message: card });
    expect(await store.history(channel, 1)).toHaveLength(1);
    expect(await store.findByMessage('slack', card)).toEqual({ channel, number: 1 });
    // An update built from the action as read before the card was attached must not lose the card.
    const updated = await store.update({ ...created, text: 'edited' }, entry('edit'));
    expect(updated.message).toEqual(card);
    expect(await store.get(channel, 1)).toMatchObject({ text: 'edited', message: card, version: 1 });
  });

  it('refuses to attach a card to an action that does not exist, and links nothing', async () => {
    const channel = freshChannel();
    const card = { conversation: channel.channel, id: '1700000000.000200' };
    await expect(store.attachMessage(channel, 9, card)).rejects.toThrow('does not exist');
    expect(await store.findByMessage('slack', card)).toBeNull();
  });
});

describe('aliases, settings and meetings', () => {
  it('matches alias names without regard to case; an empty list removes the alias', async () => {
    const channel = freshChannel();
    expect(await store.getAliases(channel)).toEqual({});
    await store.setAlias(channel, 'WYP', ['U_RUSS', 'U_OZ']);
    await store.setAlias(channel, 'DMPC', ['U_DEE']);
    expect(await store.getAliases(channel)).toEqual({ WYP: ['U_RUSS', 'U_OZ'], DMPC: ['U_DEE'] });
    await store.setAlias(channel, 'wyp', ['U_OZ']);
    expect(await store.getAliases(channel)).toEqual({ wyp: ['U_OZ'], DMPC: ['U_DEE'] });
    await store.setAlias(channel, 'Wyp', []);
    expect(await store.getAliases(channel)).toEqual({ DMPC: ['U_DEE'] });
  });

  it('gives a new channel the default settings and keeps what is saved', async () => {
    const channel = freshChannel();
    const defaults = await store.getSettings(channel);
    expect(defaults).toMatchObject({ timezone: null, reminders: ['-2d', '0', '+1d'], chairs: [] });
    const saved = { ...defaults, timezone: 'America/New_York', digest: null, chairs: ['U_CHAIR'] };
    await store.saveSettings(channel, saved);
    expect(await store.getSettings(channel)).toEqual(saved);
  });

  it('keeps the current and next meeting', async () => {
    const channel = freshChannel();
    const none = await store.getMeetings(channel);
    expect(none).toMatchObject({ current: null, next: null });
    const meetings = {
      ...none,
      current: { id: 'm1', title: 'Board', date: '2026-07-01T18:30', createdAt: '2026-07-01T17:00:00.000Z' },
      next: '2026-08-05',
    };
    await store.saveMeetings(channel, meetings);
    expect(await store.getMeetings(channel)).toEqual(meetings);
  });
});

describe('getWithChannel', () => {
  it('reads the action with its channel settings, aliases and meetings, as the single reads give them', async () => {
    const channel = teamsChannel('with');
    const created = await store.create(draft(channel), entry('created'));
    const card = { conversation: 'a:conv', id: '1712345678901' };
    await store.attachMessage(channel, created.number, card);
    await store.saveSettings(channel, { ...(await store.getSettings(channel)), timezone: 'Asia/Tokyo' });
    await store.setAlias(channel, 'WYP', ['U_RUSS', 'U_OZ']);
    await store.setAlias(channel, 'Dmpc', ['U_DEE']);
    const meetings = { ...(await store.getMeetings(channel)), next: '2026-08-05' };
    await store.saveMeetings(channel, meetings);
    // Another channel's records are not mixed in.
    const other = freshChannel();
    await store.setAlias(other, 'ELSEWHERE', ['U_X']);

    const read = await store.getWithChannel(channel, created.number);

    expect(read).toEqual({
      action: await store.get(channel, created.number),
      settings: await store.getSettings(channel),
      aliases: await store.getAliases(channel),
      meetings: await store.getMeetings(channel),
    });
    expect(read.action).toEqual({ ...created, message: card });
    expect(read.settings.timezone).toBe('Asia/Tokyo');
    expect(read.aliases).toEqual({ WYP: ['U_RUSS', 'U_OZ'], Dmpc: ['U_DEE'] });
    expect(read.meetings).toEqual(meetings);
  });

  it('gives no action, the default settings, no aliases and no meetings for a channel with nothing', async () => {
    const channel = freshChannel();
    expect(await store.getWithChannel(channel, 7)).toEqual({
      action: null,
      settings: await store.getSettings(channel),
      aliases: {},
      meetings: await store.getMeetings(channel),
    });
  });

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

describe('claimOnce', () => {
  it('is true for the first claim only, and the claim expires after its TTL', async () => {
    expect(await store.claimOnce('slack:event:Ev0123', 60)).toBe(true);
    expect(await store.claimOnce('slack:event:Ev0123', 60)).toBe(false);
    expect(await store.claimOnce('slack:event:Ev0124', 60)).toBe(true);
    const [key] = await scanKeys(r.redis, `${r.prefix}:once:*Ev0123`);
    const ttl = await r.redis.ttl(key ?? 'missing');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
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

describe('when Redis cannot be reached', () => {
  it.each([
    ['one server', { url: 'redis://127.0.0.1:1' }],
    ['a Redis Cluster', { url: '', cluster: { nodes: [{ host: '127.0.0.1', port: 1 }], password: null } }],
  ])('rejects with UnavailableError within 3 seconds (%s)', async (_what, target: RedisTarget) => {
    const down = createRedisClient(target, { log: () => {} });
    const offline = new RedisActionStore({ redis: down, prefix: 'arising-test-offline' });
    const channel = freshChannel();
    try {
      for (const call of [
        () => offline.get(channel, 1),
        () => offline.getWithChannel(channel, 1),
        () => offline.create(draft(channel), entry('created')),
        () => offline.list(channel, 'open'),
        () => offline.claimOnce('slack:event:x', 60),
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
