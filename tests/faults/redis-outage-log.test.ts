/**
 * What the service logs while Redis is down (`tsx src/main.ts`, role all, its own redis-server): one
 * JSON line when Redis goes and one when it is back, not hundreds of lines a minute and no plain,
 * multi-line stack dumps. A start without Redis says so once, says the workers wait for it (not that they
 * run), and once Redis answers it says that they run and the service answers again.
 */
import { FakeSlackApi } from '../support/fake-slack-api';
import {
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
  waitUntil,
} from '../support/processes';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(120_000);

/** How long each outage lasts: long enough for every connection to fail and retry many times. */
const OUTAGE_MS = 10_000;
/** The most lines an outage may cost, from going down to back (one each, and a few of other news). */
const MOST_LINES_PER_OUTAGE = 6;

const where: Where = { team: 'T0TEAM', channel: 'C0OUTAGE', user: 'U0CHAIR' };
let slack: FakeSlackApi;
let redis: TestRedisServer;
let app: ArisingProcess;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
});

afterAll(async () => {
  await app?.stop();
  await slack?.stop();
  await redis?.stop();
});

/** The output's lines from `from` on, each parsed; a line that is not one JSON object fails the test. */
function jsonLines(output: string, from = 0): { msg?: string; level?: string }[] {
  const lines = output
    .slice(from)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const notJson = lines.filter((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
    } catch {
      return true;
    }
  });
  expect(notJson).toEqual([]);
  return lines.map((line) => JSON.parse(line) as { msg?: string; level?: string });
}

const messages = (lines: { msg?: string }[], pattern: RegExp): string[] =>
  lines.map((l) => l.msg ?? '').filter((msg) => pattern.test(msg));

/** A slash command that adds an action, answered with its card in the channel. */
async function addsAnAction(task: string): Promise<void> {
  slack.reset();
  const request = slashCommand(where, `add <@U0PRIYA|priya> to ${task}`, slack.responseUrl());
  expect((await sendToSlackEndpoint(app.baseUrl, request)).status).toBe(200);
  const [card] = await slack.waitForCalls('chat.postMessage', 1, 10_000);
  expect(JSON.stringify(card?.body)).toContain(task);
}

it('starts without Redis saying so once, and runs its workers and answers once Redis is there', async () => {
  await redis.kill9();
  app = startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix: freshPrefix() });
  await app.ready;
  await app.waitForOutput(/Workers: waiting for Redis/);
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));

  const down = jsonLines(app.output());
  expect(messages(down, /Redis is down/)).toHaveLength(1);
  expect(messages(down, /Workers: waiting for Redis/)).toHaveLength(1);
  expect(messages(down, /are running/)).toEqual([]);
  expect(messages(down, /maxmemory-policy/)).toEqual([]);
  // The start's own lines (what is served, what is disabled) and the outage's, nothing repeated.
  expect(down.length).toBeLessThanOrEqual(12);

  await redis.restart();
  await app.waitForOutput(/Redis is back/, 15_000);
  await app.waitForOutput(/Workers: Redis answers; .* are running/, 15_000);
  await addsAnAction('book the hall');
  const all = jsonLines(app.output());
  expect(messages(all, /Redis is back/)).toHaveLength(1);
});

it('logs a Redis killed under the running service once when it goes and once when it is back', async () => {
  const before = app.output().length;
  await redis.kill9();
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  const during = jsonLines(app.output(), before);
  expect(messages(during, /Redis is down/)).toHaveLength(1);

  await redis.restart();
  await waitUntil(() => app.output().includes('Redis is back', before), 15_000, 'Redis is back');
  await addsAnAction('print the agenda');
  const outage = jsonLines(app.output(), before);
  expect(messages(outage, /Redis is down/)).toHaveLength(1);
  expect(messages(outage, /Redis is back/)).toHaveLength(1);
  expect(outage.length).toBeLessThanOrEqual(MOST_LINES_PER_OUTAGE);
});
