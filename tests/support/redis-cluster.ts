/**
 * A real three-node Redis Cluster for tests: three `redis-server --cluster-enabled yes` processes on free
 * ports (each with its cluster bus on port + 10000), each with its cluster config file in a temporary
 * directory and no persistence, joined by `redis-cli --cluster create … --cluster-replicas 0`, and ready
 * once every node says `cluster_state:ok`.
 *
 *   const cluster = await startRedisCluster();   // cluster.nodes: "127.0.0.1:7340,127.0.0.1:7341,…"
 *   await cluster.stop();
 *
 * Ports are taken from ARISING_TEST_CLUSTER_PORTS (`first-last`, default 7340-7399): the first three
 * free ones whose bus ports are free too, so two runs (or CI's other services) do not collide.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { CLUSTER_BUS_OFFSET, clusterPortRange, waitUntil } from './processes';

const run = promisify(execFile);

export interface TestRedisCluster {
  /** `host:port,host:port,host:port`, as REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  ports: number[];
  stop(): Promise<void>;
}

const NODES = 3;
/** True when nothing listens on the port just now (we could bind it). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePorts(count: number): Promise<number[]> {
  const [first, last] = clusterPortRange();
  const ports: number[] = [];
  for (let port = first; port <= last && ports.length < count; port += 1) {
    if ((await isFree(port)) && (await isFree(port + CLUSTER_BUS_OFFSET))) ports.push(port);
  }
  if (ports.length < count) throw new Error(`Fewer than ${count} free ports in ${first}-${last}`);
  return ports;
}

async function answers(port: number): Promise<boolean> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function clusterState(port: number): Promise<string | null> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const info = String(await probe.call('CLUSTER', 'INFO'));
    return /cluster_state:(\w+)/.exec(info)?.[1] ?? null;
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}

export async function startRedisCluster(): Promise<TestRedisCluster> {
  const ports = await freePorts(NODES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arising-cluster-'));
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '5000',
        '--dir',
        dir,
        '--appendonly',
        'no',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await waitUntil(() => answers(port), 10_000, `redis-server on ${port}`);
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await waitUntil(async () => (await clusterState(port)) === 'ok', 20_000, `cluster_state:ok on ${port}`);
    }
    return { nodes: addresses.join(','), ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
