/**
 * `@Arising …` in a channel over real HTTP: app_mention events (and the message events Slack sends for
 * the same message), signed as Slack signs them, through the real Bolt receiver into the real server,
 * Redis and the fake Slack API. Each message acts once, however many events carry it.
 */
import { type Body, FAKE_BOT_USER } from '../support/fake-slack-api';
import { mentionEvent, messageEvent, newEventId, slashCommand, type Where } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

let t: TestService;
const PRIYA = 'U0PRIYA';
const BOT = `<@${FAKE_BOT_USER}>`;
const RETRY = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Every text a message's blocks show, joined. */
function shown(body: Body | undefined): string {
  return JSON.stringify(body?.blocks ?? []).replace(/\\"/g, '"');
}

/** The stored actions whose task is `task`. */
async function actionsNamed(task: string) {
  return (await t.store.list(t.channel, 'all')).filter((a) => a.text === task);
}

/** Adds an action with /action and returns its number and the ts of its card. */
async function addAction(task: string): Promise<{ number: number; ts: string }> {
  await t.send(slashCommand(t.where, `add <@${PRIYA}|priya> to ${task}`, t.slack.responseUrl()));
  await t.slack.waitForCalls('chat.postMessage');
  const [action] = await actionsNamed(task);
  if (!action) throw new Error(`${task} was not stored`);
  const ts = await eventually(async () => (await t.store.get(t.channel, action.number))?.message?.id);
  t.slack.reset();
  return { number: action.number, ts };
}

const as = (user: string): Where => ({ ...t.where, user });

describe('@Arising in a channel', () => {
  it('adds an action from `@Arising add @… to … by Friday`, posting its card in the channel', async () => {
    const response = await t.send(
      mentionEvent(t.where, `${BOT} add <@${PRIYA}> to send the figures by Friday`),
    );
    expect(response.status).toBe(200);
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    expect(post?.body.channel).toBe(t.where.channel);
    expect(shown(post?.body)).toContain('send the figures');
    expect(shown(post?.body)).toContain(`<@${PRIYA}>`);
    const [stored] = await actionsNamed('send the figures');
    expect(stored).toMatchObject({
      owners: [{ kind: 'user', id: PRIYA }],
      raisedBy: t.where.user,
      due: { date: '2026-07-03' },
    });
  });

  it('answers `@Arising list` to whoever asked', async () => {
    await addAction('book the hall');
    await t.send(mentionEvent(t.where, `${BOT} list`));
    const [answer] = await t.slack.waitForCalls('chat.postEphemeral');
    expect(answer?.body).toMatchObject({ channel: t.where.channel, user: t.where.user });
    expect(shown(answer?.body)).toContain('book the hall');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('closes the action on `@Arising done` in the thread of its card', async () => {
    const { number, ts } = await addAction('print the agenda');
    await t.send(mentionEvent(as(PRIYA), `${BOT} done`, { threadTs: ts }));
    const [update] = await t.slack.waitForCalls('chat.update');
    expect(update?.body.ts).toBe(ts);
    expect(await t.store.get(t.channel, number)).toMatchObject({ state: 'done', closedBy: PRIYA });
  });

  it('acts once on an app_mention Slack delivers again', async () => {
    const event = mentionEvent(t.where, `${BOT} add <@${PRIYA}> to order the chairs`, {
      eventId: newEventId(),
    });
    expect((await t.send(event)).status).toBe(200);
    expect((await t.send(event, RETRY)).status).toBe(200);
    await t.slack.waitForCalls('chat.postMessage');
    await settle();
    expect(await actionsNamed('order the chairs')).toHaveLength(1);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('acts once on a message that arrives both as app_mention and as message', async () => {
    const ts = '1782900000.000100';
    const text = `${BOT} add <@${PRIYA}> to hire the projector`;
    await t.send(messageEvent(t.where, text, { ts }));
    await t.send(mentionEvent(t.where, text, { ts }));
    await t.slack.waitForCalls('chat.postMessage');
    await settle();
    expect(await actionsNamed('hire the projector')).toHaveLength(1);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('closes once on `@Arising done` in a thread sent as app_mention after the message event', async () => {
    const { number, ts } = await addAction('send the invoice');
    const reply = '1782900000.000200';
    await t.send(messageEvent(as(PRIYA), `${BOT} done`, { threadTs: ts, ts: reply }));
    await t.send(mentionEvent(as(PRIYA), `${BOT} done`, { threadTs: ts, ts: reply }));
    await t.slack.waitForCalls('chat.update');
    await settle();
    expect(await t.store.get(t.channel, number)).toMatchObject({ state: 'done', closedBy: PRIYA });
    expect(t.slack.callsTo('chat.update')).toHaveLength(1);
    expect(t.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
  });
});

describe('the Messages tab', () => {
  it('runs a DM that starts with a subcommand as a command', async () => {
    await addAction('water the plants');
    await t.send(messageEvent(t.where, 'list', { channelType: 'im' }));
    const [answer] = await t.slack.waitForCalls('chat.postMessage');
    expect(shown(answer?.body)).toContain('water the plants');
  });
});
