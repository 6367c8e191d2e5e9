/**
 * `arising import FILE --channel …` as a user runs it: the real CLI in a child process against the real
 * Redis (a key prefix of this file's own), storing a minutes document's actions with their reminders, and
 * failing with one line and an exit status when the channel, the file, Redis or the configuration is wrong.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_POST_QUEUE, createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { main } from '../../src/cli/main';
import type { ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import {
  TEST_REDIS_CLUSTER,
  TEST_REDIS_ENV,
  TEST_REDIS_URL,
  type TestRedis,
  testRedis,
} from '../support/redis';

const root = join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell with only our variables set: no Slack or Teams credentials. */
function cliEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|Microsoft|ARISING_|REDIS_|DEFAULT_TIMEZONE)/.test(key)) env[key] = value;
  }
  return { ...env, ...overrides };
}

function arising(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'arising.js'), ...args],
      { cwd: root, env: cliEnv(env), timeout: 60000 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const MINUTES = `# Riverside Allotment Society – Committee Meeting

Date: 12 March 2024
Next meeting: 9 April 2099 at 19:00

## 1. Water supply

Action: Treasurer to get three quotes for the new standpipe by 22 March 2024.

## 2. Open day

Action: Secretary to book the hall by 1 June 2099.
Action: Jo Whitfield to draft the poster, with prices: £2, £3 and £5.

## 3. Review of past actions

- Secretary to renew the insurance — done
`;

let r: TestRedis;
let store: RedisActionStore;
let dir: string;
let minutesFile: string;
let env: Record<string, string>;
const channel: ChannelRef = { platform: 'slack', team: 'T123', channel: 'C456' };

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  env = { ...TEST_REDIS_ENV, REDIS_PREFIX: r.prefix };
  dir = mkdtempSync(join(tmpdir(), 'arising-cli-channel-'));
  minutesFile = join(dir, 'committee.md');
  writeFileSync(minutesFile, MINUTES);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await r.cleanup();
});

const oneLine = (run: Run) => {
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
};

describe('arising import FILE --channel', () => {
  it('stores the actions in the channel, in their meeting, raised by --as, and says what it stored', async () => {
    await store.setAlias(channel, 'treasurer', ['U_TREASURER']);
    const run = await arising(env, 'import', minutesFile, '--channel', 'slack:T123:C456', '--as', 'clerk');
    expect(run.stderr).toBe('4 of 4 actions stored\nPlanning reminders…\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Stored 4 actions (#1–#4) in slack:T123:C456; meeting: Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024.',
    );
    expect(run.stdout).toContain(
      '#1  treasurer: get three quotes for the new standpipe by 22 March 2024. — due Fri 22 Mar 2024',
    );
    expect(run.stdout).toContain(
      '#3  Jo Whitfield: draft the poster, with prices: £2, £3 and £5. — no due date',
    );
    expect(run.stdout).toContain('#4  Secretary: renew the insurance — done (reported in the minutes)');
    expect(run.stdout).toContain('Next meeting: Thu 9 Apr 2099, 19:00.');

    const actions = (await store.list(channel, 'all')).sort((a, b) => a.number - b.number);
    expect(actions.map((a) => [a.number, a.state, a.raisedBy, a.agendaItem])).toEqual([
      [1, 'open', 'clerk', '1'],
      [2, 'open', 'clerk', '2'],
      [3, 'open', 'clerk', '2'],
      [4, 'done', 'clerk', '3'],
    ]);
    // Matched to the channel's alias as the channel spells it, so its people are reminded.
    expect(actions[0]?.owners).toEqual([{ kind: 'alias', name: 'treasurer' }]);
    const meetings = await store.getMeetings(channel);
    expect(meetings.current?.title).toBe('Riverside Allotment Society – Committee Meeting');
    expect(meetings.current?.date).toBe('2024-03-12');
    expect(meetings.next).toBe('2099-04-09T19:00');
    expect(new Set(actions.map((a) => a.meetingId))).toEqual(new Set([meetings.current?.id]));
    const history = await store.history(channel, 2);
    expect(history.map((h) => [h.kind, h.by])).toEqual([['imported', 'clerk']]);
    // Nothing was posted: the command line has no messenger, and no card is recorded.
    expect(actions.every((a) => a.message === null)).toBe(true);
  });

  it('queues the reminders of the open actions and the matters-arising post before the next meeting', async () => {
    const conn = jobConnection({
      redisUrl: TEST_REDIS_URL,
      redisCluster: TEST_REDIS_CLUSTER,
      prefix: r.prefix,
    });
    const reminders = createQueue(REMINDER_QUEUE, conn);
    const posts = createQueue(CHANNEL_POST_QUEUE, conn);
    try {
      const queued = await reminders.getDelayed();
      const numbers = new Set(queued.map((job) => (job.data as { number: number }).number));
      expect(numbers.has(2)).toBe(true); // due 1 June 2099: reminders before and after
      expect(numbers.has(4)).toBe(false); // done in the minutes: nothing to remind
      const dueJobs = queued.filter((job) => (job.data as { number: number }).number === 2);
      expect(dueJobs.every((job) => job.data.channel.channel === 'C456')).toBe(true);
      const channelPosts = await posts.getDelayed();
      expect(channelPosts.map((job) => job.name)).toContain('matters-arising');
    } finally {
      await reminders.close();
      await posts.close();
    }
  });

  it('adds nothing when the same minutes are imported again: each line is already recorded', async () => {
    const run = await arising(env, 'import', minutesFile, '--channel', 'slack:T123:C456');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stored no new actions in slack:T123:C456');
    expect(run.stdout).toContain('4 already recorded (#1, #2, #3, #4).');
    const actions = await store.list(channel, 'all');
    expect(actions).toHaveLength(4);
    expect(new Set(actions.map((a) => a.meetingId)).size).toBe(1);
  });

  it('takes a Teams channel, whose conversation id has colons of its own', async () => {
    const teams = 'teams:0f1e2d3c-tenant:19:abc123def@thread.tacv2';
    const run = await arising(env, 'import', minutesFile, '--channel', teams);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Stored 4 actions (#1–#4) in ${teams};`);
    const stored = await store.list(
      { platform: 'teams', team: '0f1e2d3c-tenant', channel: '19:abc123def@thread.tacv2' },
      'all',
    );
    expect(stored).toHaveLength(4);
  });

  it('stores nothing and says so when the document has no actions', async () => {
    const file = join(dir, 'no-actions.txt');
    writeFileSync(file, 'Garden Club\nDate: 4 May 2022\n\nThe members discussed the spring show.\n');
    const run = await arising(env, 'import', file, '--channel', 'slack:T123:C999');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`No actions found in ${file}; nothing was stored.\n`);
    expect(await store.list({ platform: 'slack', team: 'T123', channel: 'C999' }, 'all')).toEqual([]);
  });

  it('draws a progress bar redrawn in place when stderr is a terminal', async () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) => `Action: Member ${i + 1} to bring ${i + 1} seed trays.`,
    );
    const file = join(dir, 'long.txt');
    writeFileSync(file, `Seed Swap Committee\nDate: 4 May 2022\n\n${lines.join('\n')}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['import', file, '--channel', 'slack:T123:C777'], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: cliEnv(env),
      stderrIsTerminal: true,
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain('Stored 120 actions (#1–#120) in slack:T123:C777');
    // One redraw a stored batch, each starting with a carriage return, and a new line at the end.
    expect(err).toEqual([
      `\r[${'#'.repeat(13)}${'-'.repeat(17)}]  50/120 actions stored`,
      `\r[${'#'.repeat(25)}${'-'.repeat(5)}] 100/120 actions stored`,
      `\r[${'#'.repeat(30)}] 120/120 actions stored`,
      '\n',
      'Planning reminders…\n',
    ]);
  });
});

describe('arising import --channel: errors are one line on stderr with an exit status', () => {
  it('exits 2 for a --channel that is not platform:team:channel, showing the form', async () => {
    const bads = ['C456', 'slack:T123', 'slack::C456', 'irc:T1:C1'];
    const runs = await Promise.all(bads.map((bad) => arising(env, 'import', minutesFile, '--channel', bad)));
    for (const [i, run] of runs.entries()) {
      const bad = bads[i];
      expect(run.code).toBe(2);
      oneLine(run);
      expect(run.stderr).toContain(`--channel '${bad}' is not a channel`);
      expect(run.stderr).toContain('platform:team:channel, like slack:T123:C456');
    }
  });

  it('exits 2 for a file that does not exist, before trying Redis', async () => {
    const run = await arising(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      'import',
      join(dir, 'missing.md'),
      '--channel',
      'slack:T123:C456',
    );
    expect(run.code).toBe(2);
    oneLine(run);
    expect(run.stderr).toContain('no such file');
  });

  it('exits 2 for --json or --timezone with --channel, saying what to use instead', async () => {
    const json = await arising(env, 'import', minutesFile, '--channel', 'slack:T123:C456', '--json');
    expect(json.code).toBe(2);
    oneLine(json);
    expect(json.stderr).toContain('arising export --channel … --format json');
    const zone = await arising(
      env,
      'import',
      minutesFile,
      '--channel',
      'slack:T123:C456',
      '--timezone',
      'UTC',
    );
    expect(zone.code).toBe(2);
    oneLine(zone);
    expect(zone.stderr).toContain("the channel's time zone");
  });

  it('exits 1 naming REDIS_URL, without its password, when Redis does not answer', async () => {
    const started = Date.now();
    const run = await arising(
      { REDIS_URL: 'redis://:hunter2@127.0.0.1:1', REDIS_PREFIX: r.prefix },
      'import',
      minutesFile,
      '--channel',
      'slack:T123:C456',
    );
    expect(run.code).toBe(1);
    oneLine(run);
    expect(run.stderr).toContain(
      'arising import: cannot reach Redis at redis://:***@127.0.0.1:1 (REDIS_URL)',
    );
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('hunter2');
    expect(Date.now() - started).toBeLessThan(20000);
  });

  it('exits 78 naming the variable when the configuration is bad, as the service does', async () => {
    const run = await arising(
      { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'has space' },
      'import',
      minutesFile,
      '--channel',
      'slack:T123:C456',
    );
    expect(run.code).toBe(78);
    oneLine(run);
    expect(run.stderr).toContain('bad configuration: REDIS_PREFIX must be 1 to 64 letters');
  });
});
