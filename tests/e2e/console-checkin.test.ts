/**
 * Check-ins before the meeting in the console, end to end over its HTTP routes against the real service,
 * its worker and Redis: the check-in job on the real queue asks Priya in her DM pane, with Done, Add a
 * note and New date buttons; she adds a note with the button and closes another action by replying
 * `done` in its question's thread; the chair's matters arising shows the answers and who has not answered.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { CHANNEL_POST_QUEUE, createQueue } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { RedisCheckins } from '../../src/store/redis-checkins';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { type ConsoleService, startConsoleService } from '../support/start-console';
import { eventually } from '../support/start-server';

const CHANNEL = { platform: 'console' as const, team: 'demo', channel: 'committee' };
const MEETING = '2031-03-11T14:00'; // a Tuesday
const FIRE_AT = '2031-03-07T09:00:00.000Z'; // Friday 09:00 GMT, 2 working days before

interface Shown {
  id: string;
  html: string;
  from: { id: string } | null;
}

let t: ConsoleService;
let queue: Queue;

beforeAll(async () => {
  t = await startConsoleService();
  queue = createQueue(
    CHANNEL_POST_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
});

afterAll(async () => {
  await queue.close();
  await t.stop();
});

async function post(route: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${t.baseUrl}/console/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function panes(as: string): Promise<{ channel: Shown[]; dm: Shown[] }> {
  const response = await fetch(`${t.baseUrl}/console/api/panes?as=${as}`);
  return (await response.json()) as { channel: Shown[]; dm: Shown[] };
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

it('asks in the DM pane with buttons, takes a note and a `done` reply, and matters arising shows them', async () => {
  await post('send', { as: 'chris', pane: 'channel', text: 'settings checkin -2d' });
  await post('send', { as: 'chris', pane: 'channel', text: 'meeting next 11 March 2031 14:00' });
  await post('send', {
    as: 'chris',
    pane: 'channel',
    text: 'add @Priya to send the KSI data by 28 March 2031',
  });
  await post('send', { as: 'chris', pane: 'channel', text: 'add @Priya to book the room by 28 March 2031' });
  await post('send', {
    as: 'chris',
    pane: 'channel',
    text: 'add @Sam to write the minutes by 28 March 2031',
  });
  expect(await t.store.list(CHANNEL, 'open')).toHaveLength(3);

  await queue.add(
    JOB.checkin,
    { channel: CHANNEL, meeting: MEETING, fireAt: FIRE_AT },
    { jobId: 'e2e-console' },
  );
  const questions = await eventually(async () => {
    const asked = (await panes('priya')).dm.filter((m) => m.from === null && m.html.includes(' going?'));
    return asked.length === 2 && asked;
  }, 15_000);
  const [first, second] = questions;
  expect(plain(first?.html ?? '')).toContain(
    'Before the meeting on Tue 11 Mar 2031, 14:00: how is #1 going?',
  );
  for (const id of ['done', 'add-note', 'change-due']) expect(first?.html).toContain(`data-button="${id}"`);
  expect(first?.html).toContain('data-input="Progress note"');

  // Add a note with the button under #1; `done` in the thread of the question about #2.
  await post('button', {
    as: 'priya',
    pane: 'dm',
    id: 'add-note',
    value: JSON.stringify({ c: CHANNEL, n: 1 }),
    input: 'waiting on the analyst',
    messageId: first?.id,
  });
  await post('send', { as: 'priya', pane: 'dm', text: 'done', thread: second?.id });
  await eventually(async () => (await t.store.get(CHANNEL, 2))?.state === 'done');
  expect((await t.store.get(CHANNEL, 1))?.notes.at(-1)?.text).toBe('waiting on the analyst');

  // The answer is recorded just after the change is stored: wait for it, as the chair would.
  const checkins = new RedisCheckins(t.redis.redis, t.redis.prefix);
  await eventually(async () => (await checkins.round(CHANNEL, MEETING)).answers.length === 2);
  await post('send', { as: 'chris', pane: 'channel', text: 'matters-arising' });
  const summary = await eventually(async () =>
    (await panes('chris')).channel.map((m) => plain(m.html)).find((text) => text.includes('Check-in, ')),
  );
  expect(summary).toContain('note: waiting on the analyst');
  expect(summary).toContain('Asked before the meeting on Tue 11 Mar 2031, 14:00, not answered yet');
  expect(summary).toContain('Sam');
  expect(summary).toContain('#3');
});
