/**
 * Slack's DMs read the same words as Teams' personal chats and the console's DM pane
 * (tests/support/dm-cases.ts): signed message events of `channel_type: im` against the real server, Bolt
 * receiver, Redis and the fake Slack API. The reminder is the bot's DM to Priya linked to her action, as
 * the reminder job leaves it; the bot's answers in the DM come after it and must not hide it.
 */

import type { Action } from '../../src/core/domain';
import { type DmPlatform, describeDmCases } from '../support/dm-cases';
import { messageEvent, slashCommand } from '../support/slack-signing';
import { slackTestMessenger } from '../support/slack-test-messenger';
import { eventually, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';
const SAM = 'U0SAM';

let t: TestService;
let priyaDm = '';

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

/** `user` says `text` in the DM `channel`; the text and blocks of the bot's answer posted there. */
async function sayIn(channel: string, user: string, text: string): Promise<string> {
  const before = t.slack.callsTo('chat.postMessage').length;
  await t.send(messageEvent({ ...t.where, channel, user }, text, { channelType: 'im' }));
  const posts = await t.slack.waitForCalls('chat.postMessage', before + 1);
  const answer = posts.at(-1)?.body;
  expect(answer?.channel).toBe(channel);
  return `${String(answer?.text)} ${JSON.stringify(answer?.blocks ?? [])}`;
}

const slackDm: DmPlatform = {
  async remindedAction(task) {
    await t.send(slashCommand(t.where, `add <@${PRIYA}|priya> to ${task} by 31 July`, t.slack.responseUrl()));
    const action = await eventually(async () =>
      (await t.store.list(t.channel, 'open')).find((a) => a.text === task && a.message),
    );
    const messenger = slackTestMessenger(t.slack.apiUrl);
    const reminder = await messenger.post(
      { kind: 'user', channel: t.channel, userId: PRIYA },
      { text: `Reminder: #${action.number} ${task}`, blocks: [] },
    );
    if (!reminder) throw new Error('The reminder DM was not posted');
    await t.store.linkMessage('slack', reminder, t.channel, action.number);
    priyaDm = reminder.conversation;
    return action.number;
  },
  say: (text) => sayIn(priyaDm, PRIYA, text),
  sayUnreminded: (text) => sayIn('D0NOBODY', SAM, text),
  async action(number): Promise<Action> {
    const action = await t.store.get(t.channel, number);
    if (!action) throw new Error(`#${number} is gone`);
    return action;
  },
};

describe('the same words in a Slack DM as in Teams and the console', () => {
  describeDmCases(() => slackDm);
});
