/**
 * `npm start` on a fresh machine, as a newcomer runs it: with neither Slack nor Teams configured it serves
 * the console and prints its address; every line it logs is a JSON object; and SIGTERM stops it within
 * 10 seconds even while a browser holds the console's event stream open.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRedis } from '../../src/store/redis-connection';
import { deleteKeys, TEST_REDIS_URL } from '../support/redis';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const prefix = `arising-test-${randomBytes(6).toString('hex')}`;

let child: ChildProcess;
let output = '';
let exited: Promise<number | null>;

async function waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = output.match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No line matching ${pattern} in:\n${output}`);
}

beforeAll(() => {
  child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
});

afterAll(async () => {
  child.kill('SIGKILL');
  const redis = createRedis(TEST_REDIS_URL);
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

it('prints the console’s address, serves the page there, logs JSON lines, and stops on SIGTERM within 10 s', async () => {
  const [, port] = await waitFor(/Console: http:\/\/localhost:(\d+)\//);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Arising console</title>');

  const lines = output.trim().split('\n');
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual(expect.arrayContaining(['level', 'time', 'name', 'msg']));
  }
  expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(
    `Console: http://localhost:${port}/`,
  );

  const stream = new AbortController();
  const events = await fetch(`http://127.0.0.1:${port}/console/api/stream?as=priya`, {
    signal: stream.signal,
  });
  expect(events.status).toBe(200);
  const stopping = Date.now();
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(Date.now() - stopping).toBeLessThan(10_000);
  stream.abort();
  expect(output).toContain('"msg":"Stopped"');
}, 60_000);
