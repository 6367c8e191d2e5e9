/**
 * Buttons, menus, forms and thread replies over real HTTP: block_actions and view_submission payloads and
 * message events, signed as Slack signs them, against the real server, Redis and the fake Slack API.
 */

import type { Body } from '../support/fake-slack-api';
import {
  blockActions,
  messageEvent,
  newEventId,
  slashCommand,
  viewSubmission,
  type Where,
} from '../support/slack-signing';
import { slackTestMessenger } from '../support/slack-test-messenger';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

let t: TestService;
const PRIYA = 'U0PRIYA';
const SAM = 'U0SAM';

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

/** Adds an action owned by Priya and returns its number and the ts of its card. */
async function addAction(task: string): Promise<{ number: number; ts: string; value: string }> {
  t.slack.reset();
  await t.send(slashCommand(t.where, `add <@${PRIYA}|priya> to ${task} by 31 July`, t.slack.responseUrl()));
  const [post] = await t.slack.waitForCalls('chat.postMessage');
  const open = await t.store.list(t.channel, 'open');
  const action = open.find((a) => a.text === task);
  if (!action) throw new Error(`${task} was not stored`);
  await eventually(async () => (await t.store.get(t.channel, action.number))?.message ?? undefined);
  const value = doneValue(post?.body.blocks);
  const ts = (await t.store.get(t.channel, action.number))?.message?.id;
  if (!value || !ts) throw new Error('The card has no Done button or was not linked');
  t.slack.reset();
  return { number: action.number, ts, value };
}

/** The value of the card's Done button, read from the blocks as Slack would show them. */
function doneValue(blocks: unknown): string | undefined {
  const elements = (blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap(
    (b) => b.elements ?? [],
  );
  return elements.find((e) => e.action_id === 'done')?.value;
}

function shown(body: Body | undefined): string {
  return JSON.stringify(body?.blocks ?? []).replace(/\\"/g, '"');
}

const as = (user: string, channel = t.where.channel): Where => ({ ...t.where, user, channel });

describe('replies in the thread of an action card', () => {
  it('closes the action on `done` and updates the card to read closed, with who and when', async () => {
    const { number, ts } = await addAction('send the KSI data');
    const response = await t.send(messageEvent(as(PRIYA), 'Done ✅', { threadTs: ts }));
    expect(response.status).toBe(200);

    const [update] = await t.slack.waitForCalls('chat.update');
    expect(update?.body.channel).toBe(t.where.channel);
    expect(update?.body.ts).toBe(ts);
    const card = shown(update?.body);
    expect(card).toContain('Closed by <@U0PRIYA> on Wed 1 Jul 2026, 10:00');
    expect(card).toContain('Done');
    expect(card).not.toContain('"action_id":"done"');
    expect(await t.store.get(t.channel, number)).toMatchObject({ state: 'done', closedBy: PRIYA });

    // Priya is told, in the thread, only to her.
    const [ephemeral] = await t.slack.waitForCalls('chat.postEphemeral');
    expect(ephemeral?.body).toMatchObject({ channel: t.where.channel, user: PRIYA, thread_ts: ts });
  });

  it('keeps any other reply as a progress note', async () => {
    const { number, ts } = await addAction('book the room');
    await t.send(messageEvent(as(SAM), 'waiting for the July figures', { threadTs: ts }));
    const action = await eventually(async () => {
      const a = await t.store.get(t.channel, number);
      return a && a.notes.length > 0 ? a : undefined;
    });
    expect(action.state).toBe('open');
    expect(action.notes).toEqual([
      expect.objectContaining({ by: SAM, text: 'waiting for the July figures' }),
    ]);
  });

  it('takes an event Slack delivers twice (same event_id, retried) once', async () => {
    const { number, ts } = await addAction('circulate the minutes');
    const eventId = newEventId();
    const event = messageEvent(as(SAM), 'draft is with the chair', { threadTs: ts, eventId });
    expect((await t.send(event)).status).toBe(200);
    expect(
      (await t.send(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }))
        .status,
    ).toBe(200);
    await eventually(async () => ((await t.store.get(t.channel, number))?.notes.length ?? 0) > 0);
    await settle();
    expect((await t.store.get(t.channel, number))?.notes).toHaveLength(1);
    expect(t.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('ignores replies in threads that are not about an action, and messages outside threads', async () => {
    await t.send(messageEvent(as(SAM), 'done', { threadTs: '1600000000.000001' }));
    await t.send(messageEvent(as(SAM), 'done'));
    await settle();
    expect(t.slack.calls.filter((c) => c.method !== 'conversations.history')).toEqual([]);
  });
});

describe('buttons on the card', () => {
  it('closes the action when its owner presses Done, updating the card', async () => {
    const { number, ts, value } = await addAction('draft the budget');
    const response = await t.send(
      blockActions(as(PRIYA), ts, { type: 'button', actionId: 'done', value }, t.slack.responseUrl('press')),
    );
    expect(response.status).toBe(200);
    const [update] = await t.slack.waitForCalls('chat.update');
    expect(shown(update?.body)).toContain('Closed by <@U0PRIYA>');
    expect(await t.store.get(t.channel, number)).toMatchObject({ state: 'done', closedBy: PRIYA });
  });

  it('changes nothing when a user in another channel presses a forged button for this action', async () => {
    const { number, ts, value } = await addAction('audit the accounts');
    const before = await t.store.get(t.channel, number);
    const eve = as('U0EVE', 'C0ELSEWHERE');
    await t.send(
      blockActions(eve, ts, { type: 'button', actionId: 'done', value }, t.slack.responseUrl('forged')),
    );
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(shown(answer?.body)).toContain(`You can't close #${number}`);
    await settle();
    expect(await t.store.get(t.channel, number)).toEqual(before);
    expect(t.slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('changes nothing when the forged button names another workspace', async () => {
    const { number, ts, value } = await addAction('renew the insurance');
    const other = { ...t.where, team: 'T0OTHER', user: PRIYA };
    await t.send(
      blockActions(other, ts, { type: 'button', actionId: 'done', value }, t.slack.responseUrl('other')),
    );
    await t.slack.waitForCalls('response_url');
    await settle();
    expect((await t.store.get(t.channel, number))?.state).toBe('open');
  });

  it('answers a press on a button whose value is garbage, and changes nothing', async () => {
    const { number, ts } = await addAction('order the banners');
    await t.send(
      blockActions(
        as(PRIYA),
        ts,
        { type: 'button', actionId: 'done', value: '{"n":1' },
        t.slack.responseUrl('bad'),
      ),
    );
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain('/action list');
    expect((await t.store.get(t.channel, number))?.state).toBe('open');
  });
});

describe('menu choices that need a form', () => {
  /** Chooses a menu item and returns the modal views.open was sent. */
  async function choose(ts: string, id: string, value: string, user = PRIYA): Promise<Body> {
    await t.send(
      blockActions(
        as(user),
        ts,
        { type: 'overflow', actionId: 'arising-menu', selected: `${id}:${value}` },
        t.slack.responseUrl('menu'),
      ),
    );
    const [open] = await t.slack.waitForCalls('views.open');
    expect(open?.body.trigger_id).toMatch(/^trigger-/);
    return open?.body.view as Body;
  }

  it('changes the due date through the form, answering on the response_url', async () => {
    const { number, ts, value } = await addAction('prepare the agenda');
    const view = await choose(ts, 'change-due', value);
    expect(view.callback_id).toBe('arising-input');
    expect(JSON.stringify(view.blocks)).toContain('New due date');
    await t.send(
      viewSubmission(as(PRIYA), view as { callback_id: string; private_metadata: string }, {
        text: { text: { type: 'plain_text_input', value: '14 August' } },
      }),
    );
    await t.slack.waitForCalls('chat.update');
    expect((await t.store.get(t.channel, number))?.due?.date).toBe('2026-08-14');
    const answers = await t.slack.waitForCalls('response_url');
    expect(answers.at(-1)?.body.response_type).toBe('ephemeral');
  });

  it('reassigns through the form, to chosen people and an alias', async () => {
    const { number, ts, value } = await addAction('chase the printers');
    const view = await choose(ts, 'reassign', value);
    await t.send(
      viewSubmission(as(PRIYA), view as { callback_id: string; private_metadata: string }, {
        people: { people: { type: 'multi_users_select', selected_users: [SAM] } as never },
        alias: { alias: { type: 'plain_text_input', value: 'WYP' } },
      }),
    );
    const action = await eventually(async () => {
      const a = await t.store.get(t.channel, number);
      return a && a.owners.length === 2 ? a : undefined;
    });
    expect(action.owners).toEqual([
      { kind: 'user', id: SAM },
      { kind: 'alias', name: 'WYP' },
    ]);
  });

  it('drops with the reason given in the form', async () => {
    const { number, ts, value } = await addAction('hire a marquee');
    const view = await choose(ts, 'drop', value);
    await t.send(
      viewSubmission(as(PRIYA), view as { callback_id: string; private_metadata: string }, {
        text: { text: { type: 'plain_text_input', value: 'event cancelled' } },
      }),
    );
    const action = await eventually(async () => {
      const a = await t.store.get(t.channel, number);
      return a?.state === 'dropped' ? a : undefined;
    });
    expect(action.closeNote).toBe('event cancelled');
  });

  it('ignores a form submission whose metadata names another workspace', async () => {
    const { number, ts, value } = await addAction('sign the lease');
    const view = (await choose(ts, 'drop', value)) as { callback_id: string; private_metadata: string };
    await t.send(
      viewSubmission({ ...as(PRIYA), team: 'T0OTHER' }, view, {
        text: { text: { type: 'plain_text_input', value: 'x' } },
      }),
    );
    await settle();
    expect((await t.store.get(t.channel, number))?.state).toBe('open');
  });
});

describe('the import form', () => {
  const MINUTES = `Minutes of the Parks Committee held on Tuesday 23 June 2026

1. Playground
Action: Clerk to obtain three quotes for new swings by 20 July.

2. Finance
Action: Treasurer to circulate the revised forecast.
`;

  it('opens a modal for the minutes, previews what it found, and imports on Import', async () => {
    const here = { ...t.where, channel: 'C0IMPORT' };
    const channel = { ...t.channel, channel: 'C0IMPORT' };
    await t.send(slashCommand(here, 'import', t.slack.responseUrl('import')));
    const [open] = await t.slack.waitForCalls('views.open');
    const view = open?.body.view as { callback_id: string; private_metadata: string; blocks: unknown };
    expect(view.callback_id).toBe('arising-import');
    expect(JSON.stringify(view.blocks)).toContain('"multiline":true');

    await t.send(
      viewSubmission(here, view, { minutes: { minutes: { type: 'plain_text_input', value: MINUTES } } }),
    );
    const [preview] = await t.slack.waitForCalls('response_url');
    expect(preview?.body.response_type).toBe('ephemeral');
    expect(shown(preview?.body)).toContain('Found 2 actions');
    expect(await t.store.list(channel, 'all')).toEqual([]);

    // Import sits on the ephemeral preview, so the answer replaces the preview.
    const elements = (
      (preview?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
    ).flatMap((b) => b.elements ?? []);
    const importValue = elements.find((e) => e.action_id === 'import-confirm')?.value ?? '';
    t.slack.reset();
    await t.send(
      blockActions(
        here,
        '1700000000.999999',
        { type: 'button', actionId: 'import-confirm', value: importValue },
        t.slack.responseUrl('confirm'),
        {
          ephemeral: true,
        },
      ),
    );
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.replace_original).toBe(true);
    expect(shown(answer?.body)).toContain('Imported 2 actions');
    const stored = await t.store.list(channel, 'all');
    expect(stored).toHaveLength(2);
    expect(stored.map((a) => a.text).join(' / ')).toMatch(/three quotes for new swings.*revised forecast/);
    // Each imported action gets its card in the channel.
    const posts = await t.slack.waitForCalls('chat.postMessage', 2);
    expect(posts.every((p) => p.body.channel === 'C0IMPORT')).toBe(true);
  });
});

describe('replies to a reminder in a DM', () => {
  it('closes the action the latest reminder in the DM is about', async () => {
    const { number } = await addAction('return the keys');
    // What the reminders issue does: DM the owner and link the DM to the action.
    const messenger = slackTestMessenger(t.slack.apiUrl);
    const dm = await messenger.post(
      { kind: 'user', channel: t.channel, userId: PRIYA },
      { text: `Reminder: #${number}`, blocks: [] },
    );
    if (!dm) throw new Error('The reminder DM was not posted');
    await t.store.linkMessage('slack', dm, t.channel, number);

    await t.send(
      messageEvent({ ...t.where, channel: dm.conversation, user: PRIYA }, 'done', { channelType: 'im' }),
    );
    await eventually(async () => (await t.store.get(t.channel, number))?.state === 'done');
    // The answer is an ordinary message in the DM.
    const posts = await t.slack.waitForCalls('chat.postMessage', 2);
    expect(posts.at(-1)?.body.channel).toBe(dm.conversation);
  });

  it('tells the user when a DM is not about any action', async () => {
    await t.send(
      messageEvent({ ...t.where, channel: 'D0NOBODY', user: SAM }, 'hello?', { channelType: 'im' }),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    expect(post?.body.channel).toBe('D0NOBODY');
    expect(String(post?.body.text)).toContain('/action help');
  });
});
