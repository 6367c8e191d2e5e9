/**
 * The console's DM pane reads the same words as Slack's and Teams' DMs (tests/support/dm-cases.ts), over
 * the console's HTTP routes against the real service and Redis. The reminder is a message from Arising
 * in Priya's DM pane linked to her action, as the reminder job leaves it.
 */

import { consoleParts } from '../../src/console/console-setup';
import type { Action } from '../../src/core/domain';
import { RedisConsolePanes } from '../../src/store/redis-console-panes';
import { type DmPlatform, describeDmCases } from '../support/dm-cases';
import { type ConsoleService, startConsoleService } from '../support/start-console';

const CHANNEL = { platform: 'console' as const, team: 'demo', channel: 'committee' };

interface Shown {
  id: string;
  html: string;
  from: { id: string } | null;
}

let t: ConsoleService;

beforeAll(async () => {
  t = await startConsoleService();
});

afterAll(async () => {
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

async function dmPane(as: string): Promise<Shown[]> {
  const response = await fetch(`${t.baseUrl}/console/api/panes?as=${as}`);
  return ((await response.json()) as { dm: Shown[] }).dm;
}

/** `as` types `text` in their DM pane; the text of what Arising answered there. */
async function sayIn(as: string, text: string): Promise<string> {
  const before = new Set((await dmPane(as)).map((m) => m.id));
  await post('send', { as, pane: 'dm', text });
  const answer = (await dmPane(as)).find((m) => !before.has(m.id) && m.from === null);
  if (!answer) throw new Error(`Arising did not answer ${JSON.stringify(text)} in ${as}'s DM pane`);
  return answer.html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

const consoleDm: DmPlatform = {
  async remindedAction(task) {
    await post('send', { as: 'chris', pane: 'channel', text: `add @Priya to ${task} by 31 July` });
    const action = (await t.store.list(CHANNEL, 'open')).find((a) => a.text === task);
    if (!action) throw new Error(`${task} was not stored`);
    const { messenger } = consoleParts(new RedisConsolePanes(t.redis.redis, t.redis.prefix));
    const reminder = await messenger.post(
      { kind: 'user', channel: CHANNEL, userId: 'priya' },
      { text: `Reminder: #${action.number} ${task}`, blocks: [] },
    );
    if (!reminder) throw new Error('The reminder was not posted');
    await t.store.linkMessage('console', reminder, CHANNEL, action.number);
    return action.number;
  },
  say: (text) => sayIn('priya', text),
  sayUnreminded: (text) => sayIn('sam', text),
  async action(number): Promise<Action> {
    const action = await t.store.get(CHANNEL, number);
    if (!action) throw new Error(`#${number} is gone`);
    return action;
  },
};

describe('the same words in a console DM as in Slack and Teams', () => {
  describeDmCases(() => consoleDm);
});

describe('the console’s own words', () => {
  /** What Chris alone sees last in the channel pane after typing `text` in the channel's box. */
  async function privateAnswer(text: string): Promise<string> {
    await post('send', { as: 'chris', pane: 'channel', text });
    const response = await fetch(`${t.baseUrl}/console/api/panes?as=chris`);
    const channel = ((await response.json()) as { channel: (Shown & { ephemeral: boolean })[] }).channel;
    const answer = channel.findLast((m) => m.ephemeral);
    return (
      answer?.html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>') ?? ''
    );
  }

  it('quotes a command as it was typed, not in Slack’s mention markup', async () => {
    const answer = await privateAnswer('add @Priya send the figures');
    expect(answer).toContain('There is no');
    expect(answer).toContain('add @Priya send the figures');
    expect(answer).not.toContain('<@');
  });

  it('says how to name a person in the console, not from Slack’s @ menu', async () => {
    const answer = await privateAnswer('owner WYP = @Priya bob');
    expect(answer).toContain('is not a person Arising can see');
    expect(answer).toContain('person switch');
    expect(answer).not.toContain('@ menu');
  });
});
