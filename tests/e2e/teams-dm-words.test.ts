/**
 * Teams' personal chats read the same words as Slack's DMs and the console's DM pane
 * (tests/support/dm-cases.ts): activities posted to /api/messages as the Bot Connector posts them,
 * against the real botbuilder adapter, Redis and the fake Bot Connector. The reminder is what the
 * TeamsMessenger leaves when it reminds Priya: a message in her personal chat linked to her action,
 * remembered as the chat's last reminder.
 */

import type { Action } from '../../src/core/domain';
import { RedisLastReminders } from '../../src/store/redis-last-reminders';
import { type DmPlatform, describeDmCases } from '../support/dm-cases';
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import { eventually } from '../support/start-server';
import {
  BOT_MENTION,
  channelMessage,
  installInTeam,
  installPersonal,
  type Person,
  PRIYA,
  personalChatId,
  personalMessage,
  SAM,
  startTeamsService,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;

beforeAll(async () => {
  t = await startTeamsService();
  await t.post(installInTeam(t));
  await t.post(installPersonal(t, PRIYA));
  await t.post(installPersonal(t, SAM));
});

afterAll(async () => {
  await t.stop();
});

function answersIn(chat: string): ConnectorCall[] {
  return t.connector.calls.filter(
    (c) => (c.kind === 'send' || c.kind === 'reply') && c.conversation === chat,
  );
}

/** `person` says `text` in their personal chat; what Arising answered there. */
async function sayAs(person: Person, text: string): Promise<string> {
  const chat = personalChatId(person);
  const before = answersIn(chat).length;
  const response = await t.post(personalMessage(t, person, text));
  expect(response.status).toBe(200);
  const answer = await eventually(async () => answersIn(chat)[before]);
  return shownText(answer);
}

const teamsDm: DmPlatform = {
  async remindedAction(task) {
    await t.post(
      channelMessage(t, `<at>Arising</at> add <at>Priya Patel</at> to ${task} by 31 July`, [
        BOT_MENTION,
        { person: PRIYA },
      ]),
    );
    const action = await eventually(async () =>
      (await t.store.list(t.channel, 'open')).find((a) => a.text === task && a.message),
    );
    const chat = personalChatId(PRIYA);
    const reminder = { conversation: chat, id: 'reminder-1' };
    await t.store.linkMessage('teams', reminder, t.channel, action.number);
    await new RedisLastReminders(t.redis.redis, t.redis.prefix).setLastReminder(
      { platform: 'teams', team: TENANT, channel: chat },
      reminder.id,
    );
    return action.number;
  },
  say: (text) => sayAs(PRIYA, text),
  sayUnreminded: (text) => sayAs(SAM, text),
  async action(number): Promise<Action> {
    const action = await t.store.get(t.channel, number);
    if (!action) throw new Error(`#${number} is gone`);
    return action;
  },
};

describe('the same words in a Teams personal chat as in Slack and the console', () => {
  describeDmCases(() => teamsDm);
});
