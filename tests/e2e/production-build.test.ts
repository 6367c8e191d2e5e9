/**
 * The production build runs as the image runs it: `npm run build`'s dist/ copied with bin/, manifests/
 * and package.json into a folder of its own, without src/, jobs/ or tsx (the container has none of them),
 * then the service started with `node dist/src/main.js` until `/healthz` answers 200, the console's page
 * and files served, minutes read in the service's worker thread, and the `arising` command's `--help` and
 * `import --dry-run --json` run from the same folder. Slack, Teams and the queue dashboard are loaded only
 * when configured (src/app/platform-modules.ts), so the build is also started with all three turned on.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, root } from '../support/built';
import { FakeSlackApi } from '../support/fake-slack-api';
import { TEST_REDIS_URL } from '../support/redis';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack-signing';

jest.setTimeout(300_000);

let dir = '';
let service: ChildProcess | null = null;
let output = '';

/** A folder laid out as the image's /app: package.json, bin/, manifests/, dist/ and the dependencies. */
function imageLikeFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'arising-built-'));
  for (const part of ['package.json', 'bin', 'manifests', 'dist']) {
    cpSync(path.join(root, part), path.join(folder, part), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  return folder;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: dir, env: { PATH: process.env.PATH ?? '', REDIS_URL: 'redis://127.0.0.1:1' } },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}; the service wrote:\n${output}`);
}

/** Starts `node dist/src/main.js` in the image-like folder with `env`; resolves to its base URL. */
async function startBuilt(env: Record<string, string>): Promise<string> {
  output = '';
  service = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `arising-test-built-${process.pid}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  service.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await waitFor(
    async () => /HTTP: listening on port (\d+)/.exec(output)?.[1] ?? null,
    'HTTP to listen',
  );
  return `http://127.0.0.1:${port}`;
}

/** SIGTERM to the service; resolves to its exit code. */
async function stopBuilt(): Promise<number | null> {
  const running = service;
  if (!running || running.exitCode !== null) return running?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  return exited;
}

beforeAll(() => {
  ensureBuilt();
  dir = imageLikeFolder();
});

afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill('SIGKILL');
    await new Promise((resolve) => service?.once('exit', resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the production build, run without sources or tsx', () => {
  it('serves /healthz, the console and its files, and reads minutes in its worker thread', async () => {
    const base = await startBuilt({});
    const health = await waitFor(async () => {
      const res = await fetch(`${base}/healthz`);
      return res.status === 200 ? ((await res.json()) as { status: string }) : null;
    }, 'a healthy /healthz');
    expect(health.status).toBe('ok');

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/static/console.js');
    expect((await fetch(`${base}/console/static/console.js`)).status).toBe(200);

    const minutes =
      'Minutes of the Board held on 3 November 2026\n\nAction: Clerk to book the hall by 30 November.\n';
    const preview = await fetch(`${base}/console/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'chris', text: minutes }),
    });
    expect(preview.status).toBe(200);
    // The preview of what was found appears in the channel's pane.
    await waitFor(async () => {
      const panes = await (await fetch(`${base}/console/api/panes?as=chris`)).text();
      return panes.includes('book the hall') ? panes : null;
    }, 'the import preview in the console');

    expect(await stopBuilt()).toBe(0);
    expect(output).toContain('"msg":"Stopped"');
  });

  it('loads Slack, Teams and the queue dashboard when they are configured', async () => {
    const slack = await new FakeSlackApi().start();
    try {
      const base = await startBuilt({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        TEAMS_EMULATOR: 'on',
        ADMIN_PASSWORD: 'built-admin-password',
      });
      expect(output).toMatch(/Slack: serving POST \/slack\/events/);
      // Bolt checks the signature: an unsigned event is refused, not missing.
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(401);
      // The Teams endpoint is mounted (an activity without a conversation is refused, not missing).
      const teams = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(teams.status).not.toBe(404);
      expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
      const admin = await fetch(`${base}/admin/queues`, {
        headers: { authorization: `Basic ${Buffer.from('admin:built-admin-password').toString('base64')}` },
      });
      expect(admin.status).toBe(200);
      expect(await stopBuilt()).toBe(0);
    } finally {
      await slack.stop();
    }
  });

  it('runs the arising command: --help, and import --dry-run --json of a minutes file', async () => {
    const help = await run(['bin/arising.js', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: arising <command>');
    expect((await run(['bin/arising.js', '--version'])).stdout.trim()).toBe(
      (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );

    const file = path.join(dir, 'minutes.md');
    writeFileSync(file, '# Board, 3 November 2026\n\nAction: Clerk to book the hall by 30 November.\n');
    const dry = await run(['bin/arising.js', 'import', file, '--dry-run', '--json']);
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(dry.stdout) as { actions: { owners: string[]; text: string; due: string }[] };
    expect(json.actions).toHaveLength(1);
    expect(json.actions[0]).toMatchObject({ owners: ['Clerk'], due: '2026-11-30' });
    expect(json.actions[0]?.text).toContain('book the hall');
  });
});
