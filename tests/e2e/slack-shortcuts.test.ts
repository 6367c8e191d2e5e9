/**
 * The new-action form over real HTTP: the message shortcut "Track as action", the global shortcut and
 * `/action add` alone each open it (views.open on the fake Slack API); its submission, signed as Slack
 * signs it, adds the action through the core in the right channel, answers in the tracked message's
 * thread, and keeps a form with mistakes open with each one on its field.
 */
import type { Body } from '../support/fake-slack-api';
import { globalShortcut, type InputState, messageShortcut, submission } from '../support/slack-shortcuts';
import { slashCommand, type Where } from '../support/slack-signing';
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

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: { type: string; initial_value?: string } }[];
}

/** The modal the service asked Slack to open, and its trigger. */
async function openedModal(): Promise<{ view: OpenedView; triggerId: unknown }> {
  const [open] = await t.slack.waitForCalls('views.open');
  return { view: open?.body.view as OpenedView, triggerId: open?.body.trigger_id };
}

const blockIds = (view: OpenedView) => view.blocks.map((b) => b.block_id);
const elementOf = (view: OpenedView, block: string) => view.blocks.find((b) => b.block_id === block)?.element;

/** A well-filled form: Priya, by Friday 10 July, item 5. */
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

async function stored(channel: string, task: string) {
  return eventually(async () => {
    const open = await t.store.list({ ...t.channel, channel }, 'open');
    return open.find((a) => a.text === task);
  });
}

const postsTo = (channel: string): Body[] =>
  t.slack
    .callsTo('chat.postMessage')
    .map((c) => c.body)
    .filter((b) => b.channel === channel);

describe('the message shortcut "Track as action"', () => {
  it('opens the form with the message’s text as the task, saves it in the channel and answers in its thread', async () => {
    const messageTs = '1782900000.000100';
    const opened = await t.send(
      messageShortcut(
        t.where,
        { ts: messageTs, text: 'Send the KSI data &amp; the &lt;July&gt; figures' },
        t.slack.responseUrl(),
      ),
    );
    expect(opened.status).toBe(200);
    const { view } = await openedModal();
    expect(view.callback_id).toBe('arising_new_action');
    expect(blockIds(view)).toEqual(['task', 'owners', 'alias', 'due_date', 'due_time', 'item']);
    expect(elementOf(view, 'task')?.initial_value).toBe('Send the KSI data & the <July> figures');
    expect(elementOf(view, 'owners')?.type).toBe('multi_users_select');
    expect(elementOf(view, 'due_date')?.type).toBe('datepicker');
    expect(elementOf(view, 'due_time')?.type).toBe('timepicker');

    const task = 'Send the KSI data & the <July> figures';
    const saved = await t.send(
      submission(as(SAM), view, filled(task, { due_time: { type: 'timepicker', selected_time: '14:30' } })),
    );
    expect(saved.status).toBe(200);
    expect(await saved.text()).toBe('');

    const action = await stored(t.where.channel, task);
    expect(action).toMatchObject({
      owners: [{ kind: 'user', id: PRIYA }],
      raisedBy: SAM,
      agendaItem: '5',
      due: { date: '2026-07-10', time: '14:30' },
    });
    const thread = await eventually(async () =>
      postsTo(t.where.channel).find((b) => b.thread_ts === messageTs),
    );
    expect(String(thread.text)).toContain(`Tracked as action #${action.number}`);
    // The owner is a real mention in the blocks, so they are told too.
    expect(JSON.stringify(thread.blocks)).toContain(`<@${PRIYA}>`);
    // The card itself is in the channel, outside any thread, as for /action add.
    const card = postsTo(t.where.channel).find((b) => b.thread_ts === undefined);
    expect(JSON.stringify(card?.blocks)).toContain(`#${action.number}`);
    // The thread answer links to that card, with the permalink Slack gives for it.
    const cardTs = (await t.store.get(t.channel, action.number))?.message?.id ?? '';
    const [permalink] = t.slack.callsTo('chat.getPermalink');
    expect(permalink?.body).toMatchObject({ channel: t.where.channel, message_ts: cardTs });
    const link = `https://example.slack.com/archives/${t.where.channel}/p${cardTs.replace('.', '')}`;
    expect(JSON.stringify(thread.blocks)).toContain(`<${link}|Its card>`);
  });

  it('answers in the thread a tracked reply belongs to', async () => {
    await t.send(
      messageShortcut(
        t.where,
        { ts: '1782900000.000300', threadTs: '1782900000.000200', text: 'book the room' },
        t.slack.responseUrl(),
      ),
    );
    const { view } = await openedModal();
    await t.send(submission(t.where, view, filled('book the room for September')));
    await stored(t.where.channel, 'book the room for September');
    const thread = await eventually(async () =>
      postsTo(t.where.channel).find((b) => b.thread_ts !== undefined),
    );
    expect(thread.thread_ts).toBe('1782900000.000200');
  });

  it('tells the user, on the shortcut’s response_url, when Slack will not open the form', async () => {
    t.slack.failMethod('views.open', 'expired_trigger_id');
    await t.send(
      messageShortcut(t.where, { ts: '1782900000.000400', text: 'late' }, t.slack.responseUrl('late')),
    );
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.path).toBe('/response/late');
    expect(JSON.stringify(answer?.body)).toContain('Something went wrong');
    expect(answer?.body.response_type).toBe('ephemeral');
  });
});

describe('the global shortcut', () => {
  it('opens the form with a channel picker and adds the action in the channel picked', async () => {
    await t.send(globalShortcut(t.where));
    const { view } = await openedModal();
    expect(blockIds(view)[0]).toBe('channel');
    expect(elementOf(view, 'channel')?.type).toBe('conversations_select');
    expect(elementOf(view, 'task')?.initial_value).toBeUndefined();

    const other = 'C0OTHER';
    // The user is in the channel picked, on the second page of its members.
    const crowd = Array.from({ length: 250 }, (_, i) => `U0M${i}`);
    t.slack.setMembers(other, [...crowd, t.where.user]);
    const saved = await t.send(
      submission(
        t.where,
        view,
        filled('draft the terms of reference', {
          channel: { type: 'conversations_select', selected_conversation: other },
          owners: { type: 'multi_users_select', selected_users: [] },
          alias: { type: 'plain_text_input', value: 'WYP' },
          due_date: { type: 'datepicker', selected_date: null },
          item: { type: 'plain_text_input', value: null },
        }),
      ),
    );
    expect(saved.status).toBe(200);
    const action = await stored(other, 'draft the terms of reference');
    expect(action).toMatchObject({ owners: [{ kind: 'alias', name: 'WYP' }], due: null, agendaItem: null });
    await eventually(async () => postsTo(other).length > 0);
    expect(postsTo(other).every((b) => b.thread_ts === undefined)).toBe(true);
  });

  it('keeps the form open with the mistake on the picker when the user is not in the channel picked', async () => {
    await t.send(globalShortcut(t.where));
    const { view } = await openedModal();
    const outside = 'C0OUTSIDE';
    t.slack.setMembers(
      outside,
      Array.from({ length: 250 }, (_, i) => `U0M${i}`),
    );
    const saved = await t.send(
      submission(
        t.where,
        view,
        filled('post where I am not', {
          channel: { type: 'conversations_select', selected_conversation: outside },
        }),
      ),
    );
    expect(await saved.json()).toEqual({
      response_action: 'errors',
      errors: { channel: 'You are not in that channel. Join it first, or pick a channel you are in.' },
    });
    await settle();
    expect(await t.store.list({ ...t.channel, channel: outside }, 'all')).toEqual([]);
    expect(postsTo(outside)).toEqual([]);
  });

  it('keeps the form open when no channel is picked', async () => {
    await t.send(globalShortcut(t.where));
    const { view } = await openedModal();
    const saved = await t.send(
      submission(
        t.where,
        view,
        filled('nowhere', { channel: { type: 'conversations_select', selected_conversation: null } }),
      ),
    );
    expect(await saved.json()).toEqual({
      response_action: 'errors',
      errors: { channel: 'Pick the channel.' },
    });
  });
});

describe('/action add with nothing after it', () => {
  it('opens the same form for the command’s channel and adds the action there, answering nothing in a thread', async () => {
    const answered = await t.send(slashCommand(t.where, 'add', t.slack.responseUrl()));
    expect(answered.status).toBe(200);
    const { view } = await openedModal();
    expect(view.callback_id).toBe('arising_new_action');
    expect(blockIds(view)).not.toContain('channel');
    await t.send(submission(t.where, view, filled('circulate the minutes')));
    const action = await stored(t.where.channel, 'circulate the minutes');
    expect(action.raisedBy).toBe(t.where.user);
    await eventually(async () => postsTo(t.where.channel).length > 0);
    await settle();
    expect(postsTo(t.where.channel).filter((b) => b.thread_ts !== undefined)).toEqual([]);
    // Nothing went wrong, so nothing was said on the command's response_url.
    expect(t.slack.callsTo('response')).toEqual([]);
  });
});

describe('mistakes stay on the form, beside their field', () => {
  async function formErrors(inputs: Record<string, InputState>): Promise<unknown> {
    await t.send(slashCommand(t.where, 'add', t.slack.responseUrl()));
    const { view } = await openedModal();
    t.slack.reset();
    const saved = await t.send(submission(t.where, view, inputs));
    expect(saved.status).toBe(200);
    return saved.json();
  }

  it.each<[string, Record<string, InputState>, Record<string, RegExp>]>([
    [
      'no owner',
      filled('a task nobody owns', { owners: { type: 'multi_users_select', selected_users: [] } }),
      { owners: /Pick at least one person/ },
    ],
    [
      'a date in the past',
      filled('a task due yesterday', { due_date: { type: 'datepicker', selected_date: '2026-06-30' } }),
      { due_date: /in the past/ },
    ],
    [
      'a time already gone today',
      filled('a task due this morning', {
        due_date: { type: 'datepicker', selected_date: '2026-07-01' },
        due_time: { type: 'timepicker', selected_time: '08:00' },
      }),
      { due_date: /in the past.*Europe\/London/ },
    ],
    [
      'a task too long',
      filled('x'.repeat(3001)),
      { task: /3,001 characters long; Arising takes at most 3,000/ },
    ],
    [
      'an agenda item that is no number',
      filled('a task', { item: { type: 'plain_text_input', value: 'Road Safety' } }),
      { item: /agenda item is a number/ },
    ],
    [
      'several at once',
      filled('   ', {
        owners: { type: 'multi_users_select', selected_users: [] },
        due_date: { type: 'datepicker', selected_date: '2020-01-01' },
      }),
      { task: /Say what is to be done/, owners: /Pick at least one/, due_date: /in the past/ },
    ],
  ])('shows %s on its field and stores nothing', async (_what, inputs, expected) => {
    const before = (await t.store.list(t.channel, 'all')).length;
    const answer = (await formErrors(inputs)) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, words] of Object.entries(expected)) expect(answer.errors[field]).toMatch(words);
    await settle();
    expect((await t.store.list(t.channel, 'all')).length).toBe(before);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('ignores a form whose metadata names another workspace', async () => {
    await t.send(slashCommand(t.where, 'add', t.slack.responseUrl()));
    const { view } = await openedModal();
    const forged = {
      ...view,
      private_metadata: JSON.stringify({ ...JSON.parse(view.private_metadata), team: 'T0OTHER' }),
    };
    const saved = await t.send(submission(t.where, forged, filled('a forged task')));
    expect(saved.status).toBe(200);
    await settle();
    expect((await t.store.list(t.channel, 'all')).some((a) => a.text === 'a forged task')).toBe(false);
  });
});

function as(user: string): Where {
  return { ...t.where, user };
}
