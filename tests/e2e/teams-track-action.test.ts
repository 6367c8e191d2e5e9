/**
 * Teams' message action "Track as action" through the real botbuilder adapter (TEAMS_EMULATOR=on): the
 * `composeExtension/fetchTask` invoke is answered with the form, prefilled from the message; the
 * `composeExtension/submitAction` invoke adds the action in the conversation through the core (card in
 * the channel, an answer in the message's thread) or shows the form again with each mistake under its
 * field. The people picker's AAD ids are turned into members through the fake Bot Connector.
 */
import { randomUUID } from 'node:crypto';
import { cardProblems } from '../support/adaptive-card-check';
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import { eventually, settle } from '../support/start-server';
import {
  BOT,
  CHAIR,
  CHANNEL_ID,
  installInTeam,
  type Person,
  PRIYA,
  SAM,
  startTeamsService,
  TEAM_ID,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
const ROOT = '1782900000111';

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installInTeam(t));
  t.connector.addMember(PRIYA);
  t.connector.addMember(CHAIR);
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** A message-action invoke on the message ROOT of the committee channel, as Teams sends it. */
function invoke(
  name: string,
  value: Record<string, unknown>,
  from: Person = CHAIR,
  groupChat: string | null = null,
): Record<string, unknown> {
  const where = groupChat
    ? {
        conversation: { id: groupChat, conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
      }
    : {};
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: t.connector.serviceUrl,
    channelId: 'msteams',
    from: { ...from },
    conversation: {
      id: `${CHANNEL_ID};messageid=${ROOT}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    recipient: { ...BOT },
    channelData: {
      tenant: { id: TENANT },
      team: { id: TEAM_ID, name: 'Community Outcomes' },
      channel: { id: CHANNEL_ID, name: 'Committee' },
      source: { name: 'message' },
    },
    ...where,
    locale: 'en-GB',
    type: 'invoke',
    name,
    value: {
      commandId: 'trackAsAction',
      commandContext: 'message',
      messagePayload: {
        id: ROOT,
        body: {
          contentType: 'html',
          content: '<p>Could <at id="0">Priya Patel</at> send the KSI data &amp; notes?</p>',
        },
        from: { user: { id: 'aad-sam', displayName: 'Sam Smith' } },
      },
      ...value,
    },
  };
}

interface TaskAnswer {
  task: { type: string; value: unknown };
}

async function answerOf(activity: Record<string, unknown>): Promise<TaskAnswer> {
  const response = await t.post(activity);
  expect(response.status).toBe(200);
  return (await response.json()) as TaskAnswer;
}

type Input = { id?: string; type?: string; value?: string; text?: string; color?: string };

function formOf(answer: TaskAnswer): { card: { body: Input[] }; title: string } {
  expect(answer.task.type).toBe('continue');
  const value = answer.task.value as {
    title: string;
    card: { contentType: string; content: { body: Input[] } };
  };
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return { card: value.card.content, title: value.title };
}

const inputOf = (card: { body: Input[] }, id: string) => card.body.find((e) => e.id === id);

/** The error text shown right under an input. */
function errorUnder(card: { body: Input[] }, id: string): string | undefined {
  const at = card.body.findIndex((e) => e.id === id);
  const next = card.body[at + 1];
  return next?.type === 'TextBlock' && next.color === 'attention' ? next.text : undefined;
}

const submit = (data: Record<string, string>, from: Person = CHAIR) =>
  answerOf(invoke('composeExtension/submitAction', { data }, from));

describe('fetchTask', () => {
  it('answers with a valid form whose task is the message’s text, mentions as names', async () => {
    const { card, title } = formOf(await answerOf(invoke('composeExtension/fetchTask', {})));
    expect(title).toBe('Track as action');
    expect(cardProblems(card)).toEqual([]);
    expect(inputOf(card, 'task')?.value).toBe('Could Priya Patel send the KSI data & notes?');
    expect(inputOf(card, 'people')?.type).toBe('Input.ChoiceSet');
    // The message's writer and the one tracking it are offered before any search.
    expect(JSON.stringify(inputOf(card, 'people'))).toContain(
      '"choices":[{"title":"Sam Smith","value":"aad-sam"},{"title":"Chair Person","value":"aad-chair"}]',
    );
    expect(inputOf(card, 'dueDate')?.type).toBe('Input.Date');
    expect(inputOf(card, 'dueTime')?.type).toBe('Input.Time');
    expect(inputOf(card, 'item')?.type).toBe('Input.Text');
  });
});

describe('submitAction', () => {
  it('adds the action in the conversation, posts its card and answers in the message’s thread', async () => {
    const answer = await submit({
      task: 'send the KSI data & notes',
      people: 'aad-priya',
      alias: '',
      dueDate: '2026-07-10',
      dueTime: '14:30',
      item: '5',
    });
    expect(answer.task.type).toBe('message');
    expect(String(answer.task.value)).toMatch(/Tracked/);
    const open = await t.store.list(t.channel, 'open');
    const action = open.find((a) => a.text === 'send the KSI data & notes');
    expect(action).toMatchObject({
      owners: [{ kind: 'user', id: PRIYA.id }],
      raisedBy: CHAIR.id,
      agendaItem: '5',
      due: { date: '2026-07-10', time: '14:30' },
    });
    const sends = await t.connector.waitFor('send', 2);
    const card = sends.find((c) => c.conversation === CHANNEL_ID);
    expect(shownText(card as ConnectorCall)).toContain('send the KSI data & notes');
    const thread = sends.find((c) => c.conversation === `${CHANNEL_ID};messageid=${ROOT}`);
    expect(shownText(thread as ConnectorCall)).toContain(`Tracked as action #${action?.number}`);
  });

  it('in a group chat, which has no threads, posts the card alone', async () => {
    const chat = '19:chat-committee@thread.v2';
    const data = {
      task: 'chase the printer',
      people: '',
      alias: 'Clerk',
      dueDate: '',
      dueTime: '',
      item: '',
    };
    const answer = await answerOf(invoke('composeExtension/submitAction', { data }, CHAIR, chat));
    expect(answer.task.type).toBe('message');
    const inChat = { ...t.channel, channel: chat };
    await eventually(async () =>
      (await t.store.list(inChat, 'open')).find((a) => a.text === 'chase the printer'),
    );
    const [card] = await t.connector.waitFor('send');
    await settle();
    expect(t.connector.callsOf('send').map((c) => c.conversation)).toEqual([chat]);
    expect(shownText(card as ConnectorCall)).toContain('chase the printer');
  });

  it('takes an alias as the owner, and no due date', async () => {
    await submit({ task: 'book the room', people: '', alias: 'WYP', dueDate: '', dueTime: '', item: '' });
    const action = await eventually(async () =>
      (await t.store.list(t.channel, 'open')).find((a) => a.text === 'book the room'),
    );
    expect(action).toMatchObject({ owners: [{ kind: 'alias', name: 'WYP' }], due: null, agendaItem: null });
  });

  it('shows the form again with what was typed and each mistake under its field, storing nothing', async () => {
    const before = (await t.store.list(t.channel, 'all')).length;
    const { card } = formOf(
      await submit({
        task: 'x'.repeat(3001),
        people: '',
        alias: '',
        dueDate: '2026-06-30',
        dueTime: '',
        item: 'Roads',
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(inputOf(card, 'task')?.value).toHaveLength(3001);
    expect(inputOf(card, 'item')?.value).toBe('Roads');
    expect(errorUnder(card, 'task')).toMatch(/3,001 characters long/);
    expect(errorUnder(card, 'people')).toMatch(/Pick at least one person/);
    expect(errorUnder(card, 'dueDate')).toMatch(/in the past/);
    expect(errorUnder(card, 'item')).toMatch(/agenda item is a number/);
    expect(errorUnder(card, 'alias')).toBeUndefined();
    await settle();
    expect((await t.store.list(t.channel, 'all')).length).toBe(before);
    expect(t.connector.callsOf('send')).toEqual([]);
  });

  it('refuses a picked person who is not in the conversation, under the owners', async () => {
    const { card } = formOf(
      await submit(
        {
          task: 'a task for a stranger',
          people: 'aad-nobody',
          alias: '',
          dueDate: '',
          dueTime: '',
          item: '',
        },
        SAM,
      ),
    );
    expect(errorUnder(card, 'people')).toMatch(/not a member of this conversation/);
    await settle();
    expect((await t.store.list(t.channel, 'all')).some((a) => a.text === 'a task for a stranger')).toBe(
      false,
    );
  });
});
