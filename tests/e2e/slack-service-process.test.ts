/**
 * `npm start` as a process: a bad variable stops it with status 78 and a message naming the variable;
 * a good configuration logs what is served and what is disabled, and SIGTERM stops it cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_REDIS_URL } from '../support/redis';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForLine(run: Run, pattern: RegExp, timeoutMs = 20000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = run.output().match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No line matching ${pattern} in:\n${run.output()}`);
}

describe('npm start', () => {
  it('exits with status 78 naming each bad variable', async () => {
    const run = start({
      PORT: 'eighty',
      DEFAULT_TIMEZONE: 'Europe/Londn',
      SLACK_BOT_TOKEN: 'xoxb-1',
      TEAMS_EMULATOR: 'maybe',
    });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('PORT: must be a port number from 0 to 65535');
    expect(run.output()).toContain('DEFAULT_TIMEZONE: is not a time zone');
    expect(run.output()).toContain('TEAMS_EMULATOR: must be on or off');
  });

  it('says what it serves and what is disabled, answers /healthz, and stops on SIGTERM', async () => {
    const run = start({ PORT: '0', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'arising-test-process' });
    try {
      const [, port] = await waitForLine(run, /HTTP: listening on port (\d+)/);
      expect(run.output()).toContain(
        'Slack disabled: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID…), or SLACK_APP_TOKEN and SLACK_BOT_TOKEN (Socket Mode), are not set',
      );
      expect(run.output()).toContain(
        'Teams disabled: MicrosoftAppId is not set and TEAMS_EMULATOR is off, so POST /api/messages answers 404',
      );
      expect(run.output()).toContain(
        'Action pages disabled: PUBLIC_URL is not set (GET /a/<token> answers 404)',
      );
      expect(run.output()).not.toContain('UNAUTHENTICATED');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ok' });
      const stopping = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10000);
      expect(run.output()).toContain('Stopped');
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});
