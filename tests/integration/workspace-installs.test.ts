/**
 * The workspace installs store (src/core/workspace-installs.ts), the same guarantees in memory and on
 * the real Redis; on Redis, the install is sealed: the raw value shows no token, a value copied under
 * another workspace's key does not open there, and another secret cannot open it.
 */
import type { WorkspaceInstall, WorkspaceInstalls } from '../../src/core/workspace-installs';
import { installKey } from '../../src/store/keys';
import { MemoryWorkspaceInstalls } from '../../src/store/memory/memory-workspace-installs';
import { RedisWorkspaceInstalls } from '../../src/store/redis-workspace-installs';
import { sealedBox } from '../../src/store/sealed-box';
import { type TestRedis, testRedis } from '../support/redis';

const SECRET = 'integration-state-secret-0123';
const alpha: WorkspaceInstall = {
  team: 'T0ALPHA',
  botToken: 'xoxb-alpha-secret-token',
  botUserId: 'UBOTALPHA',
  botId: 'BBOTALPHA',
  record: JSON.stringify({ team: { id: 'T0ALPHA' }, bot: { token: 'xoxb-alpha-secret-token' } }),
};
const beta: WorkspaceInstall = { ...alpha, team: 'T0BETA', botToken: 'xoxb-beta-token', record: '{}' };

let redis: TestRedis;

beforeAll(async () => {
  redis = await testRedis();
});

afterAll(async () => {
  await redis.cleanup();
});

const stores: [string, () => WorkspaceInstalls][] = [
  ['memory', () => new MemoryWorkspaceInstalls()],
  [
    'Redis',
    () =>
      new RedisWorkspaceInstalls(redis.redis, `${redis.prefix}:contract`, 'slack', sealedBox(SECRET, 'x')),
  ],
];

describe.each(stores)('workspace installs (%s)', (_name, make) => {
  it('keeps each workspace’s install apart, replaces it on reinstall and forgets it on delete', async () => {
    const installs = make();
    expect(await installs.find('T0ALPHA')).toBeNull();
    await installs.save(alpha);
    await installs.save(beta);
    expect(await installs.find('T0ALPHA')).toEqual(alpha);
    expect(await installs.find('T0BETA')).toEqual(beta);
    await installs.save({ ...alpha, botToken: 'xoxb-alpha-new' });
    expect((await installs.find('T0ALPHA'))?.botToken).toBe('xoxb-alpha-new');
    await installs.delete('T0ALPHA');
    await installs.delete('T0NEVER');
    expect(await installs.find('T0ALPHA')).toBeNull();
    expect(await installs.find('T0BETA')).toEqual(beta);
  });
});

describe.each(stores)('an org-wide install (%s)', (_name, make) => {
  it('serves the workspaces linked to it, and keeps the links when it is deleted', async () => {
    const installs = make();
    const org: WorkspaceInstall = { ...alpha, team: 'E0ORG', botToken: 'xoxb-org-token' };
    await installs.save(org);
    expect(await installs.find('T0FINANCE')).toBeNull();
    await installs.linkToOrg('T0FINANCE', 'E0ORG');
    await installs.linkToOrg('T0OPS', 'E0ORG');
    await installs.linkToOrg('T0OPS', 'E0ORG');
    expect(await installs.find('T0FINANCE')).toEqual(org);
    expect(await installs.workspacesOf('E0ORG')).toEqual(['E0ORG', 'T0FINANCE', 'T0OPS']);
    expect(await installs.workspacesOf('T0FINANCE')).toEqual(['T0FINANCE']);
    // A workspace's own install wins over its org's.
    await installs.save({ ...alpha, team: 'T0OPS', botToken: 'xoxb-ops-own' });
    expect((await installs.find('T0OPS'))?.botToken).toBe('xoxb-ops-own');
    await installs.delete('E0ORG');
    expect(await installs.find('T0FINANCE')).toBeNull();
    expect(await installs.workspacesOf('E0ORG')).toEqual(['E0ORG', 'T0FINANCE', 'T0OPS']);
  });
});

describe('workspace installs on Redis, sealed', () => {
  it('stores no readable token, and a value opens only under its own key and with its own secret', async () => {
    const prefix = `${redis.prefix}:sealed`;
    const installs = new RedisWorkspaceInstalls(redis.redis, prefix, 'slack', sealedBox(SECRET, 'x'));
    await installs.save(alpha);
    const raw = (await redis.redis.get(installKey(prefix, 'slack', 'T0ALPHA'))) ?? '';
    expect(raw).toMatch(/^v1\./);
    expect(raw).not.toContain('xoxb');
    expect(raw).not.toContain('UBOTALPHA');

    // Copied under another workspace's key: it does not open as that workspace's install.
    await redis.redis.set(installKey(prefix, 'slack', 'T0BETA'), raw);
    await expect(installs.find('T0BETA')).rejects.toThrow();
    // Another secret cannot open it.
    const other = new RedisWorkspaceInstalls(
      redis.redis,
      prefix,
      'slack',
      sealedBox('another-secret-entirely', 'x'),
    );
    await expect(other.find('T0ALPHA')).rejects.toThrow();
    // A changed value does not open either.
    const parts = raw.split('.');
    parts[3] = Buffer.from('{"team":"T0ALPHA"}').toString('base64url');
    await redis.redis.set(installKey(prefix, 'slack', 'T0ALPHA'), parts.join('.'));
    await expect(installs.find('T0ALPHA')).rejects.toThrow();
  });
});
