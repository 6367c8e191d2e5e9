/**
 * Slash-command ack time under load: signed `/action list` requests (one in twenty an `/action add`) over 100 channels at a
 * steady 200 a second for 10 s (60 s with BENCH_FULL=1; BENCH_SLASH_RATE and BENCH_SLASH_SECONDS to
 * change) against the running service: `tsx src/main.ts` as a child process, with its own redis-server and
 * the fake Slack Web API, as the fault tests start it. The limit is a bare Bolt app (ExpressReceiver, a
 * handler that only acks) under the same load on the same machine in the same run. The service's resident
 * memory is read from /proc before and after the load: flat means no leak.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { FakeSlackApi } from '../tests/support/fake-slack-api';
import { startArising, startRedis } from '../tests/support/processes';
import { SIGNING_SECRET, signature, slashCommand, type Where } from '../tests/support/slack-signing';
import { type Benchmark, quantile, type Row, sleep, startChild } from './bench-support';

const RATE = Number(process.env.BENCH_SLASH_RATE ?? '200');
const SECONDS = Number(process.env.BENCH_SLASH_SECONDS ?? (process.env.BENCH_FULL === '1' ? '60' : '10'));
/** Requests are spread over this many channels, as a real install's would be. */
const CHANNELS = 100;
const WARM_UP_SECONDS = 3;
const whereOf = (i: number): Where => ({
  team: 'T0BENCH',
  channel: `C0BENCH${i % CHANNELS}`,
  user: 'U0BENCH',
});

interface LoadResult {
  acks: number[];
  failed: number;
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

/** Sends RATE requests a second for SECONDS (open loop: a slow answer does not slow the sending). */
async function load(port: number, responseUrl: string, seconds = SECONDS): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = RATE * seconds;
  const acks: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / RATE;
    const wait = at - performance.now();
    if (wait > 1) await sleep(wait);
    const text = i % 20 === 19 ? `add <@U0PRIYA|priya> to bench task ${i} by 31 December 2030` : 'list';
    const body = slashCommand(whereOf(i), text, responseUrl).body;
    pending.push(
      post(agent, port, body).then(
        ({ ms, status }) => {
          if (status === 200) acks.push(ms);
          else failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { acks: acks.sort((a, b) => a - b), failed };
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
    'p50 ack (ms)': quantile(result.acks, 0.5).toFixed(1),
    'p99 ack (ms)': quantile(result.acks, 0.99).toFixed(1),
    ...extra,
  };
}

async function runBare(slack: FakeSlackApi): Promise<Row> {
  const child = await startChild('bare-bolt.ts', { BENCH_SIGNING_SECRET: SIGNING_SECRET });
  try {
    const port = Number(/ready (\d+)/.exec(child.stdout())?.[1]);
    await load(port, slack.responseUrl('warm'), WARM_UP_SECONDS); // warm-up, not measured
    return row('bare Bolt app (ack only)', await load(port, slack.responseUrl('bare')));
  } finally {
    child.process.kill('SIGTERM');
    await child.exited;
  }
}

async function runService(slack: FakeSlackApi): Promise<Row> {
  const redis = await startRedis();
  const app = startArising({
    redisUrl: redis.url,
    slackApiUrl: slack.apiUrl,
    nodeArgs: process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [],
  });
  try {
    await app.ready;
    const port = app.port ?? 0;
    await load(port, slack.responseUrl('warm'), WARM_UP_SECONDS); // warm-up, not measured
    await sleep(2000);
    const pid = app.child.pid ?? 0;
    const before = rssMb(pid);
    const result = await load(port, slack.responseUrl('arising'));
    await sleep(2000); // let the work after each ack finish
    const after = rssMb(pid);
    return row('Arising service', result, {
      'RSS start (MB)': before.toFixed(0),
      'RSS end (MB)': after.toFixed(0),
    });
  } finally {
    await app.stop();
    await redis.stop();
  }
}

/** The two runs as lines of the one results table: the service beside the bare Bolt app. */
function summarise(bare: Row, arising: Row): Row[] {
  const of = (row: Row, column: string) => row[column] ?? '?';
  const failed = (row: Row) => (row.failed === '0' ? '' : `, ${row.failed} failed`);
  return [
    {
      what: `slash commands at ${RATE}/s for ${SECONDS} s: p50 / p99 ack`,
      Arising: `${of(arising, 'p50 ack (ms)')} / ${of(arising, 'p99 ack (ms)')} ms${failed(arising)}`,
      limit: `bare Bolt app: ${of(bare, 'p50 ack (ms)')} / ${of(bare, 'p99 ack (ms)')} ms${failed(bare)}`,
      ratio: `${(Number(arising['p50 ack (ms)']) / Number(bare['p50 ack (ms)'])).toFixed(1)} / ${(Number(arising['p99 ack (ms)']) / Number(bare['p99 ack (ms)'])).toFixed(1)}`,
    },
    {
      what: 'service memory (RSS) before → after the load',
      Arising: `${of(arising, 'RSS start (MB)')} → ${of(arising, 'RSS end (MB)')} MB`,
      limit: 'flat (no leak)',
      ratio: (Number(arising['RSS end (MB)']) / Number(arising['RSS start (MB)'])).toFixed(2),
    },
  ];
}

export const slashCommands: Benchmark = {
  name: 'slash',
  description:
    `signed /action list (1 in 20 an add, 100 channels) at ${RATE}/s for ${SECONDS} s against the service ` +
    '(child process, its own redis-server, fake Slack API), beside a bare Bolt app that only acks',
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
