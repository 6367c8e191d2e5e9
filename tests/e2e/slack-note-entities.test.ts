/**
 * Progress and closing notes keep the mentions and links they were written with, as tasks do, over real
 * HTTP through the real Bolt receiver into the real server, Redis and the fake Slack API: `/action note`
 * and a reply in the card's thread show on the updated card as live mentions and links, and a broadcast
 * in a note stays text, so it pings nobody.
 */
import { shown } from '../support/slack-import-form';
import { messageEvent, slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Adds an action with /action; its number and the ts of its card. */
async function addAction(task: string): Promise<{ number: number; ts: string }> {
  await t.send(slashCommand(t.where, `add <@U0PRIYA|priya> to ${task}`, t.slack.responseUrl()));
  await t.slack.waitForCalls('chat.postMessage');
  const action = (await t.store.list(t.channel, 'all')).find((a) => a.text === task);
  if (!action) throw new Error(`${task} was not stored`);
  const ts = await eventually(async () => (await t.store.get(t.channel, action.number))?.message?.id);
  t.slack.reset();
  return { number: action.number, ts };
}

/** The card as `chat.update` last showed it, and its notification text. */
async function updatedCard(): Promise<{ blocks: string; text: string }> {
  const [update] = await t.slack.waitForCalls('chat.update');
  return { blocks: shown(update?.body), text: String(update?.body.text) };
}

it('shows `/action note` with a person and a link live on the card, and a broadcast as text', async () => {
  const { number } = await addAction('send the figures');
  await t.send(
    slashCommand(
      t.where,
      `note ${number} asked <@U0SAM|sam> for <https://x.org/r?a=1&amp;b=2|the report> <!channel>`,
      t.slack.responseUrl(),
    ),
  );
  const card = await updatedCard();
  expect(card.blocks).toContain(
    'asked <@U0SAM> for <https://x.org/r?a=1&amp;b=2|the report> &lt;!channel&gt;',
  );
  expect(card.blocks).not.toContain('&lt;@U0SAM');
  expect(card.blocks).not.toContain('<!channel>');
  expect(card.text).not.toContain('<!channel>');
});

it('shows a reply in the card’s thread with its mention and channel live on the card', async () => {
  const { ts } = await addAction('book the hall');
  await t.send(messageEvent(t.where, 'waiting on <@U0ANA> in <#C0PLANS|plans>', { threadTs: ts }));
  const card = await updatedCard();
  expect(card.blocks).toContain('waiting on <@U0ANA> in <#C0PLANS>');
  expect(card.blocks).not.toContain('&lt;');
});

it('shows `/action done … ` with a closing note that mentions someone live on the closed card', async () => {
  const { number } = await addAction('print the agenda');
  await t.send(slashCommand(t.where, `done ${number} handed to <@U0LEE|lee> <!here>`, t.slack.responseUrl()));
  const card = await updatedCard();
  expect(card.blocks).toContain('handed to <@U0LEE> &lt;!here&gt;');
  expect(card.blocks).not.toContain('<!here>');
});
