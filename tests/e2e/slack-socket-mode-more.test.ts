/**
 * More Slack surfaces over Socket Mode, as the HTTP tests drive them over /slack/events: the Home tab
 * (an app_home_opened envelope publishes the person's open actions; Done on it closes one and publishes
 * again), the global shortcut `new_action` (its form, and a channel picked that the user is not in kept
 * open with the mistake on the picker) and `/action add` alone (each opens the form), and a renamed
 * command (SLACK_COMMAND=/minutes). Each request goes through the real Bolt Socket Mode receiver and is
 * acknowledged over the loopback WebSocket; effects are read on the fake Slack API and in Redis.
 */
import type { ChannelRef } from '../../src/core/domain';
import { draft, entry } from '../support/action-fixtures';
import type { Body, Call } from '../support/fake-slack-api';
import type { FakeSocketMode } from '../support/fake-socket-mode';
import { appHomeOpened, homePress } from '../support/slack-home';
import { globalShortcut, type InputState, submission } from '../support/slack-shortcuts';
import { slashCommand, type Where } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

const PRIYA = 'U0PRIYA';
const CHAIR = 'U0CHAIR';

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

const as = (user: string): Where => ({ ...t.where, user });

type Element = { type?: string; action_id?: string; value?: string };
type ShownBlock = { type: string; block_id?: string; text?: { text?: string }; elements?: Element[] };
type ShownView = { type?: string; callback_id?: string; blocks?: (ShownBlock & { element?: Element })[] };

const viewOf = (call: Call | undefined): ShownView => (call?.body.view ?? {}) as ShownView;

function sections(call: Call | undefined): string[] {
  return (viewOf(call).blocks ?? []).flatMap((b) =>
    b.type === 'section' && b.text?.text ? [b.text.text] : [],
  );
}

function buttons(call: Call | undefined): Element[] {
  return (viewOf(call).blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

/** The latest Home published for that person, once one is that satisfies `until`. */
async function homeOf(user: string, until: (call: Call) => boolean = () => true): Promise<Call> {
  return eventually(async () =>
    t.slack
      .callsTo('views.publish')
      .filter((c) => c.body.user_id === user)
      .reverse()
      .find(until),
  );
}

describe('the Home tab, over Socket Mode', () => {
  it('publishes the open action on app_home_opened, and Done on it closes it and publishes again', async () => {
    const c: ChannelRef = { platform: 'slack', team: t.where.team, channel: 'C0SOCKHOME1' };
    const action = await t.store.create(
      draft(c, { raisedBy: CHAIR, owners: [{ kind: 'user', id: PRIYA }], text: 'water the office plants' }),
      entry('created'),
    );

    await socket.deliverAcked(appHomeOpened(as(PRIYA)));
    const home = await homeOf(PRIYA, (call) => JSON.stringify(call.body).includes('water the office plants'));
    expect(viewOf(home).type).toBe('home');
    const index = sections(home).findIndex((s) => s.includes('water the office plants'));
    expect(sections(home)[index]).toContain(`in <#${c.channel}>`);
    const doneButton = buttons(home).filter((e) => e.action_id === 'done')[index];
    expect(doneButton?.value).toBeDefined();
    t.slack.reset();

    await socket.deliverAcked(homePress(as(PRIYA), 'done', doneButton?.value ?? ''));
    await eventually(async () => (await t.store.get(c, action.number))?.state === 'done');
    expect(await t.store.get(c, action.number)).toMatchObject({ state: 'done', closedBy: PRIYA });
    const again = await homeOf(PRIYA);
    expect(JSON.stringify(again.body)).not.toContain('water the office plants');
  });
});

describe('the form, over Socket Mode', () => {
  it('opens the form with a channel picker from the global shortcut `new_action`', async () => {
    await socket.deliverAcked(globalShortcut(t.where));
    const [open] = await t.slack.waitForCalls('views.open');
    const view = viewOf(open);
    expect(view.callback_id).toBe('arising_new_action');
    const picker = view.blocks?.find((b) => b.block_id === 'channel');
    expect(picker?.element?.type).toBe('conversations_select');

    // A public channel the user is not in: the ack keeps the form open with the mistake on the picker.
    t.slack.setMembers('C0SOCKOUTSIDE', [PRIYA]);
    const form = {
      channel: { type: 'conversations_select', selected_conversation: 'C0SOCKOUTSIDE' },
      task: { type: 'plain_text_input', value: 'post where I am not' },
      owners: { type: 'multi_users_select', selected_users: [PRIYA] },
    } satisfies Record<string, InputState>;
    const ack = await socket.deliverAcked(
      submission(as(CHAIR), open?.body.view as { callback_id: string; private_metadata: string }, form),
    );
    expect(ack.payload).toEqual({
      response_action: 'errors',
      errors: { channel: 'You are not in that channel. Join it first, or pick a channel you are in.' },
    });
    expect(await t.store.list({ ...t.channel, channel: 'C0SOCKOUTSIDE' }, 'all')).toEqual([]);
  });

  it('opens the form for the command’s channel from `/action add` with nothing after it', async () => {
    await socket.deliverAcked(slashCommand(t.where, 'add', t.slack.responseUrl()));
    const [open] = await t.slack.waitForCalls('views.open');
    const view = viewOf(open);
    expect(view.callback_id).toBe('arising_new_action');
    expect(view.blocks?.map((b) => b.block_id)).not.toContain('channel');
  });
});

describe('SLACK_COMMAND=/minutes, over Socket Mode', () => {
  it('answers `/minutes list`, with the hint naming /minutes', async () => {
    const renamed = await startTestService({
      now: '2026-07-01T09:00:00Z',
      socketMode: true,
      env: { SLACK_COMMAND: '/minutes' },
    });
    try {
      await renamed.slack.socketMode.connected();
      const sock = renamed.slack.socketMode;
      await sock.ackOf(
        sock.deliver(slashCommand(renamed.where, 'list', renamed.slack.responseUrl('cmd'), '/minutes')),
      );
      const [call] = await renamed.slack.waitForCalls('response_url');
      const body = call?.body as Body;
      const shown = `${String(body.text)} ${JSON.stringify(body.blocks ?? [])}`;
      expect(shown).toContain('/minutes add @someone');
      expect(shown).not.toContain('/action');
    } finally {
      await renamed.stop();
    }
  });
});
