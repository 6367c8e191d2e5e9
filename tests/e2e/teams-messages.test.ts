/**
 * Teams over real HTTP: activities POSTed to /api/messages as Teams sends them reach the real server,
 * which stores in the real Redis and answers through a fake Bot Connector on loopback. Assertions are on
 * the cards that reached "Teams" (validated with Microsoft's adaptivecards library) and on what was stored.
 */
import { cardProblems } from '../support/adaptive-card-check';
import { type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import { eventually } from '../support/start-server';
import {
  BOT_MENTION,
  CHAIR,
  CHANNEL_ID,
  channelMessage,
  installInTeam,
  installPersonal,
  PRIYA,
  personalChatId,
  personalMessage,
  SAM,
  startTeamsService,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  const installed = await t.post(installInTeam(t));
  expect(installed.status).toBe(200);
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** Sends `@Arising <text>` in the committee channel as the chair. */
async function command(text: string, mentions = [BOT_MENTION], from = CHAIR): Promise<Response> {
  const response = await t.post(channelMessage(t, `<at>Arising</at> ${text}`, mentions, { from }));
  expect(response.status).toBe(200);
  return response;
}

function expectValidCards(call: ConnectorCall): void {
  const cards = cardsOf(call);
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) expect(cardProblems(card)).toEqual([]);
}

describe('installing the app', () => {
  it('remembers the channel and greets it', async () => {
    const response = await t.post(installInTeam(t, CHAIR, '19:other-install@thread.tacv2'));
    expect(response.status).toBe(200);
    const [welcome] = await t.connector.waitFor('reply');
    expect(welcome?.conversation).toBe('19:other-install@thread.tacv2');
    expect(shownText(welcome as ConnectorCall)).toContain('I keep track of the actions');
    const reference = await t.references.get({
      platform: 'teams',
      team: TENANT,
      channel: '19:other-install@thread.tacv2',
    });
    expect(reference?.serviceUrl).toBe(t.connector.serviceUrl);
    expect(reference?.bot.id).toBe('28:arising-bot-app');
  });

  it('remembers a personal install as the way to message that person', async () => {
    await t.post(installPersonal(t, SAM));
    const chat = await t.references.personalChat(TENANT, SAM.id);
    expect(chat?.conversation.id).toBe(personalChatId(SAM));
  });
});

describe('@Arising add', () => {
  it('posts one valid card with the number, the owner mentioned by Teams id, the due date and buttons, and stores it', async () => {
    await command('add <at>Priya Patel</at> to send the KSI data by 31 July', [
      BOT_MENTION,
      { person: PRIYA },
    ]);
    const [post] = await t.connector.waitFor('send');
    const call = post as ConnectorCall;
    expect(call.conversation).toBe(CHANNEL_ID);
    expectValidCards(call);
    const shown = shownText(call);
    expect(shown).toContain('#1 ');
    expect(shown).toContain('send the KSI data');
    expect(shown).toContain('Fri 31 Jul');
    expect(shown).toContain('<at>Priya Patel</at>');
    const card = cardsOf(call)[0] as { msteams: { entities: { mentioned: { id: string } }[] } };
    expect(card.msteams.entities.map((e) => e.mentioned.id)).toContain(PRIYA.id);
    const json = JSON.stringify(cardsOf(call));
    expect(json).toContain('"verb":"done"');
    expect(json).toContain('"verb":"snooze"');
    expect(json).toContain('"type":"Action.ShowCard"');
    expect(json).toContain('\\"n\\":1');

    const stored = await t.store.get(t.channel, 1);
    expect(stored).toMatchObject({
      number: 1,
      owners: [{ kind: 'user', id: PRIYA.id }],
      text: 'send the KSI data',
      state: 'open',
      raisedBy: CHAIR.id,
      due: { date: '2026-07-31' },
      message: { conversation: CHANNEL_ID, id: call.id },
    });
    // Nothing else was said in the channel: the card is the answer.
    expect(t.connector.callsOf('reply')).toHaveLength(0);
  });

  it('shows what a user typed as text: no mention, no Markdown, no template expression', async () => {
    const typed = ['$', '{secret}'].join('');
    await command(
      'add <at>Sam Smith</at> to tell &lt;at&gt;Chair Person&lt;/at&gt; about **budget** ' +
        typed +
        ' [here](http://x.test)',
      [BOT_MENTION, { person: SAM }],
    );
    const [post] = await t.connector.waitFor('send');
    const call = post as ConnectorCall;
    expectValidCards(call);
    const json = JSON.stringify(cardsOf(call));
    expect(json).not.toContain('<at>Chair Person</at> about');
    expect(json).not.toContain(typed);
    const card = cardsOf(call)[0] as { msteams: { entities: { mentioned: { id: string } }[] } };
    expect(card.msteams.entities.map((e) => e.mentioned.id).sort()).toEqual([CHAIR.id, SAM.id].sort());
  });

  it('answers a date it cannot understand in the thread, quoting the words, and stores nothing', async () => {
    const before = await t.store.list(t.channel, 'all');
    await command('add <at>Priya Patel</at> to send the data by 31 Febtober', [
      BOT_MENTION,
      { person: PRIYA },
    ]);
    const [answer] = await t.connector.waitFor('reply');
    expect(shownText(answer as ConnectorCall)).toContain('31 Febtober');
    // In the thread of the command message.
    expect(answer?.activityId).toBeTruthy();
    expect(t.connector.callsOf('send')).toHaveLength(0);
    expect(await t.store.list(t.channel, 'all')).toHaveLength(before.length);
  });

  it('ignores channel messages that do not mention it', async () => {
    const response = await t.post(channelMessage(t, 'add Priya to do something by Friday', []));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.connector.calls).toHaveLength(0);
  });
});

describe('numbers per channel', () => {
  it('numbers a second channel from #1 without touching the first channel', async () => {
    const other = '19:finance@thread.tacv2';
    await t.post(installInTeam(t, CHAIR, other));
    t.connector.reset();
    await t.post(
      channelMessage(
        t,
        '<at>Arising</at> add <at>Sam Smith</at> to check the invoices',
        [BOT_MENTION, { person: SAM }],
        {
          channel: other,
        },
      ),
    );
    const [post] = await t.connector.waitFor('send');
    expect(post?.conversation).toBe(other);
    const stored = await t.store.get({ platform: 'teams', team: TENANT, channel: other }, 1);
    expect(stored?.text).toBe('check the invoices');
    expect((await t.store.get(t.channel, 1))?.text).toBe('send the KSI data');
  });
});

describe('list and help', () => {
  it('answers `list` in the thread with the channel’s open actions', async () => {
    await command('list');
    const [answer] = await t.connector.waitFor('reply');
    const call = answer as ConnectorCall;
    expect(call.conversation).toContain(CHANNEL_ID);
    expectValidCards(call);
    expect(shownText(call)).toContain('send the KSI data');
  });

  it('answers `help` with the commands as Teams users type them and the Done button note', async () => {
    await command('help');
    const [answer] = await t.connector.waitFor('reply');
    const shown = shownText(answer as ConnectorCall);
    expect(shown).toContain('@Arising add');
    expect(shown).not.toContain('/action');
    expect(shown).toContain('press Done on the card');
  });

  it('takes commands in a personal chat without the mention', async () => {
    const response = await t.post(personalMessage(t, PRIYA, 'help add'));
    expect(response.status).toBe(200);
    const [answer] = await t.connector.waitFor('reply');
    expect(answer?.conversation).toBe(personalChatId(PRIYA));
    expect(shownText(answer as ConnectorCall)).toContain('Records an action');
  });
});

describe('replies in the thread of a card', () => {
  it('takes a note without a mention, and `done` closes the action and updates its card', async () => {
    const action = await t.store.get(t.channel, 1);
    const root = action?.message?.id as string;
    await t.post(channelMessage(t, 'waiting for the July figures', [], { from: PRIYA, thread: root }));
    await eventually(async () => ((await t.store.get(t.channel, 1))?.notes.length ?? 0) > 0);
    t.connector.reset();

    await t.post(channelMessage(t, 'Done ✅', [], { from: PRIYA, thread: root }));
    const [update] = await t.connector.waitFor('update');
    const call = update as ConnectorCall;
    expect(call.activityId).toBe(root);
    expectValidCards(call);
    expect(shownText(call)).toContain('✅ Done');
    expect(JSON.stringify(cardsOf(call))).not.toContain('Action.Execute');
    const stored = await t.store.get(t.channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.closedBy).toBe(PRIYA.id);
  });

  it('ignores replies in threads that are not about an action', async () => {
    await t.post(channelMessage(t, 'done', [], { from: PRIYA, thread: '1699999999999' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.connector.calls).toHaveLength(0);
  });
});

describe('import', () => {
  const minutes = [
    'Community Outcomes Meeting',
    'Date: 14 June 2026',
    '',
    '5. Road Safety',
    'ACTION: WYP to provide the data for those killed and seriously injured by 31 July 2026',
  ].join('\n');

  it('reads minutes pasted after the word and shows them with Import and Cancel', async () => {
    await command(`import\n${minutes}`);
    const [answer] = await t.connector.waitFor('reply');
    const call = answer as ConnectorCall;
    expectValidCards(call);
    expect(shownText(call)).toContain('Found 1 action');
    const json = JSON.stringify(cardsOf(call));
    expect(json).toContain('"verb":"import-confirm"');
    expect(json).toContain('"verb":"import-cancel"');
  });

  it('reads an attached .txt file in a personal chat', async () => {
    const url = t.connector.serveFile('minutes.txt', Buffer.from(minutes, 'utf8'));
    await t.post(
      personalMessage(t, CHAIR, 'import', {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'minutes.txt',
            content: { downloadUrl: url, uniqueId: 'file-1', fileType: 'txt' },
          },
        ],
      }),
    );
    const [answer] = await t.connector.waitFor('reply');
    expect(shownText(answer as ConnectorCall)).toContain('Found 1 action');
  });

  it('says how to send minutes when `import` comes alone', async () => {
    await command('import');
    const [answer] = await t.connector.waitFor('reply');
    expect(shownText(answer as ConnectorCall)).toContain('paste the minutes after it');
  });

  it('explains a file it cannot fetch instead of failing silently', async () => {
    await t.post(
      channelMessage(t, '<at>Arising</at> import', [BOT_MENTION], {
        attachments: [
          {
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            contentUrl: `${t.connector.serviceUrl}files/missing.docx`,
            name: 'minutes.docx',
          },
        ],
      }),
    );
    const [answer] = await t.connector.waitFor('reply');
    expect(shownText(answer as ConnectorCall)).toContain('could not open that file');
  });
});
