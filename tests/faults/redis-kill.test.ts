/**
 * Fault 1: Redis killed with -9 and restarted on the same append-only file, under a running service
 * (`tsx src/main.ts`, role all). Every action whose card was posted before the kill is there after it; while
 * Redis is down a command is told to try again shortly within Slack's 3 s and nothing half-written stays;
 * the web side and the workers reconnect by themselves.
 */
import { Queue } from 'bullmq';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { FakeSlackApi } from '../support/fake-slack-api';
import {
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
} from '../support/processes';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(90_000);

const where: Where = { team: 'T0TEAM', channel: 'C0KILL', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: where.team, channel: where.channel };
const prefix = freshPrefix();
let slack: FakeSlackApi;
let redis: TestRedisServer;
let app: ArisingProcess;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  app = startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix });
  await app.ready;
  await app.waitForOutput(/Workers: .*running/);
});

afterAll(async () => {
  await app?.stop();
  await slack?.stop();
  await redis?.stop();
});

const command = (text: string, id: string) =>
  sendToSlackEndpoint(app.baseUrl, slashCommand(where, text, slack.responseUrl(id)));

it('keeps every answered action across kill -9, says "try again shortly" while down, and reconnects', async () => {
  const store = new RedisActionStore({ redis: redis.client, prefix });
  const tasks = Array.from({ length: 12 }, (_, i) => `check the figures for ward ${i + 1}`);
  // Half in sequence, half at once: the kill comes right after the last card is posted.
  for (const task of tasks.slice(0, 6)) {
    expect((await command(`add <@U0PRIYA|priya> to ${task} by 31 December 2030`, 'a')).status).toBe(200);
  }
  await Promise.all(
    tasks.slice(6).map(async (task) => {
      expect((await command(`add <@U0PRIYA|priya> to ${task} by 31 December 2030`, 'a')).status).toBe(200);
    }),
  );
  await slack.waitForCalls('chat.postMessage', tasks.length, 15_000);

  await redis.kill9();

  // While Redis is away: Slack gets its ack at once, and the user a clear answer within 3 s.
  slack.reset();
  const started = Date.now();
  const down = await command('add <@U0PRIYA|priya> to write while the database is away', 'down');
  expect(down.status).toBe(200);
  const [reply] = await slack.waitForCalls('response_url', 1, 3000);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(JSON.stringify(reply?.body)).toMatch(/try again shortly/i);
  expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

  await redis.restart();

  // Every answered action is there, numbered 1…12 with nothing half-written between or after.
  const stored = await store.list(channel, 'all');
  expect(stored.map((a) => a.text).sort()).toEqual([...tasks].sort());
  expect(stored.map((a) => a.number).sort((a, b) => a - b)).toEqual(tasks.map((_, i) => i + 1));
  expect(stored.some((a) => a.text.includes('database is away'))).toBe(false);

  // The web side reconnects by itself: the next add is stored as #13 and its card posted.
  slack.reset();
  let answered = false;
  const deadline = Date.now() + 20_000;
  while (!answered && Date.now() < deadline) {
    slack.reset();
    await command('add <@U0PRIYA|priya> to write after the restart by 31 December 2030', 'after');
    const replies = await slack.waitForCalls('chat.postMessage', 1, 2000).catch(() => []);
    answered = replies.length > 0;
  }
  expect(answered).toBe(true);
  expect((await store.get(channel, 13))?.text).toBe('write after the restart');
  expect(await store.get(channel, 14)).toBeNull();

  // The workers reconnect by themselves: a digest job put on their queue now is processed.
  const queue = new Queue('channel-posts', { connection: { url: redis.url }, prefix });
  try {
    const job = await queue.add('digest', { channel }, { jobId: 'fault-1-after-restart' });
    const deadlineJobs = Date.now() + 20_000;
    let state = await job.getState();
    while (state !== 'completed' && state !== 'failed' && Date.now() < deadlineJobs) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await job.getState();
    }
    expect(state).toBe('completed');
  } finally {
    await queue.close();
  }
});
