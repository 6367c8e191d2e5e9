/**
 * Fault 1: Redis killed with -9 in the middle of a burst of adds, and restarted on the same append-only
 * file, under a running service (`tsx src/main.ts`, role all). Slack is made slow (each chat.postMessage
 * takes 100 ms, one at a time per channel), so at the kill many adds are stored and waiting to post their
 * card or to link it, and the adds sent after it cannot be stored at all. Then:
 * The kill comes at an instant that matters: the service stops itself (ARISING_FAILPOINT
 * `add.after-store@N:stop`) right after storing a third of them and before planning that one's reminders,
 * Redis is killed, and the service resumes; the cards then waiting on slow Slack are not linked yet.
 * - every user is told the truth: "NOT stored" (and nothing is stored); "cannot tell whether it was stored"
 *   when the connection was lost with the store's command out (at most one is stored); or "Recorded #N …"
 *   or nothing (exactly one is stored, never one twice);
 * - once Redis is back the repair pass (ARISING_REPAIR_INTERVAL 2 s here) plans every stored action's
 *   reminders and links every card, posting none twice, so a reply in a card's thread reaches its action;
 * - while Redis is away an add is answered within Slack's 3 s, and the web side reconnects by itself.
 */
import { Queue } from 'bullmq';
import { REMINDER_QUEUE } from '../../jobs/job-settings';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { type Call, FakeSlackApi } from '../support/fake-slack-api';
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

const where: Where = { team: 'T0TEAM', channel: 'C0KILL', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: where.team, channel: where.channel };
const prefix = freshPrefix();
const ADDS = 50;
/** The warm-up add and a third of the burst are stored when Redis is killed. */
const STOP_AT = 1 + Math.round(ADDS / 3);
let slack: FakeSlackApi;
let redis: TestRedisServer;
let app: ArisingProcess;
let reminders: Queue;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  app = startArising({
    redisUrl: redis.url,
    slackApiUrl: slack.apiUrl,
    prefix,
    env: {
      ARISING_REPAIR_INTERVAL: '2',
      ARISING_REPAIR_GRACE: '1',
      // The service stops itself right after storing the STOP_AT-th action, for the test to kill Redis.
      ARISING_FAILPOINT: `add.after-store@${STOP_AT}:stop`,
    },
  });
  await app.ready;
  await app.waitForOutput(/Workers: .*running/);
  reminders = new Queue(REMINDER_QUEUE, { connection: { url: redis.url }, prefix });
  reminders.on('error', () => {}); // while Redis is killed
});

afterAll(async () => {
  await reminders?.close();
  await app?.stop();
  await slack?.stop();
  await redis?.stop();
});

const command = (text: string, id: string) =>
  sendToSlackEndpoint(app.baseUrl, slashCommand(where, text, slack.responseUrl(id)));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the user who sent request `id` was told, as text. */
function answerTo(id: string): string {
  return slack
    .callsTo('response_url')
    .filter((c) => c.path === `/response/${id}`)
    .map((c) => JSON.stringify(c.body))
    .join('\n');
}

const cardKeyOf = (call: Call): unknown =>
  (call.body.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key;
const cardsOf = (number: number): Call[] =>
  slack.callsTo('chat.postMessage').filter((c) => cardKeyOf(c) === `card:slack:T0TEAM:C0KILL:${number}`);

it('tells each user truthfully whether their action was stored, and repairs every stored action', async () => {
  const store = new RedisActionStore({ redis: redis.client, prefix });
  const tasks = Array.from({ length: ADDS }, (_, i) => `check the figures for ward ${i + 1}`);
  // One add first, so every module the add path loads is loaded before the burst is timed.
  await command('add <@U0PRIYA|priya> to warm up by 31 December 2030', 'warm-up');
  await slack.waitForCalls('chat.postMessage', 1, 15_000);
  slack.delayMethod('chat.postMessage', 100);
  // One add every 40 ms; Redis is killed once a third are stored, while their cards are still posting.
  const sends = tasks.map(async (task, i) => {
    await pause(i * 40);
    return command(`add <@U0PRIYA|priya> to ${task} by 31 December 2030`, `add-${i}`);
  });
  // Stopped between storing an action and planning it; others are waiting on Slack to post or link.
  const [, pid] = await app.waitForOutput(/failpoint add\.after-store: stopped \(pid (\d+)\)/, 15_000);
  await redis.kill9();
  process.kill(Number(pid), 'SIGCONT');
  for (const response of await Promise.all(sends)) expect(response.status).toBe(200);

  // While Redis is away an add is answered within 3 s, and told it was not stored.
  const started = Date.now();
  expect((await command('add <@U0PRIYA|priya> to write while the database is away', 'down')).status).toBe(
    200,
  );
  await waitUntil(() => answerTo('down') !== '', 3000, 'the answer while Redis is down');
  expect(Date.now() - started).toBeLessThan(3000);
  expect(answerTo('down')).toMatch(/NOT stored\. Please add it again shortly/);

  // Let the cards still waiting on slow Slack go out (their links fail), then bring Redis back.
  await pause(4000);
  await redis.restart();

  const stored = await waitForRepair(store);
  const told = tasks.map((_, i) => answerTo(`add-${i}`));
  const untrue: string[] = [];
  for (const [i, task] of tasks.entries()) {
    const count = stored.filter((a) => a.text === task).length;
    const said = told[i] ?? '';
    // Not stored: none. Perhaps stored (the reply was lost with the connection): at most one. Stored
    // (nothing to say, or "Recorded #N, but …"): exactly one, and never "try again".
    const expected = /NOT stored/.test(said) ? [0] : /cannot tell whether/.test(said) ? [0, 1] : [1];
    const truthful = /NOT stored|cannot tell whether/.test(said) || !/try again|went wrong/i.test(said);
    if (!expected.includes(count) || !truthful)
      untrue.push(`${task}: ${count} stored, told ${said || 'nothing'}`);
  }
  expect(untrue).toEqual([]);
  // The kill came at the instants that matter: adds not (or perhaps not) stored yet, adds stored and not yet planned
  // (the last stored ones), adds posted and not yet linked (those waiting on slow Slack).
  const seen = (instant: RegExp) => told.filter((t) => instant.test(t)).length > 0;
  expect({
    notStored: seen(/NOT stored|cannot tell whether/),
    notPlanned: seen(/but its reminders/),
    notLinked: seen(/replies in its card’s thread/),
  }).toEqual({ notStored: true, notPlanned: true, notLinked: true });

  // The web side reconnects by itself: the next add is stored with the next number and its card posted.
  const next = stored.length + 1;
  let answered = false;
  const deadline = Date.now() + 20_000;
  while (!answered && Date.now() < deadline) {
    await command('add <@U0PRIYA|priya> to write after the restart by 31 December 2030', 'after');
    answered = await waitUntil(() => cardsOf(next).length > 0, 2000, 'the card after the restart').then(
      () => true,
      () => false,
    );
  }
  expect(answered).toBe(true);
  expect((await store.get(channel, next))?.text).toBe('write after the restart');
});

/**
 * Waits until the repair pass has made every stored action whole: its card posted exactly once and linked
 * to it, and its reminders planned. Returns the stored actions.
 */
async function waitForRepair(store: RedisActionStore) {
  let problems: string[] = ['not checked yet'];
  const deadline = Date.now() + 40_000;
  while (problems.length > 0 && Date.now() < deadline) {
    await pause(500);
    problems = await unrepaired(store).catch((error: unknown) => [String(error)]);
  }
  expect(problems).toEqual([]);
  return store.list(channel, 'all');
}

/** What is still missing from the stored actions, in words ([] when nothing is). */
async function unrepaired(store: RedisActionStore): Promise<string[]> {
  const stored = await store.list(channel, 'all');
  const delayed = await reminders.getDelayed();
  const problems: string[] = [];
  for (const action of stored) {
    const n = action.number;
    if (cardsOf(n).length !== 1) problems.push(`#${n}: ${cardsOf(n).length} cards posted`);
    if (!action.message) problems.push(`#${n}: no card recorded`);
    else if ((await store.findByMessage('slack', action.message))?.number !== n) {
      problems.push(`#${n}: card not linked`);
    }
    if (!delayed.some((j) => j.data.channel.channel === channel.channel && j.data.number === n)) {
      problems.push(`#${n}: no reminder planned`);
    }
  }
  return problems;
}
