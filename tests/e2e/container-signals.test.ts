/**
 * The container's command receives the stop signal itself. `docker stop` (and compose) send SIGTERM to
 * the image's command; `npm start` there does not pass it on, and the service ran on until killed. The
 * Dockerfile's CMD must start node directly, in exec form; run exactly as written, that one process
 * answers SIGTERM by draining and exiting 0 within main.ts's 10 s, also while it is still starting.
 * (No Docker engine here: the command is run as the image would run it, from the repository, on the
 * same build the image makes: `npm run build`'s dist/.)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from '../support/built';
import { TEST_REDIS_URL } from '../support/redis';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** The argv of a Dockerfile instruction in exec form (a JSON array); null when absent or in shell form. */
function execForm(instruction: 'CMD' | 'ENTRYPOINT'): string[] | null {
  const line = dockerfile.split('\n').find((l) => l.startsWith(`${instruction} `));
  if (!line) return null;
  const argv: unknown = JSON.parse(line.slice(instruction.length + 1));
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return null;
  return argv as string[];
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The Dockerfile's CMD, run from the repository as the image runs it from /app. */
function startAsTheImage(env: Record<string, string>): Run {
  const [command, ...args] = execForm('CMD') ?? [];
  if (!command) throw new Error('The Dockerfile has no CMD in exec form');
  const child = spawn(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so that the test can end whatever it started, even what outlives it.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Ends the command and anything it started (a launcher's child that outlived it, too). */
function killAll(run: Run): void {
  try {
    process.kill(-(run.child.pid ?? 0), 'SIGKILL');
  } catch {
    // Nothing left in the group.
  }
}

async function waitForLine(run: Run, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (Date.now() > deadline) throw new Error(`No line matching ${pattern} in:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The node processes started by `pid`: none when `pid` is the service itself (a launcher's child running
 * the service would be one).
 */
function nodeChildrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((args) => /\bnode\b|main\.[jt]s/.test(args));
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
}

/** SIGTERM to the command's own process: it must exit 0, saying "Stopped", within `withinMs`. */
async function expectCleanStop(run: Run, withinMs: number): Promise<void> {
  const sent = Date.now();
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => killAll(run), withinMs + 2000);
  const code = await run.exited;
  clearTimeout(timer);
  expect({ code, within: Date.now() - sent <= withinMs }).toEqual({ code: 0, within: true });
  expect(run.output()).toContain('"msg":"Stopped"');
}

beforeAll(() => ensureBuilt());

describe('the container image’s command', () => {
  it('starts node itself on the build, in exec form, with no npm, npx, tsx or shell in front of it', () => {
    const cmd = execForm('CMD');
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    // The image compiles the TypeScript when it is built, and runs the build.
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(execForm('ENTRYPOINT')).toBeNull();
    expect(dockerfile).not.toMatch(/^(CMD|ENTRYPOINT)\s+.*\b(npm|npx|yarn|sh)\b/m);
    // compose runs the image's command: it must not put another in its place.
    const compose = readFileSync(path.join(root, 'compose.yaml'), 'utf8');
    expect(compose).not.toMatch(/^\s+(command|entrypoint):.*\b(npm|npx)\b/m);
  });

  it('is one process that drains and exits 0 on SIGTERM within 10 s', async () => {
    const run = startAsTheImage({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'arising-test-container' });
    try {
      await waitForLine(run, /Workers: reminders, digests and matters-arising posts are running/);
      // The signal goes to the service itself, not to a launcher that may or may not pass it on.
      expect(nodeChildrenOf(run.child.pid ?? 0)).toEqual([]);
      await expectCleanStop(run, 10_000);
      expect(run.output()).toContain('SIGTERM received: stopping');
    } finally {
      killAll(run);
    }
  });

  it('stops cleanly on a SIGTERM that arrives while it is still starting', async () => {
    // Nothing listens on port 1: the workers wait for Redis for a while before the start goes on.
    const run = startAsTheImage({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: 'arising-test-container' });
    try {
      await waitForLine(run, /"msg":"Redis: /);
      await expectCleanStop(run, 10_000);
      expect(run.output()).toContain('SIGTERM received while starting');
    } finally {
      killAll(run);
    }
  });
});
