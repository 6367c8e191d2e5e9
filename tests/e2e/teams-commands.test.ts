/**
 * The rest of the command language in a Teams channel, over real HTTP: owners and chairs by Teams
 * mention, settings, meetings, every change of an action (each updating its card in place), lists, and
 * the posts for the whole channel (digest, matters arising) as valid cards.
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
  type Mention,
  PRIYA,
  SAM,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installInTeam(t));
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** `@Arising <text>` in the channel; people in the text as `<at>Name</at>` with their entities. */
async function say(text: string, people: Mention[] = [], from = CHAIR): Promise<void> {
  const response = await t.post(
    channelMessage(t, `<at>Arising</at> ${text}`, [BOT_MENTION, ...people], { from }),
  );
  expect(response.status).toBe(200);
}

function valid(call: ConnectorCall | undefined): ConnectorCall {
  expect(call).toBeDefined();
  for (const card of cardsOf(call as ConnectorCall)) expect(cardProblems(card)).toEqual([]);
  return call as ConnectorCall;
}

it('maps an alias to people mentioned in Teams, and names the chairs', async () => {
  await say('owner WYP = <at>Priya Patel</at> <at>Sam Smith</at>', [{ person: PRIYA }, { person: SAM }]);
  expect(await t.store.getAliases(t.channel)).toEqual({ WYP: [PRIYA.id, SAM.id] });
  await say('settings chairs <at>Chair Person</at>', [{ person: CHAIR }]);
  expect((await t.store.getSettings(t.channel)).chairs).toEqual([CHAIR.id]);
  await say('settings timezone Europe/Dublin');
  expect((await t.store.getSettings(t.channel)).timezone).toBe('Europe/Dublin');
  t.connector.reset();
  await say('settings');
  const [answer] = await t.connector.waitFor('reply');
  expect(shownText(valid(answer))).toContain('Europe/Dublin');
});

it('refuses a member who is not a chair an alias of their own, naming the chair', async () => {
  await say('owner WYP = <at>Sam Smith</at>', [{ person: SAM }], SAM);
  const [answer] = await t.connector.waitFor('reply');
  expect(shownText(valid(answer))).toMatch(
    /Only this channel's chairs \(.*Chair Person.*\) can change its aliases/,
  );
  expect(await t.store.getAliases(t.channel)).toEqual({ WYP: [PRIYA.id, SAM.id] });
  expect(t.connector.callsOf('send')).toHaveLength(0);
});

it('starts a meeting and sets the next one', async () => {
  await say('meeting Community Outcomes Meeting on 1 July 2026');
  await say('meeting next 13 Sep 2026 14:00');
  const meetings = await t.store.getMeetings(t.channel);
  expect(meetings.current?.title).toBe('Community Outcomes Meeting');
  expect(meetings.next).toBe('2026-09-13T14:00');
});

it('takes an alias as owner, and a due date of the next meeting', async () => {
  await say('add WYP to look into the HT and MS data by next meeting item 5');
  valid((await t.connector.waitFor('send'))[0]);
  const action = await t.store.get(t.channel, 1);
  expect(action).toMatchObject({
    owners: [{ kind: 'alias', name: 'WYP' }],
    due: { date: '2026-09-13', nextMeeting: true },
    agendaItem: '5',
  });
});

it('notes, re-dates, snoozes, reassigns and drops, updating the card in place each time', async () => {
  const card = (await t.store.get(t.channel, 1))?.message?.id;
  const steps: [string, Mention[], (shown: string) => void][] = [
    ['note 1 waiting for the July figures', [], (s) => expect(s).toContain('waiting for the July figures')],
    ['due 1 31 July', [], (s) => expect(s).toContain('Fri 31 Jul')],
    ['snooze 1 2 weeks', [], (s) => expect(s).toContain('Fri 14 Aug')],
    ['reassign 1 <at>Sam Smith</at>', [{ person: SAM }], (s) => expect(s).toContain('<at>Sam Smith</at>')],
    ['drop 1 no longer needed', [], (s) => expect(s).toContain('Dropped')],
  ];
  for (const [text, people, check] of steps) {
    t.connector.reset();
    await say(text, people);
    const [update] = await t.connector.waitFor('update');
    expect(update?.activityId).toBe(card);
    check(shownText(valid(update)));
  }
  const action = await t.store.get(t.channel, 1);
  expect(action).toMatchObject({
    state: 'dropped',
    owners: [{ kind: 'user', id: SAM.id }],
    closeNote: 'no longer needed',
  });
  expect((await t.store.history(t.channel, 1)).map((h) => h.kind)).toEqual(
    expect.arrayContaining(['created', 'note', 'due', 'snooze', 'reassign', 'drop']),
  );
});

it('lists by filter, mentioning owners', async () => {
  await say('add <at>Priya Patel</at> to circulate the minutes by 3 July', [{ person: PRIYA }]);
  await t.connector.waitFor('send');
  t.connector.reset();
  await say('list <at>Priya Patel</at>', [{ person: PRIYA }]);
  const [mine] = await t.connector.waitFor('reply');
  const shown = shownText(valid(mine));
  expect(shown).toContain('circulate the minutes');
  expect(shown).not.toContain('look into the HT');
  t.connector.reset();
  await say('list all');
  const [all] = await t.connector.waitFor('reply');
  expect(shownText(valid(all))).toContain('look into the HT');
});

it('posts the overdue digest in the channel as a card', async () => {
  t.setNow('2026-07-08T09:00:00Z');
  await say('digest');
  const post = await eventually(async () =>
    t.connector.callsOf('send').find((c) => c.conversation === CHANNEL_ID),
  );
  const shown = shownText(valid(post));
  expect(shown).toContain('Overdue actions: 1');
  expect(shown).toContain('circulate the minutes');
  expect(shown).toContain('<at>Priya Patel</at>');
});

it('posts matters arising in the channel when a chair asks', async () => {
  await say('meeting Board meeting on 9 July 2026');
  t.connector.reset();
  t.setNow('2026-07-09T09:00:00Z');
  await say('matters-arising');
  const post = await eventually(async () =>
    t.connector.callsOf('send').find((c) => c.conversation === CHANNEL_ID),
  );
  const shown = shownText(valid(post));
  expect(shown).toContain('Community Outcomes Meeting');
  expect(shown).toContain('circulate the minutes');
});

it('answers matters-arising docx in the thread with the command line that makes the Word document', async () => {
  await say('matters-arising docx');
  const [answer] = await t.connector.waitFor('reply');
  const shown = shownText(valid(answer));
  expect(shown).toContain('The Word document of matters arising cannot be sent here yet');
  expect(shown).toContain(
    `arising matters-arising --channel teams:${t.channel.team}:${t.channel.channel} --format docx --out papers.docx`,
  );
  // Nothing is posted for the whole channel.
  expect(t.connector.callsOf('send')).toHaveLength(0);
});
