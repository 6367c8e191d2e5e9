/**
 * Real processes for fault tests: a `redis-server` of the test's own (spare port, append-only file in a
 * temporary directory, so it can be killed with -9 and restarted on the same data) and the service as a
 * child process (`tsx src/main.ts`), with its output kept so a test can wait for or assert on a line.
 *
 *   const redis = await startRedis();                    // its own port and --dir
 *   const app = startArising({ redisUrl: redis.url, slackApiUrl: fake.apiUrl });
 *   await app.ready;                                     // HTTP is listening: app.port is set
 *   redis.kill9(); await redis.restart();                // same --dir, same port
 *   await app.stop(); await redis.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-signing';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Redis's cluster bus listens this far above a cluster node's client port. */
export const CLUSTER_BUS_OFFSET = 10_000;

/** The ports the test Redis Cluster may take: ARISING_TEST_CLUSTER_PORTS (`first-last`, default 7340-7399). */
export function clusterPortRange(): [number, number] {
  const match = /^(\d+)-(\d+)$/.exec(process.env.ARISING_TEST_CLUSTER_PORTS ?? '7340-7399');
  if (!match) throw new Error('ARISING_TEST_CLUSTER_PORTS must be first-last, like 7340-7399');
  return [Number(match[1]), Number(match[2])];
}

/** True for a port of the cluster's range or of its bus ports: the cluster suite may be running beside us. */
function clusterMayTake(port: number): boolean {
  const [first, last] = clusterPortRange();
  const within = (p: number): boolean => p >= first && p <= last;
  return within(port) || within(port - CLUSTER_BUS_OFFSET);
}

/**
 * A port nothing listens on just now (the OS picks it, then it is released for the child to take), never
 * one the test Redis Cluster may take, so the fault and cluster suites can run side by side (.ci/side-by-side).
 */
export async function sparePort(): Promise<number> {
  for (;;) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (!clusterMayTake(port)) return port;
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

export interface TestRedisServer {
  url: string;
  port: number;
  dir: string;
  /** A client of the test's own, for inspecting what the service stored. */
  client: Redis;
  kill9(): Promise<void>;
  /** Starts it again on the same port and --dir; it loads the append-only file. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A private `redis-server`: `--appendonly yes --appendfsync everysec --save ''`, a temporary --dir. */
export async function startRedis(extraArgs: string[] = []): Promise<TestRedisServer> {
  const port = await sparePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arising-fault-redis-'));
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'everysec', ...extraArgs);
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    await waitUntil(
      async () => {
        try {
          if (probe.status !== 'ready') await probe.connect();
          // Answers LOADING until the append-only file is read back.
          return (await probe.ping()) === 'PONG';
        } catch {
          probe.disconnect();
          return false;
        }
      },
      10_000,
      `redis-server on port ${port}`,
    );
    probe.disconnect();
  };
  await launch();
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill(signal);
    await exitOf(running);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    client,
    kill9: () => kill('SIGKILL'),
    restart: launch,
    async stop() {
      client.disconnect();
      await kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ArisingProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The HTTP port, once `ready` (null for a worker, which serves no HTTP... unless it does). */
  port: number | null;
  baseUrl: string;
  /** Resolves once it logged that HTTP is listening (web/all) or that it started (worker). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL if it has not exited within 12 s. Returns the exit code. */
  stop(): Promise<number | null>;
}

export interface ArisingOptions {
  redisUrl: string;
  slackApiUrl?: string;
  role?: 'all' | 'web' | 'worker';
  prefix?: string;
  env?: Record<string, string>;
  /**
   * Node options (e.g. `--cpu-prof`): the service then runs as `node <options> --import tsx src/main.ts`,
   * one process whose pid is the service's own, rather than under the tsx launcher.
   */
  nodeArgs?: string[];
  /** How long `ready` waits for the start-up line (30 s; more where several start at once on a busy CI). */
  readyTimeoutMs?: number;
}

/** A unique REDIS_PREFIX, so tests never see each other's keys. */
export const freshPrefix = (): string => `arising-fault-${randomBytes(5).toString('hex')}`;

/** `tsx src/main.ts` as a child process, configured for Slack against the fake API. */
export function startArising(options: ArisingOptions): ArisingProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix ?? freshPrefix(),
    DEFAULT_TIMEZONE: 'Europe/London',
    ARISING_ROLE: options.role ?? 'all',
    LOG_LEVEL: 'info',
    ...(options.slackApiUrl
      ? {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: options.slackApiUrl,
        }
      : {}),
    ...options.env,
  };
  const [command, args] = options.nodeArgs
    ? [process.execPath, [...options.nodeArgs, '--import', 'tsx', 'src/main.ts']]
    : [tsx, ['src/main.ts']];
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = exitOf(child);
  const waitForOutput = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    let match: RegExpMatchArray | null = null;
    await waitUntil(
      () => {
        match = output.match(pattern);
        return match !== null || child.exitCode !== null;
      },
      timeoutMs,
      `output matching ${pattern}; so far:\n${output}`,
    );
    if (match === null) throw new Error(`Exited (${child.exitCode}) before ${pattern}:\n${output}`);
    return match;
  };
  const proc: ArisingProcess = {
    child,
    output: () => output,
    port: null,
    get baseUrl() {
      return `http://127.0.0.1:${proc.port ?? 0}`;
    },
    ready: Promise.resolve(),
    exited,
    waitForOutput,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  proc.ready =
    options.role === 'worker'
      ? waitForOutput(/[Ww]orker|started|ready/, options.readyTimeoutMs).then(() => undefined)
      : waitForOutput(/HTTP: listening on port (\d+)/, options.readyTimeoutMs).then((m) => {
          proc.port = Number(m[1]);
        });
  return proc;
}
