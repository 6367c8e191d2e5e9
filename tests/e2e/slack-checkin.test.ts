/**
 * Check-ins before the meeting through Slack, end to end: `settings checkin` and `meeting next` as slash
 * commands, the check-in job on the real BullMQ queue run by the real service's worker, each owner's DM
 * per action with Done, Add a note and New date (fake Web API), pressing them and replying in the DM's
 * thread, a second run asking no one, and matters arising showing the answers and who has not answered.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { CHANNEL_POST_QUEUE, createQueue } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { RedisCheckins } from '../../src/store/redis-checkins';
import type { Body } from '../support/fake-slack-api';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { blockActions, messageEvent, slashCommand, viewSubmission } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';
const SAM = 'U0SAM';
const MEETING = '2030-03-12T14:00'; // Tuesday
const FIRE_AT = '2030-03-08T09:00:00.000Z'; // Friday 09:00 GMT, 2 working days before

let t: TestService;
let queue: Queue;

beforeAll(async () => {
  // The service runs its workers; its clock is years ahead, so the job it plans itself waits for years
  // and only the jobs this test adds run now.
  t = await startTestService({ now: '2030-03-04T09:00:00Z', role: 'all' });
  queue = createQueue(
    CHANNEL_POST_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
});

afterAll(async () => {
  await queue.close();
  await t.stop();
});

/**
 * Runs a slash command and returns what it answered, privately (response_url) or in the channel
 * (chat.postMessage), once that includes `expected`.
 */
async function command(text: string, expected: string): Promise<string> {
  const answers = () =>
    t.slack.calls.filter(
      (c) =>
        c.method === 'response_url' ||
        (c.method === 'chat.postMessage' && c.body.channel === t.channel.channel),
    );
  const before = answers().length;
  await t.send(slashCommand(t.where, text, t.slack.responseUrl()));
  const said = () =>
    answers()
      .slice(before)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
  return eventually(async () => said().includes(expected) && said());
}

/** The DMs the bot posted to a user, oldest first. */
function dmsTo(user: string): Body[] {
  return t.slack
    .callsTo('chat.postMessage')
    .map((c) => c.body)
    .filter((b) => b.channel === `D${user}`);
}

function buttonsOf(body: Body | undefined): { action_id: string; value: string }[] {
  const blocks = (body?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
  return blocks
    .flatMap((b) => b.elements ?? [])
    .flatMap((e) => (e.action_id && e.value ? [{ action_id: e.action_id, value: e.value }] : []));
}

async function runCheckin(id: string): Promise<void> {
  await queue.add(JOB.checkin, { channel: t.channel, meeting: MEETING, fireAt: FIRE_AT }, { jobId: id });
  await eventually(async () => (await queue.getJobState(id)) === 'completed', 15_000);
}

it('asks each owner per action in a DM, takes Done, a note and a new date, and matters arising shows them', async () => {
  await command('settings checkin -2d', 'Check-ins before the next meeting: -2d');
  await command('meeting next 12 March 2030 14:00', '12 Mar 2030');
  await command(`add <@${PRIYA}|priya> to send the KSI data by 29 March`, 'send the KSI data');
  await command(`add <@${PRIYA}|priya> and <@${SAM}|sam> to book the room by 29 March`, 'book the room');
  await command(`add <@${SAM}|sam> to write the minutes by 29 March`, 'write the minutes');
  await eventually(async () => (await t.store.list(t.channel, 'open')).length === 3);

  await runCheckin('e2e-checkin-1');
  const priya = dmsTo(PRIYA);
  expect(priya.map((b) => b.text)).toEqual([
    '📋 Before the meeting on Tue 12 Mar 2030, 14:00: how is #1 going? send the KSI data',
    '📋 Before the meeting on Tue 12 Mar 2030, 14:00: how is #2 going? book the room',
  ]);
  expect(dmsTo(SAM)).toHaveLength(2);
  expect(buttonsOf(priya[0]).map((b) => b.action_id)).toEqual(['done', 'add-note', 'change-due']);

  // A second run (a retry, a duplicate) asks no one again.
  await runCheckin('e2e-checkin-2');
  await settle(300);
  expect(dmsTo(PRIYA)).toHaveLength(2);
  expect(dmsTo(SAM)).toHaveLength(2);

  const dmTs = async (user: string, number: number): Promise<string> => {
    const found = t.slack
      .postedMessages()
      .find((m) => m.channel === `D${user}` && String(m.text).includes(`#${number} going`));
    if (!found) throw new Error(`no DM to ${user} about #${number}`);
    return found.ts;
  };
  const inDm = (user: string) => ({ ...t.where, channel: `D${user}`, user });

  // Priya presses Done under #1.
  const done = buttonsOf(priya[0]).find((b) => b.action_id === 'done');
  await t.send(
    blockActions(
      inDm(PRIYA),
      await dmTs(PRIYA, 1),
      { type: 'button', actionId: 'done', value: String(done?.value) },
      t.slack.responseUrl('done'),
    ),
  );
  await eventually(async () => (await t.store.get(t.channel, 1))?.state === 'done');

  // Priya adds a note to #2 through the form the button opens.
  const note = buttonsOf(priya[1]).find((b) => b.action_id === 'add-note');
  const opened = t.slack.callsTo('views.open').length;
  await t.send(
    blockActions(
      inDm(PRIYA),
      await dmTs(PRIYA, 2),
      { type: 'button', actionId: 'add-note', value: String(note?.value) },
      t.slack.responseUrl('note'),
    ),
  );
  const open = (await t.slack.waitForCalls('views.open', opened + 1)).at(-1);
  const view = open?.body.view as { callback_id: string; private_metadata: string; blocks: unknown };
  expect(JSON.stringify(view.blocks)).toContain('Progress note');
  await t.send(
    viewSubmission(inDm(PRIYA), view, {
      text: { text: { type: 'plain_text_input', value: 'room booked, awaiting invoice' } },
    }),
  );
  await eventually(async () => (await t.store.get(t.channel, 2))?.notes.length === 1);

  // Sam replies in the thread of his question about #2 with a new date.
  await t.send(
    messageEvent(inDm(SAM), 'new date 19 March', { channelType: 'im', threadTs: await dmTs(SAM, 2) }),
  );
  await eventually(async () => (await t.store.get(t.channel, 2))?.due?.date === '2030-03-19');

  // The answer is recorded just after the change is stored: wait for it, as the chair would.
  const checkins = new RedisCheckins(t.redis.redis, t.redis.prefix);
  await eventually(async () => (await checkins.round(t.channel, MEETING)).answers.length === 3);
  const summary = await command('matters-arising', 'not answered yet');
  expect(summary).toContain('room booked, awaiting invoice');
  expect(summary).toContain('Check-in, ');
  expect(summary).toContain('new date Tue 19 Mar 2030');
  expect(summary).toContain('Asked before the meeting on Tue 12 Mar 2030, 14:00, not answered yet');
  expect(summary).toContain(`<@${SAM}>: #3`);
  expect(summary).not.toContain(`<@${PRIYA}>: #`);
});
