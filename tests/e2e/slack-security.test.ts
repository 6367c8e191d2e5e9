/**
 * What the server refuses and what it reports: Slack's signature check on /slack/events (nothing runs and
 * nothing is stored without a valid, fresh signature), each signed request taken once, /healthz, no Teams
 * endpoint on a Slack-only server, the ack
 * that goes out before slow work, and a Redis outage answered in words.
 */
import { startService } from '../../src/app/start-service';
import { ConfigError, loadConfig } from '../../src/config';
import { FakeSlackApi } from '../support/fake-slack-api';
import {
  BOT_TOKEN,
  blockActions,
  SIGNING_SECRET,
  sendToSlackEndpoint,
  signature,
  slashCommand,
} from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

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

describe('Slack request signatures', () => {
  const add = () => slashCommand(t.where, 'add <@U0PRIYA|priya> to forge a cheque', t.slack.responseUrl());

  async function expectRefusedAndNothingStored(response: Response): Promise<void> {
    expect(response.status).toBe(401);
    await settle();
    expect(await t.store.list(t.channel, 'all')).toEqual([]);
    expect(t.slack.calls).toEqual([]);
  }

  it('refuses a request signed with another secret', async () => {
    await expectRefusedAndNothingStored(await t.send(add(), { secret: 'not-the-signing-secret' }));
  });

  it('refuses a correctly signed request whose timestamp is over five minutes old (a replay)', async () => {
    await expectRefusedAndNothingStored(
      await t.send(add(), { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
    );
  });

  it('refuses a correctly signed request stamped ten minutes in the future', async () => {
    await expectRefusedAndNothingStored(
      await t.send(add(), { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 }),
    );
  });

  it('refuses a request without a signature', async () => {
    await expectRefusedAndNothingStored(await t.send(add(), { signature: null }));
  });

  it('refuses a body changed after it was signed', async () => {
    const request = add();
    const timestamp = Math.floor(Date.now() / 1000);
    const sig = signature(SIGNING_SECRET, timestamp, request.body);
    const tampered = { ...request, body: request.body.replace('U0CHAIR', 'U0MALLORY') };
    await expectRefusedAndNothingStored(await t.send(tampered, { timestamp, signature: sig }));
  });

  it('accepts the same request correctly signed', async () => {
    const response = await t.send(add());
    expect(response.status).toBe(200);
    await t.slack.waitForCalls('chat.postMessage');
    expect(await t.store.list(t.channel, 'all')).toHaveLength(1);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const response = await t.send({ body, contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });
});

describe('replayed requests', () => {
  /** Sends one signed request `times` times, byte for byte (same body, timestamp and signature). */
  async function replay(request: ReturnType<typeof slashCommand>, times: number): Promise<number[]> {
    const timestamp = Math.floor(Date.now() / 1000);
    const sig = signature(SIGNING_SECRET, timestamp, request.body);
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      statuses.push((await t.send(request, { timestamp, signature: sig })).status);
    }
    return statuses;
  }

  const openActions = () => t.store.list(t.channel, 'open');

  it('takes the same signed slash command, sent five times, once: one action, one card', async () => {
    const before = (await openActions()).length;
    const request = slashCommand(t.where, 'add <@U0PRIYA|priya> to pay the caterer', t.slack.responseUrl());
    expect(await replay(request, 5)).toEqual([200, 200, 200, 200, 200]);
    await t.slack.waitForCalls('chat.postMessage');
    await settle(500);
    const added = (await openActions()).filter((a) => a.text === 'pay the caterer');
    expect(added).toHaveLength(1);
    expect(await openActions()).toHaveLength(before + 1);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('takes two real invocations of the same command twice (each has its own trigger_id)', async () => {
    const text = 'add <@U0PRIYA|priya> to order the chairs';
    await t.send(slashCommand(t.where, text, t.slack.responseUrl()));
    await t.send(slashCommand(t.where, text, t.slack.responseUrl()));
    await t.slack.waitForCalls('chat.postMessage', 2);
    const added = (await openActions()).filter((a) => a.text === 'order the chairs');
    expect(added).toHaveLength(2);
  });

  it('takes a replayed button press once: Snooze sent five times moves the date one week', async () => {
    await t.send(
      slashCommand(t.where, 'add <@U0PRIYA|priya> to hire the hall by 31 July', t.slack.responseUrl()),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    const action = (await openActions()).find((a) => a.text === 'hire the hall');
    if (!action) throw new Error('The action was not stored');
    const ts = await eventually(async () => (await t.store.get(t.channel, action.number))?.message?.id);
    const elements = (
      (post?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
    ).flatMap((b) => b.elements ?? []);
    const value = elements.find((e) => e.action_id === 'snooze')?.value;
    if (!value) throw new Error('The card has no Snooze button');
    t.slack.reset();
    const press = () =>
      blockActions(
        { ...t.where, user: 'U0PRIYA' },
        ts,
        { type: 'button', actionId: 'snooze', value },
        t.slack.responseUrl('snooze'),
      );

    expect(await replay(press(), 5)).toEqual([200, 200, 200, 200, 200]);
    await t.slack.waitForCalls('response_url');
    await settle(500);
    const once = await t.store.get(t.channel, action.number);
    expect(once?.due).not.toEqual(action.due);
    expect(t.slack.callsTo('response_url')).toHaveLength(1);

    // A real second press (its own trigger_id) is taken.
    await t.send(press());
    await t.slack.waitForCalls('response_url', 2);
    expect((await t.store.get(t.channel, action.number))?.due).not.toEqual(once?.due);
  });
});

describe('acknowledging Slack before slow work', () => {
  it('answers a slash command at once even when posting the card is slow', async () => {
    t.slack.delayMethod('chat.postMessage', 2500);
    const started = Date.now();
    const response = await t.send(
      slashCommand(t.where, 'add <@U0PRIYA|priya> to be patient', t.slack.responseUrl()),
    );
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await t.slack.waitForCalls('chat.postMessage', 1, 6000);
    // The Home tabs of the raiser and the owner come last, so no call leaks into the next test.
    await t.slack.waitForCalls('views.publish', 2, 6000);
  });
});

describe('HTTP endpoints', () => {
  it('reports healthy when Redis answers', async () => {
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', redis: 'ok' });
  });

  it('answers 404 on /api/messages on a Slack-only server (no MicrosoftAppId, TEAMS_EMULATOR off)', async () => {
    for (const body of [
      '{}',
      JSON.stringify({ type: 'message', text: 'list', serviceUrl: t.slack.apiUrl }),
    ]) {
      const response = await fetch(`${t.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(404);
    }
    expect(t.slack.calls).toEqual([]);
  });
});

/** The service configured for Slack against `slack`, with a Redis address where nothing answers. */
const withoutRedis = (slack: FakeSlackApi) =>
  loadConfig({
    PORT: '0',
    REDIS_URL: 'redis://127.0.0.1:1',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
  });

describe('without Redis', () => {
  it('reports 503 with the reason on /healthz, and serves no Slack when Slack is not configured', async () => {
    const service = await startService(
      loadConfig({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'error' }),
    );
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; reason: string };
      expect(body.status).toBe('unavailable');
      expect(body.reason).toMatch(/^Redis did not answer PING: /);
      const slack = await fetch(`http://127.0.0.1:${service.port}/slack/events`, { method: 'POST' });
      expect(slack.status).toBe(404);
    } finally {
      await service.stop();
    }
  });

  it('tells a Slack user the database cannot be reached, within Slack’s 3 seconds', async () => {
    const slack = await new FakeSlackApi().start();
    const service = await startService(withoutRedis(slack));
    try {
      const started = Date.now();
      const response = await sendToSlackEndpoint(
        `http://127.0.0.1:${service.port}`,
        slashCommand({ team: 'T1', channel: 'C1', user: 'U1' }, 'list', slack.responseUrl()),
      );
      expect(response.status).toBe(200);
      const [answer] = await slack.waitForCalls('response_url', 1, 3000);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(answer?.body.response_type).toBe('ephemeral');
      expect(JSON.stringify(answer?.body.blocks)).toContain(
        'Arising cannot reach its database just now. Please try again shortly.',
      );
    } finally {
      await service.stop();
      await slack.stop();
    }
  });
});

describe('a bot token Slack refuses', () => {
  it('stops the start with a configuration error that names SLACK_BOT_TOKEN and what Slack said', async () => {
    const slack = await new FakeSlackApi().start();
    slack.failMethod('auth.test', 'invalid_auth');
    try {
      const start = startService(withoutRedis(slack));
      await expect(start).rejects.toBeInstanceOf(ConfigError);
      await expect(start).rejects.toThrow('SLACK_BOT_TOKEN: was refused by Slack (invalid_auth)');
    } finally {
      await slack.stop();
    }
  });
});
