/**
 * Chairs and aliases over real HTTP, through the Slack receiver with signed requests: the first to set a
 * channel up becomes its chair and the channel is told; after that, a member who is not a chair cannot map
 * an alias to themselves, so cannot close its action by command, by the card's Done button or by a `done`
 * in the card's thread. Each path asserts the refusal the member sees and that the action stays open.
 */
import type { Body } from '../support/fake-slack-api';
import { blockActions, messageEvent, slashCommand, type Where } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

const CHRIS = 'U0CHAIR';
const RUSS = 'U0RUSS';
const MALLORY = 'U0MALLORY';

let t: TestService;
let card: { number: number; ts: string; doneValue: string };

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

const as = (user: string): Where => ({ ...t.where, user });

/** What a Slack call shows, its blocks as Slack renders them. */
const shown = (body: Body | undefined): string => JSON.stringify(body?.blocks ?? []).replace(/\\"/g, '"');

/** Sends a slash command as `user` and returns what they were answered on the response_url. */
async function command(user: string, text: string): Promise<string> {
  t.slack.reset();
  expect((await t.send(slashCommand(as(user), text, t.slack.responseUrl()))).status).toBe(200);
  const [answer] = await t.slack.waitForCalls('response_url');
  expect(answer?.body.response_type).toBe('ephemeral');
  return shown(answer?.body);
}

/** Mallory tries the back door: WYP mapped to herself. Refused, naming the chair; WYP still means Russ. */
async function malloryTriesToBecomeWYP(): Promise<void> {
  const answer = await command(MALLORY, `owner WYP = <@${MALLORY}|mallory>`);
  expect(answer).toContain(`Only this channel's chairs (<@${CHRIS}>) can change its aliases`);
  expect(await t.store.getAliases(t.channel)).toEqual({ WYP: [RUSS] });
  t.slack.reset();
}

/** The action is still open, its card untouched. */
async function expectStillOpen(): Promise<void> {
  await settle();
  expect((await t.store.get(t.channel, card.number))?.state).toBe('open');
  expect(t.slack.callsTo('chat.update')).toHaveLength(0);
}

it('makes whoever first maps an alias in a channel without chairs its chair, and tells the channel', async () => {
  const answer = await command(CHRIS, `owner WYP = <@${RUSS}|russ>`);
  expect(answer).toContain('now means');
  const [announced] = await t.slack.waitForCalls('chat.postMessage');
  expect(announced?.body.channel).toBe(t.where.channel);
  expect(shown(announced?.body)).toContain(
    `<@${CHRIS}> set Arising up in this channel, so they are now its chair`,
  );
  expect((await t.store.getSettings(t.channel)).chairs).toEqual([CHRIS]);

  t.slack.reset();
  await t.send(slashCommand(as(CHRIS), 'add WYP to send the KSI data by 31 July', t.slack.responseUrl()));
  const [post] = await t.slack.waitForCalls('chat.postMessage');
  const elements = (
    (post?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
  ).flatMap((b) => b.elements ?? []);
  const doneValue = elements.find((e) => e.action_id === 'done')?.value ?? '';
  const action = await eventually(async () => {
    const [found] = await t.store.list(t.channel, 'open');
    return found?.message ? found : undefined;
  });
  card = { number: action.number, ts: action.message?.id ?? '', doneValue };
  expect(card.doneValue).not.toBe('');
});

describe('a member who is not a chair', () => {
  it('cannot take the chair', async () => {
    const answer = await command(MALLORY, `settings chairs <@${MALLORY}|mallory>`);
    expect(answer).toContain(`Only this channel's chairs (<@${CHRIS}>) can change its chairs`);
    expect((await t.store.getSettings(t.channel)).chairs).toEqual([CHRIS]);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it("cannot close WYP's action with `done`", async () => {
    await malloryTriesToBecomeWYP();
    expect(await command(MALLORY, `done ${card.number}`)).toContain(`You can't close #${card.number}`);
    await expectStillOpen();
  });

  it("cannot close WYP's action with the card's Done button", async () => {
    await malloryTriesToBecomeWYP();
    const press = { type: 'button' as const, actionId: 'done', value: card.doneValue };
    await t.send(blockActions(as(MALLORY), card.ts, press, t.slack.responseUrl('press')));
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(shown(answer?.body)).toContain(`You can't close #${card.number}`);
    await expectStillOpen();
  });

  it("cannot close WYP's action by replying `done` in its thread", async () => {
    await malloryTriesToBecomeWYP();
    await t.send(messageEvent(as(MALLORY), 'done', { threadTs: card.ts }));
    const [answer] = await t.slack.waitForCalls('chat.postEphemeral');
    expect(answer?.body).toMatchObject({ channel: t.where.channel, user: MALLORY, thread_ts: card.ts });
    expect(shown(answer?.body)).toContain(`You can't close #${card.number}`);
    await expectStillOpen();
  });
});

it("lets WYP's own person close it by replying `done`: the refusals were the rule, not a broken path", async () => {
  await t.send(messageEvent(as(RUSS), 'done', { threadTs: card.ts }));
  await t.slack.waitForCalls('chat.update');
  const [told] = await t.slack.waitForCalls('chat.postEphemeral');
  expect(shown(told?.body)).toContain(`Closed #${card.number}`);
  expect(await t.store.get(t.channel, card.number)).toMatchObject({ state: 'done', closedBy: RUSS });
});
