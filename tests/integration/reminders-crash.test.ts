/**
 * Workers that stop: a second worker process killed with `kill -9` in the middle of a reminder loses
 * nothing (another worker takes the job over after its lock and the send's lease expire). This messenger,
 * like Teams, cannot be asked whether a post landed, so a DM whose sender died after handing it over is
 * sent once more, never lost and never sent a third time; one whose sender died before posting is sent
 * once. (On Slack the DM is looked for by its key instead: tests/faults/lost-reminders.test.ts.) A worker
 * sent SIGTERM finishes its job, then exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { startJobs } from '../../jobs';
import { reminderJobId } from '../../jobs/reminder-job';
import { HttpMessenger, RecordingServer, waitUntil } from '../support/recording-messenger';
import { TEST_REDIS_ENV } from '../support/redis';
import { type Harness, pause, startHarness } from './reminders-harness';

const ROOT = join(__dirname, '..', '..');

let h: Harness;
let server: RecordingServer;
const children: ChildProcess[] = [];

/** Starts a worker process and resolves once its workers are ready. */
async function spawnWorker(
  sender: string,
  failpoint = '',
): Promise<{ child: ChildProcess; output: () => string }> {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild process that
  // a `kill -9` of the CLI would leave running.
  const script = join(__dirname, 'reminders-child-worker.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_REDIS_ENV,
      TEST_PREFIX: h.r.prefix,
      RECORDER_URL: server.url,
      SENDER: sender,
      ARISING_FAILPOINT: failpoint,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await waitUntil(() => out.includes('ready') || child.exitCode !== null, `${sender} to start`, 20_000);
  if (!out.includes('ready')) throw new Error(`worker ${sender} did not start: ${out}`);
  return { child, output: () => out };
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, at: Date.now() });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
}

beforeAll(async () => {
  server = await new RecordingServer().start();
  // No workers in this process at first: the child worker must be the one that takes the job.
  h = await startHarness({ workers: false, messenger: new HttpMessenger(server.url, 'parent') });
}, 30_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await h.stop();
  await server.stop();
}, 30_000);

describe('a worker stopped with SIGTERM', () => {
  it('finishes the reminder it is sending, then exits 0, and the reminder is not sent again', async () => {
    const { child } = await spawnWorker('polite');
    server.delayFrom.set('polite', 1500);
    const action = await h.actionDueIn(800, { owners: [{ kind: 'user', id: 'U_TERM' }] });
    await h.scheduler.actionChanged(action);
    await waitUntil(() => server.postsTo('U_TERM').length === 1, 'the send to start');
    const signalled = Date.now();
    child.kill('SIGTERM');
    const exit = await exited(child);
    expect(exit.code).toBe(0);
    // It waited for the slow send to be answered before exiting.
    expect(exit.at - signalled).toBeGreaterThanOrEqual(1000);
    expect(server.answered.length).toBeGreaterThanOrEqual(1);
    const jobId = reminderJobId(action.channel, action.number, new Date(action.due?.at ?? ''));
    expect(await (await h.scheduler.queues.reminders.getJob(jobId))?.getState()).toBe('completed');
    await pause(1500);
    expect(server.postsTo('U_TERM')).toHaveLength(1);
  }, 40_000);
});

/** Runs jobs in this process until `check` holds, then a while longer to show nothing more arrives. */
async function recoverHere(check: () => boolean, what: string): Promise<void> {
  const jobs = await startJobs(h.options, h.scheduler);
  try {
    await waitUntil(check, what, 30_000);
    await pause(4000);
  } finally {
    await jobs.close();
  }
}

describe('a worker killed outright', () => {
  it('after Slack had the DM but before it heard back: the DM is sent once more, never lost, never a third time', async () => {
    const { child } = await spawnWorker('doomed');
    server.holdFrom.add('doomed');
    const action = await h.actionDueIn(800, {
      owners: [
        { kind: 'user', id: 'U_A' },
        { kind: 'user', id: 'U_B' },
      ],
    });
    await h.scheduler.actionChanged(action);
    // The doomed worker has the job and has sent the first DM; the platform has it, but the worker never
    // hears back.
    await waitUntil(() => server.postsTo('U_A').length === 1, 'the doomed worker to send');
    expect(server.postsTo('U_A')[0]?.sender).toBe('doomed');
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');
    expect(server.postsTo('U_B')).toHaveLength(0);
    // A worker in this process takes over the stalled job once the dead worker's lock and lease expire.
    await recoverHere(() => server.postsTo('U_B').length === 1, 'the job to be recovered');
    expect(server.postsTo('U_A').map((p) => p.sender)).toEqual(['doomed', 'parent']);
    expect(server.postsTo('U_B').map((p) => p.sender)).toEqual(['parent']);
  }, 60_000);

  it.each([
    ['between taking the send and posting it', 'reminder.after-lease', ['parent']],
    ['after the platform answered, before the send was recorded', 'reminder.after-post', ['dying', 'parent']],
  ])(
    '%s: nothing is lost, and no DM is sent more than twice',
    async (_when, failpoint, senders) => {
      const { child } = await spawnWorker('dying', failpoint);
      const action = await h.actionDueIn(800, {
        owners: [
          { kind: 'user', id: 'U_FP1' },
          { kind: 'user', id: 'U_FP2' },
        ],
      });
      await h.scheduler.actionChanged(action);
      expect((await exited(child)).signal).toBe('SIGKILL');
      await recoverHere(
        () => server.postsTo('U_FP1').length >= senders.length && server.postsTo('U_FP2').length >= 1,
        'the job to be recovered',
      );
      expect(server.postsTo('U_FP1').map((p) => p.sender)).toEqual(senders);
      expect(server.postsTo('U_FP2').map((p) => p.sender)).toEqual(['parent']);
      server.posts.length = 0;
    },
    60_000,
  );
});
