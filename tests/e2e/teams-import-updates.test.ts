/**
 * Imports that update, in Teams, end to end: the real botbuilder adapter with TEAMS_EMULATOR=on against
 * the fake Bot Connector, the real service and Redis. A channel holds actions from earlier minutes
 * (pasted after `import`); later minutes come as an attached file. The preview card says per line what
 * Import will do (new, updates #N: closes it, already recorded as #N) and names the owner written as
 * initials the attendance list defines; pressing Import closes the earlier action with a history note,
 * updates its card in place and adds only the new one; importing the same minutes again adds nothing.
 */
import { cardProblems } from '../support/adaptive-card-check';
import { buttonData, type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import { FIRST, LATER } from '../support/parks-minutes';
import { eventually } from '../support/start-server';
import {
  BOT_MENTION,
  CHAIR,
  channelMessage,
  installInTeam,
  invokeAction,
  invokeBody,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
/** The id of the card the channel got for #1 when the first minutes were imported. */
let firstCardId: string;

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installInTeam(t));
  t.connector.reset();
  await t.post(channelMessage(t, `<at>Arising</at> import\n${FIRST}`, [BOT_MENTION]));
  const [preview] = await t.connector.waitFor('reply');
  t.connector.reset();
  await pressImport(preview as ConnectorCall);
  const cards = await t.connector.waitFor('send', 2);
  const first = cards.find((c) => shownText(c).includes('obtain three quotes'));
  firstCardId = first?.id as string;
  expect((await t.store.list(t.channel, 'all')).map((a) => a.number)).toEqual([1, 2]);
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** `import` in the channel with the minutes attached as a .txt file; the preview card it answers with. */
async function importFile(text: string): Promise<ConnectorCall> {
  const url = t.connector.serveFile('minutes.txt', Buffer.from(text, 'utf8'));
  await t.post(
    channelMessage(t, '<at>Arising</at> import', [BOT_MENTION], {
      attachments: [{ contentType: 'text/plain', contentUrl: url, name: 'minutes.txt' }],
    }),
  );
  const [preview] = await t.connector.waitFor('reply');
  return preview as ConnectorCall;
}

/** Chair presses Import on the preview; the card the press is answered with, as text. */
async function pressImport(preview: ConnectorCall): Promise<string> {
  const data = buttonData(preview, 'import-confirm');
  const response = await t.post(
    invokeAction(t, 'import-confirm', data, { from: CHAIR, replyToId: preview.id as string }),
  );
  const body = await invokeBody(response);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(body.value)).toEqual([]);
  return JSON.stringify(body.value);
}

it('previews new, update and already-recorded lines with the named owner, then imports only what is new', async () => {
  t.setNow('2026-07-22T09:00:00Z');
  const preview = await importFile(LATER);
  for (const card of cardsOf(preview)) expect(cardProblems(card)).toEqual([]);
  const shown = shownText(preview);
  expect(shown).toContain('1 new, 1 update to earlier actions, 1 already recorded.');
  // Each line as the card shows it: what Import will do in bold, then the action (` | ` between runs).
  expect(shown).toContain(
    'Updates #1: closes it:  | [1] Clerk — obtain three quotes for new swings · reported done',
  );
  expect(shown).toContain('Already recorded as #2:  | [2] Treasurer — publish the grant accounts');
  expect(shown).toContain('New:  | [2] FE (Fred Eglington) — repaint the bandstand railings');
  // The command is a code run of its own on the card, so it can be copied as it is.
  expect(shown).toContain(
    'FE (Fred Eglington) is no one in this channel yet:  | owner FE = @person |  maps it.',
  );

  const answer = await pressImport(preview);
  expect(answer).toContain('Imported 1 action (#3)');
  expect(answer).toContain('Closed #1 (reported done). 1 already recorded (#2).');
  const all = await t.store.list(t.channel, 'all');
  expect(all.map((a) => [a.number, a.state])).toEqual([
    [1, 'done'],
    [2, 'open'],
    [3, 'open'],
  ]);
  expect(all[2]?.owners).toEqual([{ kind: 'alias', name: 'FE' }]);
  const history = await t.store.history(t.channel, 1);
  expect(history.at(-1)).toMatchObject({
    kind: 'done',
    by: CHAIR.id,
    text: 'Closed by import of Parks Committee, Tue 21 Jul 2026',
  });
  // The closed action's card is brought up to date in place, and only the new one gets a card.
  const card = await eventually(async () =>
    t.connector.callsOf('update').find((u) => u.activityId === firstCardId),
  );
  expect(shownText(card)).toContain('✅ Done');
  expect(shownText(card)).toContain('Closed by import of Parks Committee, Tue 21 Jul 2026');
  const sent = await t.connector.waitFor('send');
  expect(sent.map(shownText).join('\n')).toContain('repaint the bandstand railings');
  expect(sent.map(shownText).join('\n')).not.toContain('publish the grant accounts');
});

it('adds nothing when the same minutes are imported again', async () => {
  const preview = await importFile(LATER);
  const shown = shownText(preview);
  expect(shown).toContain('0 new, 3 already recorded.');
  expect(shown).toContain('Already recorded as #1 (closed):  | [1] Clerk — obtain three quotes');
  expect(shown).toContain('Already recorded as #3:  | [2] FE (Fred Eglington) — repaint');
  const before = await t.store.list(t.channel, 'all');
  const answer = await pressImport(preview);
  expect(answer).toContain('Nothing new to import');
  expect(answer).toContain('3 already recorded (#1, #2, #3).');
  expect(await t.store.list(t.channel, 'all')).toEqual(before);
  expect(t.connector.callsOf('send')).toHaveLength(0);
});
