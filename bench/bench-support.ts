/**
 * What every benchmark shares: the Benchmark shape bench/run.ts runs, child processes started with tsx's
 * loader, latency statistics and the printed table.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

/** One line of the results table: column name to value. */
export type Row = Record<string, string>;

export interface Benchmark {
  /** Short name, used to pick benchmarks: `npm run bench -- reminders`. */
  name: string;
  description: string;
  run(): Promise<Row[]>;
}

export interface Child {
  process: ChildProcess;
  /** Everything it printed to stdout so far. */
  stdout(): string;
  exited: Promise<number | null>;
}

/** Starts a TypeScript script in its own Node process (node --import tsx) and waits for it to print `ready`. */
export async function startChild(script: string, env: Record<string, string>): Promise<Child> {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(__dirname, script)], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start: ${out}`);
    await sleep(20);
  }
  return { process: child, stdout: () => out, exited };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The value at quantile q (0–1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Lateness figures of deliveries that were all due at `dueAt`. */
export function latenessRow(name: string, dueAt: number, arrivals: readonly number[]): Row {
  const late = arrivals.map((t) => t - dueAt).sort((a, b) => a - b);
  const last = late.at(-1) ?? Number.NaN;
  return {
    run: name,
    jobs: String(arrivals.length),
    'due → last delivered (s)': (last / 1000).toFixed(2),
    'p50 lateness (ms)': quantile(late, 0.5).toFixed(0),
    'p99 lateness (ms)': quantile(late, 0.99).toFixed(0),
    'throughput (/s)': (arrivals.length / Math.max(last / 1000, 0.001)).toFixed(0),
  };
}

/** A plain-text table, columns padded to their widest cell. */
export function formatTable(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => c.padEnd(width(c)))),
    line(columns.map((c) => '-'.repeat(width(c)))),
    ...rows.map((r) => line(columns.map((c) => (r[c] ?? '').padStart(width(c))))),
  ].join('\n');
}

/** Deletes every key matching the pattern (a benchmark's own prefix) by SCAN, when a benchmark ends. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
