/**
 * Slack over Socket Mode: with SLACK_APP_TOKEN and no signing secret, the real service asks the fake Slack
 * API for `apps.connections.open`, connects to the loopback WebSocket it names, and takes slash commands,
 * button presses and DMs as envelopes through the real Bolt receiver, acknowledging each over the socket.
 */
import { startService } from '../../src/app/start-service';
import { ConfigError, loadConfig } from '../../src/config';
import { type Body, FakeSlackApi } from '../support/fake-slack-api';
import type { FakeSocketMode } from '../support/fake-socket-mode';
import { recordingLogger } from '../support/recording-logger';
import { TEST_REDIS_ENV, testRedis } from '../support/redis';
import {
  BOT_TOKEN,
  blockActions,
  messageEvent,
  slashCommand,
  viewSubmission,
} from '../support/slack-signing';
import { slackTestMessenger } from '../support/slack-test-messenger';
import { APP_TOKEN, eventually, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';

let t: TestService;
let socket: FakeSocketMode;
const log = recordingLogger();

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z', socketMode: true, logger: log.logger });
  socket = t.slack.socketMode;
  await socket.connected();
});

afterAll(async () => {
  await t.stop();
});

/** The value of the card's Done button, as Slack shows it. */
function doneValue(blocks: unknown): string | undefined {
  const elements = (blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap(
    (b) => b.elements ?? [],
  );
  return elements.find((e) => e.action_id === 'done')?.value;
}

/** `/action add …` over the socket: the posted card, once the envelope is acknowledged. */
async function addOverSocket(task: string): Promise<{ number: number; card: Body }> {
  t.slack.reset();
  const envelope = socket.deliver(
    slashCommand(t.where, `add <@${PRIYA}|priya> to ${task} by 31 July`, t.slack.responseUrl()),
  );
  await socket.ackOf(envelope);
  const [post] = await t.slack.waitForCalls('chat.postMessage');
  const action = await eventually(async () =>
    (await t.store.list(t.channel, 'open')).find((a) => a.text === task && a.message),
  );
  return { number: action.number, card: post?.body ?? {} };
}

describe('Socket Mode', () => {
  it('asks SLACK_API_URL for the WebSocket with the app token, and serves no /slack/events', async () => {
    const [open] = t.slack.callsTo('apps.connections.open');
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(socket.connections).toBe(1);
    const response = await fetch(`${t.baseUrl}/slack/events`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  });

  it('says in the start-up log that Slack is served over Socket Mode', () => {
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^info Slack: connected over Socket Mode \(SLACK_APP_TOKEN; no public URL/),
    );
    expect(log.lines).not.toContainEqual(expect.stringMatching(/Slack: serving POST \/slack\/events/));
  });

  it('acknowledges `/action add …` over the socket and posts the card in the channel', async () => {
    const { number, card } = await addOverSocket('send the KSI data');
    expect(card.channel).toBe(t.where.channel);
    expect(JSON.stringify(card.blocks)).toContain('send the KSI data');
    expect(JSON.stringify(card.blocks)).toContain(`<@${PRIYA}>`);
    expect(await t.store.get(t.channel, number)).toMatchObject({
      state: 'open',
      due: { date: '2026-07-31' },
    });
  });

  it('closes the action when its owner presses Done on the card', async () => {
    const { number, card } = await addOverSocket('draft the budget');
    const value = doneValue(card.blocks);
    const ts = (await t.store.get(t.channel, number))?.message?.id;
    if (!value || !ts) throw new Error('The card has no Done button or was not linked');
    const envelope = socket.deliver(
      blockActions(
        { ...t.where, user: PRIYA },
        ts,
        { type: 'button', actionId: 'done', value },
        t.slack.responseUrl('press'),
      ),
    );
    await socket.ackOf(envelope);
    await t.slack.waitForCalls('chat.update');
    expect(await t.store.get(t.channel, number)).toMatchObject({ state: 'done', closedBy: PRIYA });
  });

  it('takes `done` in the bot’s DM as the answer to the reminder there', async () => {
    const { number } = await addOverSocket('book the room');
    const messenger = slackTestMessenger(t.slack.apiUrl);
    const reminder = await messenger.post(
      { kind: 'user', channel: t.channel, userId: PRIYA },
      { text: `Reminder: #${number} book the room`, blocks: [] },
    );
    if (!reminder) throw new Error('The reminder DM was not posted');
    await t.store.linkMessage('slack', reminder, t.channel, number);
    const envelope = socket.deliver(
      messageEvent({ ...t.where, channel: reminder.conversation, user: PRIYA }, 'done', {
        channelType: 'im',
      }),
    );
    await socket.ackOf(envelope);
    const closed = await eventually(async () => {
      const action = await t.store.get(t.channel, number);
      return action?.state === 'done' ? action : undefined;
    });
    expect(closed.closedBy).toBe(PRIYA);
  });

  it('connects again when Slack asks it to (a refreshed connection), and goes on taking commands', async () => {
    const before = socket.connections;
    socket.askToReconnect();
    await socket.connectedTimes(before + 1);
    expect(t.slack.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(1);
    const { card } = await addOverSocket('check the accounts');
    expect(JSON.stringify(card.blocks)).toContain('check the accounts');
  });

  it('acknowledges a form closed with Cancel, and keeps taking requests after it', async () => {
    const closed = viewSubmission(t.where, { callback_id: 'arising-input', private_metadata: '{}' }, {});
    const payload = JSON.parse(new URLSearchParams(closed.body).get('payload') ?? '{}') as Body;
    const request = {
      body: new URLSearchParams({
        payload: JSON.stringify({ ...payload, type: 'view_closed', is_cleared: false }),
      }).toString(),
      contentType: closed.contentType,
    };
    await socket.ackOf(socket.deliver(request));
    await addOverSocket('circulate the minutes');
  });
});

describe('Socket Mode with an app token Slack refuses', () => {
  it('stops the start with an error naming SLACK_APP_TOKEN, logged through the service’s logger', async () => {
    const slack = await new FakeSlackApi().start();
    const redis = await testRedis();
    slack.failMethod('apps.connections.open', 'invalid_auth');
    const config = loadConfig({
      PORT: '0',
      ...TEST_REDIS_ENV,
      REDIS_PREFIX: redis.prefix,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
      ARISING_ROLE: 'web',
    });
    const refusal = recordingLogger();
    try {
      const started = startService(config, { logger: refusal.logger });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toMatchObject({
        problems: [{ variable: 'SLACK_APP_TOKEN', problem: 'was refused by Slack (invalid_auth)' }],
      });
      // The Socket Mode client writes through the service's logger (its name and LOG_LEVEL), as Bolt does.
      expect(refusal.lines).toContainEqual(
        expect.stringMatching(/^error Failed to retrieve a new WSS URL .*invalid_auth/),
      );
    } finally {
      await slack.stop();
      await redis.cleanup();
    }
  });
});
