/**
 * Card buttons in Teams (Universal Actions): `invoke` activities of `adaptiveCard/action` POSTed to
 * /api/messages, answered with the pressed card in its new state, while the card everyone sees is
 * updated through the Bot Connector.
 */
import { cardProblems } from '../support/adaptive-card-check';
import { buttonData, type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import {
  BOT_MENTION,
  CHAIR,
  CHANNEL_ID,
  channelMessage,
  installInTeam,
  invokeAction,
  invokeBody,
  PRIYA,
  SAM,
  startTeamsService,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
let cardId: string;
let value: string;

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installInTeam(t));
  t.connector.reset();
  await t.post(
    channelMessage(t, '<at>Arising</at> add <at>Priya Patel</at> to send the KSI data by 31 July', [
      BOT_MENTION,
      { person: PRIYA },
    ]),
  );
  const [post] = await t.connector.waitFor('send');
  cardId = post?.id as string;
  value = buttonData(post as ConnectorCall, 'done').value ?? '';
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** Presses a button of the action card as `from`. */
async function press(verb: string, from = PRIYA, extra: Record<string, unknown> = {}) {
  const response = await t.post(invokeAction(t, verb, { value, ...extra }, { from, replyToId: cardId }));
  expect(response.status).toBe(200);
  return invokeBody(response);
}

describe('buttons on the action card', () => {
  it('carry the action: the data of Done names this channel and number', () => {
    expect(JSON.parse(value)).toEqual({ c: { platform: 'teams', team: TENANT, channel: CHANNEL_ID }, n: 1 });
  });

  it('refuse someone who may not change the action, saying why, and change nothing', async () => {
    const body = await press('done', SAM);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toMatch(/owner|raised|chair/i);
    expect((await t.store.get(t.channel, 1))?.state).toBe('open');
    expect(t.connector.callsOf('update')).toHaveLength(0);
  });

  it('Snooze moves the due date a week, answers with the refreshed card and updates it for everyone', async () => {
    const body = await press('snooze');
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    const shown = JSON.stringify(body.value);
    expect(shown).toContain('Snoozed #1: now due Fri 7 Aug.');
    expect(shown).toContain('Fri 7 Aug');
    const [update] = await t.connector.waitFor('update');
    expect(update?.activityId).toBe(cardId);
    expect(update?.conversation).toBe(CHANNEL_ID);
    expect(shownText(update as ConnectorCall)).toContain('Fri 7 Aug');
    expect((await t.store.get(t.channel, 1))?.due?.date).toBe('2026-08-07');
  });

  it('Change due date takes the date typed into its form', async () => {
    const body = await press('change-due', PRIYA, {
      input: 'input-change-due',
      'input-change-due': '14 August',
    });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Fri 14 Aug');
    expect((await t.store.get(t.channel, 1))?.due?.date).toBe('2026-08-14');
  });

  it('Change due date answers a date it cannot read with the reason, changing nothing', async () => {
    const body = await press('change-due', PRIYA, {
      input: 'input-change-due',
      'input-change-due': 'someday',
    });
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain('someday');
    expect((await t.store.get(t.channel, 1))?.due?.date).toBe('2026-08-14');
  });

  it('Reassign takes the owners typed into its form', async () => {
    const body = await press('reassign', CHAIR, { input: 'input-reassign', 'input-reassign': 'WYP' });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Reassigned #1 to ');
    expect(JSON.stringify(body.value)).toContain('WYP');
    expect((await t.store.get(t.channel, 1))?.owners).toEqual([{ kind: 'alias', name: 'WYP' }]);
  });

  it('Done closes it: the card loses its buttons, for whoever pressed and for everyone', async () => {
    const body = await press('done', CHAIR);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toContain('✅ Done');
    expect(JSON.stringify(body.value)).not.toContain('Action.Execute');
    const [update] = await t.connector.waitFor('update');
    expect(JSON.stringify(cardsOf(update as ConnectorCall))).not.toContain('Action.Execute');
    const stored = await t.store.get(t.channel, 1);
    expect(stored?.state).toBe('done');
    expect(stored?.closedBy).toBe(CHAIR.id);
  });
});

describe('what the card data cannot do', () => {
  it('reach an action of another tenant', async () => {
    const forged = JSON.stringify({
      c: { platform: 'teams', team: 'other-tenant', channel: CHANNEL_ID },
      n: 1,
    });
    const response = await t.post(
      invokeAction(t, 'drop', { value: forged }, { from: CHAIR, replyToId: cardId }),
    );
    const body = await invokeBody(response);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain('no action #1');
    expect(t.connector.calls).toHaveLength(0);
  });

  it('name a verb that is not one of the buttons', async () => {
    const response = await t.post(
      invokeAction(t, 'delete-all', { value }, { from: CHAIR, replyToId: cardId }),
    );
    const body = await invokeBody(response);
    expect(body.statusCode).toBe(400);
    expect(body.type).toBe('application/vnd.microsoft.error');
  });
});

describe('import buttons', () => {
  it('Import stores the actions once, posts their cards and replaces the preview for everyone', async () => {
    const minutes = [
      'Board meeting',
      'Date: 14 June 2026',
      '',
      'ACTION: Clerk to book the room by 10 July 2026',
    ];
    await t.post(channelMessage(t, `<at>Arising</at> import\n${minutes.join('\n')}`, [BOT_MENTION]));
    const [preview] = await t.connector.waitFor('reply');
    const data = buttonData(preview as ConnectorCall, 'import-confirm');
    const before = (await t.store.list(t.channel, 'all')).length;
    t.connector.reset();

    const response = await t.post(
      invokeAction(t, 'import-confirm', data, { from: CHAIR, replyToId: preview?.id as string }),
    );
    const body = await invokeBody(response);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toMatch(/Imported 1 action/);
    const all = await t.store.list(t.channel, 'all');
    expect(all).toHaveLength(before + 1);
    expect(all.some((a) => a.text.includes('book the room'))).toBe(true);
    const [card] = await t.connector.waitFor('send');
    expect(shownText(card as ConnectorCall)).toContain('book the room');
    const [replaced] = await t.connector.waitFor('update');
    expect(replaced?.activityId).toBe(preview?.id);

    // Pressing Import again imports nothing more.
    await t.post(invokeAction(t, 'import-confirm', data, { from: CHAIR, replyToId: preview?.id as string }));
    expect(await t.store.list(t.channel, 'all')).toHaveLength(before + 1);
  });
});
