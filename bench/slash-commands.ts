/**
 * Slash-command ack time under load, as the issue asks: signed `/action list` requests (one in twenty an
 * `/action add`) over 100 channels at a steady 200 a second for 60 s (BENCH_SLASH_RATE and
 * BENCH_SLASH_SECONDS to change) against the running service: `src/main.ts` as a child process, with its
 * own redis-server and the fake Slack Web API, as the fault tests start it. The limit is a bare Bolt app
 * (ExpressReceiver, a handler that only acks) under the same load on the same machine in the same run.
 *
 * Memory: resident memory (RSS, from /proc) is reported but not judged: it includes garbage V8 has not
 * collected yet (it lets the heap grow between full collections) and heap it keeps, so it rises under load
 * without anything leaking. A leak is live heap that grows with the requests served, so the service runs
 * with `--inspect=127.0.0.1:0` and the benchmark, over the inspector protocol, forces a full GC and reads
 * process.memoryUsage() after a warm-up, halfway through the load and at the end; "flat" is judged on the
 * heap left after those GCs. A forced GC stops the service for up to a second or two on this shared
 * machine, which would show in the ack times, so the load is sent as two halves back to back with the
 * middle reading between them (a pause of a few seconds); the ack figures are over both halves.
 * BENCH_HEAP_SNAPSHOTS=<dir> also writes heap snapshots after the warm-up and at the end, to compare
 * what is retained by constructor (bench/heap-snapshot-diff.ts) if the heap does grow; the native memory
 * a snapshot takes then inflates the RSS figures (by ~250 MB here), and the table says so.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { FakeSlackApi } from '../tests/support/fake-slack-api';
import { startArising, startRedis } from '../tests/support/processes';
import { SIGNING_SECRET, signature, slashCommand, type Where } from '../tests/support/slack-signing';
import { type Benchmark, quantile, type Row, sleep, startChild } from './bench-support';
import { INSPECTOR_URL, InspectorClient } from './inspector-client';

const RATE = Number(process.env.BENCH_SLASH_RATE ?? '200');
const SECONDS = Number(process.env.BENCH_SLASH_SECONDS ?? '60');
/** Requests are spread over this many channels, as a real install's would be. */
const CHANNELS = 100;
const WARM_UP_SECONDS = 3;
/** A pause after a load, so that the work each request does after its ack has finished. */
const SETTLE_MS = 2000;
const whereOf = (i: number): Where => ({
  team: 'T0BENCH',
  channel: `C0BENCH${i % CHANNELS}`,
  user: 'U0BENCH',
});

interface LoadResult {
  acks: number[];
  failed: number;
  /** Why they failed: `HTTP <status>` or the socket error's code, with how many of each. */
  failures: Map<string, number>;
}

/** POSTs one signed body to `/slack/events` over a kept-alive connection; resolves with the ack time. */
function post(agent: Agent, port: number, body: string): Promise<{ ms: number; status: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `count` requests at RATE a second (open loop: a slow answer does not slow the sending), numbered
 * from `first` so that a second half goes on with the same mix of channels and commands.
 */
async function load(port: number, responseUrl: string, count: number, first = 0): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const acks: number[] = [];
  let failed = 0;
  const failures = new Map<string, number>();
  const fail = (why: string): void => {
    failed += 1;
    failures.set(why, (failures.get(why) ?? 0) + 1);
  };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const at = start + (i * 1000) / RATE;
    const wait = at - performance.now();
    if (wait > 1) await sleep(wait);
    const n = first + i;
    const text = n % 20 === 19 ? `add <@U0PRIYA|priya> to bench task ${n} by 31 December 2030` : 'list';
    const body = slashCommand(whereOf(n), text, responseUrl).body;
    pending.push(
      post(agent, port, body).then(
        ({ ms, status }) => {
          if (status === 200) acks.push(ms);
          else fail(`HTTP ${status}`);
        },
        (error: NodeJS.ErrnoException) => fail(error.code ?? error.message),
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { acks: acks.sort((a, b) => a - b), failed, failures };
}

/**
 * The measured load: RATE a second for SECONDS, as two halves back to back with `between` run in the
 * pause between them (the middle memory reading); both apps get the same halves and pause.
 */
async function measuredLoad(
  port: number,
  responseUrl: string,
  between: () => Promise<void>,
): Promise<LoadResult> {
  const total = Math.round(RATE * SECONDS);
  const firstHalf = Math.floor(total / 2);
  const a = await load(port, responseUrl, firstHalf);
  await sleep(SETTLE_MS);
  await between();
  const b = await load(port, responseUrl, total - firstHalf, firstHalf);
  return merged(a, b);
}

/** The two halves' results as one. */
function merged(a: LoadResult, b: LoadResult): LoadResult {
  const failures = new Map(a.failures);
  for (const [why, n] of b.failures) failures.set(why, (failures.get(why) ?? 0) + n);
  return { acks: [...a.acks, ...b.acks].sort((x, y) => x - y), failed: a.failed + b.failed, failures };
}

/** Resident memory (MB) of a process and its descendants (tsx runs the service in a child node). */
function rssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number): void => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const child of children.split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // The process ended between the reads.
    }
  };
  visit(pid);
  return kb / 1024;
}

function row(run: string, result: LoadResult, extra: Row = {}): Row {
  return {
    run,
    requests: String(result.acks.length + result.failed),
    failed: String(result.failed),
    failures: [...result.failures].map(([why, n]) => `${n} ${why}`).join(', '),
    'p50 ack (ms)': quantile(result.acks, 0.5).toFixed(1),
    'p99 ack (ms)': quantile(result.acks, 0.99).toFixed(1),
    ...extra,
  };
}

async function runBare(slack: FakeSlackApi): Promise<Row> {
  const child = await startChild('bare-bolt.ts', { BENCH_SIGNING_SECRET: SIGNING_SECRET });
  try {
    const port = Number(/ready (\d+)/.exec(child.stdout())?.[1]);
    await load(port, slack.responseUrl('warm'), RATE * WARM_UP_SECONDS); // warm-up, not measured
    return row(
      'bare Bolt app (ack only)',
      await measuredLoad(port, slack.responseUrl('bare'), async () => {}),
    );
  } finally {
    child.process.kill('SIGTERM');
    await child.exited;
  }
}

const MB = 1024 ** 2;

/**
 * Live heap growth below this between the middle and the end of the load is noise (JIT code and the like
 * come and go by about as much between two collections), not a leak.
 */
const FLAT_MB = 1;

async function runService(slack: FakeSlackApi): Promise<Row> {
  const redis = await startRedis();
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
  const app = startArising({
    redisUrl: redis.url,
    slackApiUrl: slack.apiUrl,
    nodeArgs: ['--inspect=127.0.0.1:0', ...profile],
  });
  let inspector: InspectorClient | undefined;
  try {
    const [, inspectorUrl = ''] = await app.waitForOutput(INSPECTOR_URL);
    await app.ready;
    const connected = await InspectorClient.connect(inspectorUrl);
    inspector = connected;
    const port = app.port ?? 0;
    await load(port, slack.responseUrl('warm'), RATE * WARM_UP_SECONDS); // warm-up, not measured
    await sleep(SETTLE_MS);
    const pid = app.child.pid ?? 0;
    const rssBefore = rssMb(pid);
    const warm = await connected.memoryAfterGc();
    if (snapshots) await connected.writeHeapSnapshot(join(snapshots, 'slash-warm.heapsnapshot'));
    let mid: NodeJS.MemoryUsage | undefined;
    const result = await measuredLoad(port, slack.responseUrl('arising'), async () => {
      mid = await connected.memoryAfterGc();
    });
    await sleep(SETTLE_MS);
    const rssAfter = rssMb(pid);
    const end = await connected.memoryAfterGc();
    if (snapshots) await connected.writeHeapSnapshot(join(snapshots, 'slash-end.heapsnapshot'));
    return row('Arising service', result, {
      'RSS start (MB)': rssBefore.toFixed(0),
      'RSS end (MB)': rssAfter.toFixed(0),
      'heap warm (MB)': (warm.heapUsed / MB).toFixed(1),
      'heap mid (MB)': ((mid?.heapUsed ?? Number.NaN) / MB).toFixed(1),
      'heap end (MB)': (end.heapUsed / MB).toFixed(1),
      'RSS end after GC (MB)': (end.rss / MB).toFixed(0),
      // Taking a snapshot mallocs a few hundred MB that glibc keeps after it is freed: RSS then overstates.
      'RSS note': snapshots
        ? '; a heap snapshot was taken after the warm-up, and its native memory counts'
        : '',
      'heap reserved end (MB)': (end.heapTotal / MB).toFixed(0),
      'external end (MB)': (end.external / MB).toFixed(0),
    });
  } finally {
    inspector?.close();
    await app.stop();
    await redis.stop();
  }
}

/** The two runs as lines of the one results table: the service beside the bare Bolt app. */
function summarise(bare: Row, arising: Row): Row[] {
  const of = (row: Row, column: string) => row[column] ?? '?';
  const num = (row: Row, column: string) => Number(row[column]);
  const failed = (row: Row) => (row.failed === '0' ? '' : `, ${row.failed} failed (${row.failures})`);
  const commands = num(arising, 'requests');
  const lastHalf = num(arising, 'heap end (MB)') - num(arising, 'heap mid (MB)');
  const perCommand = ((lastHalf * MB) / (commands / 2)).toFixed(0);
  const verdict = Math.abs(lastHalf) < FLAT_MB ? 'flat' : lastHalf > 0 ? 'GROWS' : 'shrank';
  return [
    {
      what: `slash commands at ${RATE}/s for 2 × ${SECONDS / 2} s: p50 / p99 ack`,
      Arising: `${of(arising, 'p50 ack (ms)')} / ${of(arising, 'p99 ack (ms)')} ms (${commands} sent${failed(arising)})`,
      limit: `bare Bolt app: ${of(bare, 'p50 ack (ms)')} / ${of(bare, 'p99 ack (ms)')} ms${failed(bare)}`,
      ratio: `${(num(arising, 'p50 ack (ms)') / num(bare, 'p50 ack (ms)')).toFixed(1)} / ${(num(arising, 'p99 ack (ms)') / num(bare, 'p99 ack (ms)')).toFixed(1)}`,
    },
    {
      what: 'service memory (RSS) before → after the load',
      Arising:
        `${of(arising, 'RSS start (MB)')} → ${of(arising, 'RSS end (MB)')} MB (after GC ` +
        `${of(arising, 'RSS end after GC (MB)')} MB, of which V8 heap ` +
        `${of(arising, 'heap reserved end (MB)')} MB reserved, ${of(arising, 'external end (MB)')} MB external` +
        `${arising['RSS note'] ?? ''})`,
      limit: 'not judged: includes uncollected garbage',
      ratio: (num(arising, 'RSS end (MB)') / num(arising, 'RSS start (MB)')).toFixed(2),
    },
    {
      what: 'service live heap after full GC: warm → mid → end',
      Arising:
        `${of(arising, 'heap warm (MB)')} → ${of(arising, 'heap mid (MB)')} → ${of(arising, 'heap end (MB)')} MB: ` +
        `${verdict} (${lastHalf >= 0 ? '+' : ''}${lastHalf.toFixed(1)} MB over the last ${commands / 2}, ${perCommand} B each)`,
      limit: `flat (< ${FLAT_MB} MB over the second half)`,
      ratio: (num(arising, 'heap end (MB)') / num(arising, 'heap warm (MB)')).toFixed(2),
    },
  ];
}

export const slashCommands: Benchmark = {
  name: 'slash',
  description:
    `signed /action list (1 in 20 an add, 100 channels) at ${RATE}/s for ${SECONDS} s, in two halves with a ` +
    'few seconds between them, against the service (child process, its own redis-server, fake Slack API), ' +
    'beside a bare Bolt app that only acks under the same load; the live heap of the service after a forced full ' +
    'GC after a 3 s warm-up, between the halves and at the end',
  async run() {
    const slack = await new FakeSlackApi().start();
    try {
      const bare = await runBare(slack);
      slack.reset();
      const arising = await runService(slack);
      return summarise(bare, arising);
    } finally {
      await slack.stop();
    }
  },
};
