/**
 * The Slack surfaces over Socket Mode, as the HTTP tests drive them over /slack/events: `@Arising add …`
 * as an app_mention envelope (and the same message as a `message` event too, acting once), the message
 * shortcut "Track as action" and its form (saved, or kept open with its mistakes in the ack), and `done`
 * replied in a card's thread in a group DM. Each request goes through the real Bolt Socket Mode receiver
 * and is acknowledged over the loopback WebSocket; effects are read on the fake Slack API and in Redis.
 */
import { type Body, FAKE_BOT_USER } from '../support/fake-slack-api';
import type { FakeSocketMode } from '../support/fake-socket-mode';
import { type InputState, messageShortcut, submission } from '../support/slack-shortcuts';
import { mentionEvent, messageEvent, slashCommand, type Where } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';
const SAM = 'U0SAM';
const GROUP_DM = 'G0GROUPDM';
const BOT = `<@${FAKE_BOT_USER}>`;

let t: TestService;
let socket: FakeSocketMode;

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTestService({ now: '2026-07-01T09:00:00Z', socketMode: true });
  socket = t.slack.socketMode;
  await socket.connected();
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

const as = (user: string, channel = t.where.channel): Where => ({ ...t.where, user, channel });

/** The stored actions of `channel` whose task is `task`. */
async function actionsNamed(task: string, channel = t.where.channel) {
  return (await t.store.list({ ...t.channel, channel }, 'all')).filter((a) => a.text === task);
}

const postsTo = (channel: string): Body[] =>
  t.slack
    .callsTo('chat.postMessage')
    .map((c) => c.body)
    .filter((b) => b.channel === channel);

describe('@Arising in a channel, over Socket Mode', () => {
  it('adds an action from an app_mention envelope, and acts once when the message comes as `message` too', async () => {
    const ts = '1782900000.000500';
    const text = `${BOT} add <@${PRIYA}> to send the figures by Friday`;
    await socket.deliverAcked(mentionEvent(t.where, text, { ts }));
    const [card] = await t.slack.waitForCalls('chat.postMessage');
    expect(card?.body.channel).toBe(t.where.channel);
    expect(JSON.stringify(card?.body.blocks)).toContain('send the figures');
    expect(JSON.stringify(card?.body.blocks)).toContain(`<@${PRIYA}>`);
    const [stored] = await eventually(async () => {
      const found = await actionsNamed('send the figures');
      return found.length > 0 ? found : undefined;
    });
    expect(stored).toMatchObject({
      owners: [{ kind: 'user', id: PRIYA }],
      raisedBy: t.where.user,
      due: { date: '2026-07-03' },
    });

    // Slack sends the same message (same ts, its own event_id) as a message event where the bot reads.
    await socket.deliverAcked(messageEvent(t.where, text, { ts }));
    await settle();
    expect(await actionsNamed('send the figures')).toHaveLength(1);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('the message shortcut "Track as action", over Socket Mode', () => {
  interface OpenedView {
    callback_id: string;
    private_metadata: string;
    blocks: { block_id?: string; element?: { initial_value?: string } }[];
  }

  /** The shortcut on a message, acknowledged; the form the service asked Slack to open. */
  async function openForm(messageTs: string, text: string): Promise<OpenedView> {
    await socket.deliverAcked(messageShortcut(t.where, { ts: messageTs, text }, t.slack.responseUrl()));
    const [open] = await t.slack.waitForCalls('views.open');
    return open?.body.view as OpenedView;
  }

  function filled(task: string, more: Record<string, InputState> = {}): Record<string, InputState> {
    return {
      task: { type: 'plain_text_input', value: task },
      owners: { type: 'multi_users_select', selected_users: [PRIYA] },
      alias: { type: 'plain_text_input', value: null },
      due_date: { type: 'datepicker', selected_date: '2026-07-10' },
      due_time: { type: 'timepicker', selected_time: null },
      item: { type: 'plain_text_input', value: '5' },
      ...more,
    };
  }

  it('opens the form with the message’s text, saves the action and answers in the message’s thread', async () => {
    const messageTs = '1782900000.000600';
    const view = await openForm(messageTs, 'Book the hall for September');
    expect(view.callback_id).toBe('arising_new_action');
    const task = view.blocks.find((b) => b.block_id === 'task')?.element?.initial_value;
    expect(task).toBe('Book the hall for September');

    const ack = await socket.deliverAcked(submission(as(SAM), view, filled('Book the hall for September')));
    // A form that is fine closes: the ack carries no response_action.
    expect(ack.payload?.response_action).toBeUndefined();
    const [action] = await eventually(async () => {
      const found = await actionsNamed('Book the hall for September');
      return found.length > 0 ? found : undefined;
    });
    expect(action).toMatchObject({
      owners: [{ kind: 'user', id: PRIYA }],
      raisedBy: SAM,
      agendaItem: '5',
      due: { date: '2026-07-10' },
    });
    const thread = await eventually(async () =>
      postsTo(t.where.channel).find((b) => b.thread_ts === messageTs),
    );
    expect(String(thread.text)).toContain(`Tracked as action #${action?.number}`);
    // …linking to the card, with the permalink Slack gives for it.
    const cardTs = (await t.store.get(t.channel, action?.number ?? 0))?.message?.id ?? '';
    const link = `https://example.slack.com/archives/${t.where.channel}/p${cardTs.replace('.', '')}`;
    expect(JSON.stringify(thread.blocks)).toContain(`<${link}|Its card>`);
  });

  it('keeps the form open with the mistake in the ack when no owner is picked, storing nothing', async () => {
    const view = await openForm('1782900000.000700', 'a task nobody owns');
    t.slack.reset();
    const ack = await socket.deliverAcked(
      submission(
        t.where,
        view,
        filled('a task nobody owns', { owners: { type: 'multi_users_select', selected_users: [] } }),
      ),
    );
    expect(ack.payload).toEqual({
      response_action: 'errors',
      errors: { owners: expect.stringMatching(/Pick at least one person/) },
    });
    await settle();
    expect(await actionsNamed('a task nobody owns')).toEqual([]);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('a card in a group DM, over Socket Mode', () => {
  it('is closed by `done` replied in its thread (message.mpim)', async () => {
    const inGroup = as(t.where.user, GROUP_DM);
    await socket.deliverAcked(
      slashCommand(inGroup, `add <@${PRIYA}|priya> to book the venue by 31 July`, t.slack.responseUrl()),
    );
    const [card] = await t.slack.waitForCalls('chat.postMessage');
    expect(card?.body.channel).toBe(GROUP_DM);
    const [action] = await eventually(async () => {
      const found = (await actionsNamed('book the venue', GROUP_DM)).filter((a) => a.message);
      return found.length > 0 ? found : undefined;
    });
    const root = action?.message?.id;
    if (!action || !root) throw new Error('The card was not linked to its action');

    await socket.deliverAcked(
      messageEvent(as(PRIYA, GROUP_DM), 'done', { threadTs: root, channelType: 'mpim' }),
    );
    const closed = await eventually(async () => {
      const now = await t.store.get({ ...t.channel, channel: GROUP_DM }, action.number);
      return now?.state === 'done' ? now : undefined;
    });
    expect(closed.closedBy).toBe(PRIYA);
    const [update] = await t.slack.waitForCalls('chat.update');
    expect(update?.body).toMatchObject({ channel: GROUP_DM, ts: root });
  });
});
