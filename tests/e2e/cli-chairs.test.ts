/**
 * `arising chairs`, as an operator runs it, in a child process against the real Redis (a key prefix of
 * this file's own): the remedy when the wrong person took a channel's chair, since in chat only a chair
 * may change the chairs.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { TEST_REDIS_URL, type TestRedis, testRedis } from '../support/redis';

const root = join(__dirname, '..', '..');
const CHANNEL = 'slack:T0TEAM:C0COMMITTEE';
const channel: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: 'C0COMMITTEE' };

let r: TestRedis;
let store: RedisActionStore;

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
});

afterAll(() => r.cleanup());

function arising(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|Microsoft|ARISING_|REDIS_|DEFAULT_TIMEZONE)/.test(key)) env[key] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'arising.js'), ...args],
      { cwd: root, env: { ...env, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: r.prefix }, timeout: 60000 },
      (err, stdout, stderr) => {
        resolve({ code: err && typeof err.code === 'number' ? err.code : 0, stdout, stderr });
      },
    );
  });
}

it('shows the chairs, and gives the chair back to the right person when the wrong one took it', async () => {
  await store.saveSettings(channel, { ...(await store.getSettings(channel)), chairs: ['U0MALLORY'] });
  const shown = await arising('chairs', '--channel', CHANNEL);
  expect(shown).toMatchObject({ code: 0, stdout: "The channel's chairs are: U0MALLORY\n" });

  const set = await arising('chairs', '--channel', CHANNEL, 'U0CHRIS', 'U0SAM', 'U0CHRIS');
  expect(set).toMatchObject({ code: 0, stdout: "The channel's chairs are now: U0CHRIS U0SAM\n" });
  const settings = await store.getSettings(channel);
  expect(settings.chairs).toEqual(['U0CHRIS', 'U0SAM']);
  expect(settings.reminders).toEqual(['-2d', '0', '+1d']);
});

it('refuses a mention where a user id belongs, and a missing channel, changing nothing', async () => {
  await store.saveSettings(channel, { ...(await store.getSettings(channel)), chairs: ['U0CHRIS'] });
  const mention = await arising('chairs', '--channel', CHANNEL, '<@U0MALLORY>');
  expect(mention.code).toBe(2);
  expect(mention.stderr).toContain("'<@U0MALLORY>' is not a user id");
  const noChannel = await arising('chairs', 'U0MALLORY');
  expect(noChannel.code).toBe(2);
  expect(noChannel.stderr).toContain('which channel?');
  expect((await store.getSettings(channel)).chairs).toEqual(['U0CHRIS']);
});
