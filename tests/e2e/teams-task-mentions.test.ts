/**
 * A person mentioned inside a Teams task, over real HTTP through the real botbuilder adapter: the card
 * shows them by name (a real Teams mention), never by their id, and typed markup stays text.
 */
import { cardProblems } from '../support/adaptive-card-check';
import { type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import {
  BOT_MENTION,
  CHAIR,
  channelMessage,
  installInTeam,
  PRIYA,
  SAM,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  expect((await t.post(installInTeam(t))).status).toBe(200);
});

afterAll(async () => {
  await t?.stop();
});

it('shows a second person mentioned in the task by name on the card', async () => {
  const text = '<at>Arising</at> add <at>Priya Patel</at> to ask <at>Sam Smith</at> for the figures';
  const response = await t.post(
    channelMessage(t, text, [BOT_MENTION, { person: PRIYA }, { person: SAM }], { from: CHAIR }),
  );
  expect(response.status).toBe(200);
  const [post] = await t.connector.waitFor('send');
  const call = post as ConnectorCall;
  const cards = cardsOf(call);
  for (const card of cards) expect(cardProblems(card)).toEqual([]);
  const shown = shownText(call);
  expect(shown).toContain('ask <at>Sam Smith</at> for the figures');
  expect(shown).not.toContain(SAM.id);
  expect(JSON.stringify(cards)).not.toContain('&lt;@');
  const card = cards[0] as { msteams: { entities: { mentioned: { id: string; name: string } }[] } };
  expect(card.msteams.entities.map((e) => e.mentioned)).toContainEqual({ id: SAM.id, name: SAM.name });
  // Stored as the mention it was, so every platform view can show it.
  const [stored] = await t.store.list(t.channel, 'all');
  expect(stored?.text).toBe(`ask <@${SAM.id}> for the figures`);
});

it('shows a person mentioned in a progress note by name on the updated card, never by id', async () => {
  const [action] = await t.store.list(t.channel, 'all');
  const number = action?.number ?? 0;
  t.connector.reset();
  const text = `<at>Arising</at> note ${number} waiting on <at>Sam Smith</at> for the July figures`;
  await t.post(channelMessage(t, text, [BOT_MENTION, { person: SAM }], { from: CHAIR }));
  const [update] = await t.connector.waitFor('update');
  const call = update as ConnectorCall;
  for (const card of cardsOf(call)) expect(cardProblems(card)).toEqual([]);
  const shown = shownText(call);
  expect(shown).toContain('waiting on <at>Sam Smith</at> for the July figures');
  expect(shown).not.toContain(SAM.id);
  expect(JSON.stringify(cardsOf(call))).not.toContain('&lt;@');
});
