/**
 * The service's start: from spawning `node dist/src/main.js` (the build, as the container runs it) to its
 * first `200` from `/healthz`, beside the floor of any such service: a bare node process that connects to
 * the same Redis with ioredis and answers an HTTP request after a PING, started and polled the same way.
 * Also from source (`tsx src/main.ts`, how 0.2 ran), against the same floor.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createRedis } from '../src/store/redis-connection';
import { type Benchmark, deleteKeys, quantile, type Row, sleep } from './bench-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = 5;
const root = join(__dirname, '..');

/** The floor: node, ioredis connected, an HTTP server that PINGs Redis and answers 200. */
const BARE = `
const http = require('node:http');
const { Redis } = require('ioredis');
const redis = new Redis(process.env.REDIS_URL);
const server = http.createServer(async (_req, res) => { await redis.ping(); res.end('{"status":"ok"}'); });
server.listen(0, '127.0.0.1', () => console.log('HTTP: listening on port ' + server.address().port));
`;

/** Milliseconds from spawning `command args` to the first 200 from its /healthz; then stops it. */
async function startToHealthy(command: string, args: string[], prefix: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.resume();
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const port = /HTTP: listening on port (\d+)/.exec(out)?.[1];
      if (port) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
        if (res?.status === 200) return performance.now() - started;
      }
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${out}`);
      await sleep(5);
    }
    throw new Error(`${args.join(' ')} was not healthy within 60 s: ${out}`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

async function median(run: () => Promise<number>): Promise<number> {
  await run(); // warm the file cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

export const serviceStart: Benchmark = {
  name: 'service-start',
  description: `the service from spawn to its first healthy /healthz (median of ${RUNS}), built and from source, beside a bare node + ioredis + http process`,
  async run() {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--if-stale'], { cwd: root });
    const prefix = `arising-bench-start-${randomBytes(4).toString('hex')}`;
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    try {
      const bare = await median(() => startToHealthy(process.execPath, ['-e', BARE], prefix));
      const built = await median(() => startToHealthy(process.execPath, ['dist/src/main.js'], prefix));
      const source = await median(() => startToHealthy(tsx, ['src/main.ts'], prefix));
      const row = (what: string, ms: number): Row => ({
        what,
        Arising: `${ms.toFixed(0)} ms`,
        limit: `bare node + ioredis + http answering after a PING: ${bare.toFixed(0)} ms`,
        ratio: (ms / bare).toFixed(1),
      });
      return [
        row('service start to first healthy /healthz (node dist/src/main.js)', built),
        row('the same from source (tsx src/main.ts, as 0.2 ran)', source),
      ];
    } finally {
      const redis = createRedis(REDIS_URL);
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
  },
};
