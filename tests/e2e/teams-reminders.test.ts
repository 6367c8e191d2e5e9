/**
 * Proactive messages in Teams: a reminder job on the real BullMQ queue, run by the real service's worker,
 * reaches the owner's personal chat through the TeamsMessenger and the fake Bot Connector. An owner who
 * has not installed the app (Teams answers 403 to opening a chat) is named in the channel instead; a 429
 * is retried; a plain `done` in the personal chat closes the action and updates both cards.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import type { Action } from '../../src/core/domain';
import { cardProblems } from '../support/adaptive-card-check';
import { type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { eventually } from '../support/start-server';
import {
  BOT_MENTION,
  CHANNEL_ID,
  channelMessage,
  installInTeam,
  installPersonal,
  PRIYA,
  personalChatId,
  personalMessage,
  SAM,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
let queue: Queue;
let action: Action;

beforeAll(async () => {
  // The service runs its workers. Its clock is a Monday years ahead, so the reminders it plans itself are
  // delayed for years and only the job this test adds runs now; due "by 5pm Friday" is always that Friday.
  t = await startTeamsService({ now: '2030-03-04T09:00:00Z', role: 'all' });
  queue = createQueue(
    REMINDER_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
  await t.post(installInTeam(t));
  await t.post(installPersonal(t, PRIYA));
  await t.post(channelMessage(t, '<at>Arising</at> settings reminders 0', [BOT_MENTION]));
  await t.post(
    channelMessage(
      t,
      '<at>Arising</at> add <at>Priya Patel</at> and <at>Sam Smith</at> to send the KSI data by 5pm Friday',
      [BOT_MENTION, { person: PRIYA }, { person: SAM }],
    ),
  );
  action = await eventually(
    async () =>
      ((await t.store.get(t.channel, 1))?.message && (await t.store.get(t.channel, 1))) ?? undefined,
  );
});

afterAll(async () => {
  await queue.close();
  await t.stop();
});

it('reaches the owner in their personal chat, retrying a 429, and names the owner without the app in the channel', async () => {
  t.connector.reset();
  t.connector.failNext('send', 429, 1, { retryAfter: '0', match: personalChatId(PRIYA) });
  t.connector.failNext('create-conversation', 403, 1, { match: SAM.id });
  const fireAt = action.due?.at as string;
  await queue.add(
    JOB.reminder,
    { channel: t.channel, number: 1, fireAt },
    { jobId: `e2e-reminder-${Date.now()}` },
  );

  const dm = await eventually(async () =>
    t.connector.callsOf('send').find((c) => c.conversation === personalChatId(PRIYA)),
  );
  expect(t.connector.calls.some((c) => c.status === 429 && c.conversation === personalChatId(PRIYA))).toBe(
    true,
  );
  for (const card of cardsOf(dm)) expect(cardProblems(card)).toEqual([]);
  const shown = shownText(dm);
  expect(shown).toContain('#1');
  expect(shown).toContain('send the KSI data');
  expect(shown).toContain('Fri 8 Mar');
  expect(JSON.stringify(cardsOf(dm))).toContain('"verb":"done"');

  // Sam has no personal chat: Teams refuses to open one, so the channel hears about it, once.
  const named = await eventually(async () =>
    t.connector
      .callsOf('send')
      .find((c) => c.conversation === CHANNEL_ID && shownText(c).includes('could not')),
  );
  expect(shownText(named)).toContain('<at>Sam Smith</at>');
  expect(shownText(named)).toContain('add the Arising app for yourself');
  expect(t.connector.calls.filter((c) => c.kind === 'create-conversation')).toHaveLength(1);
  expect(t.connector.callsOf('send').filter((c) => c.conversation === CHANNEL_ID)).toHaveLength(1);
});

it('takes a plain `done` in the personal chat as the answer to the reminder, updating the channel card and the reminder', async () => {
  t.connector.reset();
  t.connector.failNext('update', 412, 1);
  const response = await t.post(personalMessage(t, PRIYA, 'done'));
  expect(response.status).toBe(200);
  const closed = await eventually(async () => {
    const stored = await t.store.get(t.channel, 1);
    return stored?.state === 'done' ? stored : undefined;
  });
  expect(closed.closedBy).toBe(PRIYA.id);
  // The channel card, after one 412 that was retried.
  const channelUpdate = await eventually(async () =>
    t.connector.callsOf('update').find((c: ConnectorCall) => c.activityId === action.message?.id),
  );
  expect(shownText(channelUpdate)).toContain('✅ Done');
  expect(t.connector.calls.some((c) => c.kind === 'update' && c.status === 412)).toBe(true);
  // The reminder in the personal chat, by the reminder-closed job.
  const dmUpdate = await eventually(
    async () => t.connector.callsOf('update').find((c) => c.conversation === personalChatId(PRIYA)),
    10_000,
  );
  expect(shownText(dmUpdate)).toContain('is done');
  expect(JSON.stringify(cardsOf(dmUpdate))).not.toContain('Action.Execute');
});
