/**
 * Bad input 10: impossible, ambiguous and extreme dates, and an unknown time zone, sent to the service
 * process. Each is a clear error that quotes the words (nothing stored) or a sane normalisation; no
 * reminder job is ever delayed by NaN, a negative amount, or scheduled for 1970.
 */
import { Queue } from 'bullmq';
import type { Body } from '../support/fake-slack-api';
import { faultWorld } from '../support/fault-world';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(90_000);

const world = faultWorld();
const chair: Where = { team: 'T0TEAM', channel: 'C0DATES', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: chair.team, channel: chair.channel };

beforeAll(async () => {
  // The channel is set up already, with its chair: a first setting would make its setter the chair and
  // tell the channel, a post that `answer` would take for the answer.
  await world.store.saveSettings(channel, {
    ...(await world.store.getSettings(channel)),
    chairs: [chair.user],
  });
});

const shown = (body: Body | undefined): string => JSON.stringify(body ?? {});

/** Sends a command and returns what the user was answered (the response_url post or the channel card). */
async function answer(text: string): Promise<string> {
  world.slack.reset();
  expect(
    (await sendToSlackEndpoint(world.app.baseUrl, slashCommand(chair, text, world.slack.responseUrl())))
      .status,
  ).toBe(200);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const reply = world.slack.calls.find(
      (c) => c.method === 'response_url' || c.method === 'chat.postMessage',
    );
    if (reply) return shown(reply.body);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`No answer to ${text}`);
}

it.each([
  ['30 February 2031', /30 February/],
  ['25:00 on 3 March 2031', /25:00/],
  ['tomorrow at 99pm', /99pm/],
])('refuses an impossible due date (%s), quoting it, and stores nothing', async (words, quoted) => {
  const before = (await world.store.list(channel, 'all')).length;
  const reply = await answer(`add <@U0PRIYA|priya> to do the impossible by ${words}`);
  expect(reply).toMatch(quoted);
  expect(reply).not.toMatch(/\*#\d+\*/);
  expect(await world.store.list(channel, 'all')).toHaveLength(before);
});

it('refuses an unknown time zone in settings, quoting it, and keeps the old one', async () => {
  const before = await world.store.getSettings(channel);
  const reply = await answer('settings timezone Mars/Olympus_Mons');
  expect(reply).toContain('Mars/Olympus_Mons');
  expect(await world.store.getSettings(channel)).toEqual(before);
});

it('moves a time in the spring gap on an hour, and refuses the year 9999 and a past date clearly', async () => {
  await answer('settings timezone Europe/London');
  // 01:30 does not exist in London that night: it is read as 02:30 BST (01:30 UTC), and shown so.
  const gapCard = await answer('add <@U0PRIYA|priya> to check the clocks by 1:30am 28 March 2027');
  expect(gapCard).toContain('Sun 28 Mar 2027, 02:30');
  const far = await answer('add <@U0PRIYA|priya> to plan for the far future by 31 December 9999');
  expect(far).toContain('“31 December 9999”');
  expect(far).toMatch(/after 2100 are not accepted/);
  const past = await answer('add <@U0PRIYA|priya> to do what is already late by 1 March 2021');
  expect(past).toContain('“1 March 2021”');
  expect(past).toMatch(/already passed/);
  const stored = await world.store.list(channel, 'all');
  expect(stored.map((a) => [a.text, a.due?.at])).toEqual([['check the clocks', '2027-03-28T01:30:00.000Z']]);

  // Every reminder job: a finite, non-negative delay, due after the job was made, never in 1970.
  const queue = new Queue('reminders', { connection: { url: world.redis.url }, prefix: world.prefix });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const jobs = [...(await queue.getDelayed()), ...(await queue.getWaiting())];
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(Number.isFinite(job.delay)).toBe(true);
      expect(job.delay).toBeGreaterThanOrEqual(0);
      const fireAt = Date.parse(String((job.data as { fireAt?: string }).fireAt ?? ''));
      if ((job.data as { fireAt?: string }).fireAt !== undefined) {
        expect(Number.isFinite(fireAt)).toBe(true);
        expect(new Date(fireAt).getUTCFullYear()).toBeGreaterThan(2000);
      }
      expect(new Date(job.timestamp + job.delay).getUTCFullYear()).toBeGreaterThan(2000);
    }
  } finally {
    await queue.close();
  }
});
