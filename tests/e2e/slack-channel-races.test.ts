/**
 * Two slash commands in one channel at the same moment, over real HTTP through the Slack receiver: Slack
 * hands each over on its own after the ack, so both run side by side. Each changes the same channel
 * record (the meetings: a secretary's `meeting Board on …` beside a chair's `meeting next …`; the
 * settings: `settings timezone …` beside `settings reminders …`), and both changes must take effect, as
 * the channel then sees them. Many rounds, each in a fresh channel, so a lost update cannot hide.
 */
import type { Where } from '../support/slack-signing';
import { slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

const ROUNDS = 20;
const CHAIR = 'U0CHAIR';

let t: TestService;
let round = 0;

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

/** A channel no earlier round has touched. */
function freshWhere(kind: string): Where {
  round += 1;
  return { ...t.where, channel: `C0RACE${kind}${round}`, user: CHAIR };
}

/** What the bot answered on the response_url with this id, once it has. */
async function answerTo(id: string): Promise<string> {
  const call = await eventually(async () =>
    t.slack.callsTo('response_url').find((c) => c.path === `/response/${id}`),
  );
  return JSON.stringify(call.body.blocks ?? call.body.text).replace(/\\"/g, '"');
}

/** A command, and the words of its answer (on its response_url, or posted in the channel for all). */
interface Sent {
  text: string;
  answer: string;
}

/** Whether the command's answer has come, either way Slack shows it. */
function answered(where: Where, id: string, answer: string): boolean {
  const said = t.slack.callsTo('response_url').some((c) => c.path === `/response/${id}`);
  const posted = t.slack
    .postedMessages()
    .some((m) => m.channel === where.channel && String(m.text).includes(answer));
  return said || posted;
}

/** Sends the commands at once (each with its own response_url) and waits for every answer. */
async function sendTogether(where: Where, commands: Sent[]): Promise<void> {
  const ids = commands.map((_, i) => `${where.channel}-${i}`);
  const sent = await Promise.all(
    commands.map((c, i) => t.send(slashCommand(where, c.text, t.slack.responseUrl(ids[i])))),
  );
  expect(sent.map((r) => r.status)).toEqual(commands.map(() => 200));
  await eventually(async () => commands.every((c, i) => answered(where, ids[i] ?? '', c.answer)));
}

/** Asks the bot, as a member would, and returns what it shows. */
async function ask(where: Where, text: string): Promise<string> {
  const id = `${where.channel}-ask-${text}`;
  expect((await t.send(slashCommand(where, text, t.slack.responseUrl(id)))).status).toBe(200);
  return answerTo(id);
}

/** The channel messages telling it that it has its first chair. */
function firstChairPosts(where: Where): number {
  return t.slack
    .postedMessages()
    .filter((m) => m.channel === where.channel && String(m.text).includes('first chair')).length;
}

it(`keeps both a meeting started and the next meeting set at the same moment (${ROUNDS} rounds)`, async () => {
  for (let i = 0; i < ROUNDS; i += 1) {
    const where = freshWhere('M');
    await sendTogether(where, [
      { text: 'meeting Board on 1 July 2026', answer: 'Meeting started: Board' },
      { text: 'meeting next 2 September 2026 14:00', answer: 'Next meeting:' },
    ]);
    const shown = await ask(where, 'meeting');
    expect(shown).toContain('Current meeting: Board, Wed 1 Jul 2026.');
    expect(shown).toContain('Next meeting: Wed 2 Sep 2026, 14:00.');
    // Both commands claimed the empty channel for the same person: it is told once.
    expect(firstChairPosts(where)).toBe(1);
  }
});

it(`keeps both a time zone and reminders set at the same moment (${ROUNDS} rounds)`, async () => {
  for (let i = 0; i < ROUNDS; i += 1) {
    const where = freshWhere('S');
    await sendTogether(where, [
      { text: 'settings timezone America/New_York', answer: 'Settings saved.' },
      { text: 'settings reminders -1d 0', answer: 'Settings saved.' },
    ]);
    const shown = await ask(where, 'settings');
    expect(shown).toContain('Time zone: America/New_York');
    expect(shown).toContain('Reminders: -1d 0 ');
    expect(firstChairPosts(where)).toBe(1);
  }
});
