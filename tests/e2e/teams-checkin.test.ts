/**
 * Check-ins before the meeting through Teams, end to end: the check-in job on the real BullMQ queue, run by
 * the real service's worker, reaches the owner's personal chat as an Adaptive Card (fake Bot Connector)
 * with Done, Add a note (a form on the card) and New date; the note is taken from the card, a plain
 * `by 20 March` in the chat moves the date, and matters arising in the channel shows both answers.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { CHANNEL_POST_QUEUE, createQueue } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { RedisCheckins } from '../../src/store/redis-checkins';
import { cardProblems } from '../support/adaptive-card-check';
import { cardsOf, shownText } from '../support/fake-bot-connector';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { eventually } from '../support/start-server';
import {
  BOT_MENTION,
  CHANNEL_ID,
  channelMessage,
  installInTeam,
  installPersonal,
  invokeAction,
  PRIYA,
  personalChatId,
  personalMessage,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
let queue: Queue;

beforeAll(async () => {
  // The service runs its workers; its clock is years ahead, so only the job this test adds runs now.
  t = await startTeamsService({ now: '2030-03-04T09:00:00Z', role: 'all' });
  queue = createQueue(
    CHANNEL_POST_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
  await t.post(installInTeam(t));
  await t.post(installPersonal(t, PRIYA));
});

afterAll(async () => {
  await queue.close();
  await t.stop();
});

/** The `data.value` of the card's Action.Execute with that verb: which action it is about. */
function dataValue(cards: unknown, verb: string): string {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const { verb: v, data } = node as { verb?: unknown; data?: { value?: unknown } };
      if (v === verb && typeof data?.value === 'string') found ??= data.value;
      Object.values(node).forEach(visit);
    }
  };
  visit(cards);
  if (!found) throw new Error(`no ${verb} on the card`);
  return found;
}

async function say(text: string, mentions = [BOT_MENTION, { person: PRIYA }]): Promise<void> {
  const response = await t.post(channelMessage(t, `<at>Arising</at> ${text}`, mentions));
  expect(response.status).toBe(200);
}

it('asks the owner in their personal chat with a card, and takes a note from it and a date from a reply', async () => {
  await say('settings checkin -2d', [BOT_MENTION]);
  await say('meeting next 12 March 2030 14:00', [BOT_MENTION]);
  await say('add <at>Priya Patel</at> to send the KSI data by 29 March');
  await eventually(async () => (await t.store.get(t.channel, 1))?.message ?? undefined);
  await eventually(async () => (await t.store.getSettings(t.channel)).checkin === '-2d');
  t.connector.reset();

  const data = { channel: t.channel, meeting: '2030-03-12T14:00', fireAt: '2030-03-08T09:00:00.000Z' };
  await queue.add(JOB.checkin, data, { jobId: 'e2e-teams-checkin' });
  const dm = await eventually(
    async () =>
      t.connector
        .callsOf('send')
        .find((c) => c.conversation === personalChatId(PRIYA) && shownText(c).includes('#1 going')),
    15_000,
  );
  for (const card of cardsOf(dm)) expect(cardProblems(card)).toEqual([]);
  const card = JSON.stringify(cardsOf(dm));
  expect(shownText(dm)).toContain('Before the meeting on Tue 12 Mar 2030, 14:00');
  for (const verb of ['"verb":"done"', '"verb":"add-note"', '"verb":"change-due"'])
    expect(card).toContain(verb);
  expect(card).toContain('Progress note');

  // The note, from the form on the card.
  const value = dataValue(cardsOf(dm), 'done');
  const response = await t.post(
    invokeAction(
      t,
      'add-note',
      { value, input: 'input-add-note', 'input-add-note': 'figures with the analyst' },
      { from: PRIYA, replyToId: String(dm.id), personal: true },
    ),
  );
  expect(response.status).toBe(200);
  await eventually(
    async () => (await t.store.get(t.channel, 1))?.notes.at(-1)?.text === 'figures with the analyst',
  );

  // A plain reply in the personal chat answers the latest question there.
  await t.post(personalMessage(t, PRIYA, 'by 20 March'));
  await eventually(async () => (await t.store.get(t.channel, 1))?.due?.date === '2030-03-20');

  // The answer is recorded just after the change is stored: wait for it, as the chair would.
  const checkins = new RedisCheckins(t.redis.redis, t.redis.prefix);
  await eventually(async () => (await checkins.round(t.channel, data.meeting)).answers.length === 2);
  t.connector.reset();
  await say('matters-arising', [BOT_MENTION]);
  const summary = await eventually(async () =>
    t.connector.calls.find(
      (c) => c.conversation?.startsWith(CHANNEL_ID) && shownText(c).includes('Check-in'),
    ),
  );
  expect(shownText(summary)).toContain('note: figures with the analyst');
  expect(shownText(summary)).toContain('new date Wed 20 Mar 2030');
  expect(shownText(summary)).toContain(
    'Everyone asked before the meeting on Tue 12 Mar 2030, 14:00 has answered',
  );
});
