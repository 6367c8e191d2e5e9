/**
 * The App Home tab, "My actions", through the real Bolt receiver over HTTP against the fake Slack API:
 * opening it publishes the person's open actions across the workspace's channels (overdue first, then by
 * due date, then those they raised); Done and Snooze on it change the action as on its card, with the
 * card's permission check; the Homes of those concerned are published again on every change; more
 * actions than a view can hold are paged.
 */
import type { Action, ChannelRef, NewAction } from '../../src/core/domain';
import { draft, due, entry } from '../support/action-fixtures';
import type { Body, Call } from '../support/fake-slack-api';
import { FIRST, LATER } from '../support/parks-minutes';
import { appHomeOpened, homePress } from '../support/slack-home';
import { shown, slackImportForm } from '../support/slack-import-form';
import { slashCommand, type Where } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

let t: TestService;
const PRIYA = 'U0PRIYA';
const SAM = 'U0SAM';
const CHAIR = 'U0CHAIR';

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

let channels = 0;
/** A channel of the test's workspace that no other test uses. */
function channel(team = t.where.team): ChannelRef {
  channels += 1;
  return { platform: 'slack', team, channel: `C0HOME${channels}` };
}

const as = (user: string): Where => ({ ...t.where, user });

async function add(over: Partial<NewAction> & { channel: ChannelRef }): Promise<Action> {
  return t.store.create(draft(over.channel, { raisedBy: CHAIR, ...over }), entry('created'));
}

type Element = { type?: string; action_id?: string; value?: string };
type ShownBlock = { type: string; text?: { text?: string }; elements?: Element[] };

function blocksOf(call: Call | undefined): ShownBlock[] {
  const view = call?.body.view as Body | undefined;
  return (view?.blocks ?? []) as ShownBlock[];
}

/** The section texts of a published Home, in order. */
function sections(call: Call | undefined): string[] {
  return blocksOf(call).flatMap((b) => (b.type === 'section' && b.text?.text ? [b.text.text] : []));
}

function buttons(call: Call | undefined): Element[] {
  return blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

/** The latest Home published for that person, once one is (and once `until` holds for it). */
async function homeOf(user: string, until: (call: Call) => boolean = () => true): Promise<Call> {
  return eventually(async () =>
    t.slack
      .callsTo('views.publish')
      .filter((c) => c.body.user_id === user)
      .reverse()
      .find(until),
  );
}

const mentions = (text: string) => (call: Call) => JSON.stringify(call.body).includes(text);

describe('opening the Home tab', () => {
  it('publishes the open actions the person owns in every channel, overdue first, then those they raised', async () => {
    const [a, b] = [channel(), channel()];
    await add({
      channel: a,
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'send the July figures',
      due: due('2026-07-31T16:00:00.000Z'),
    });
    await add({
      channel: b,
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'book the room',
      due: due('2026-06-20T16:00:00.000Z'),
    });
    await add({
      channel: b,
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'chase the auditors',
      due: due('2026-07-03T16:00:00.000Z'),
    });
    await add({ channel: a, owners: [{ kind: 'user', id: SAM }], text: 'sams own task' });
    await add({
      channel: a,
      owners: [{ kind: 'user', id: SAM }],
      raisedBy: PRIYA,
      text: 'what priya asked sam for',
    });
    await add({
      channel: channel('T0ELSEWHERE'),
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'another workspace task',
    });
    const done = await add({ channel: a, owners: [{ kind: 'user', id: PRIYA }], text: 'already finished' });
    await t.store.update({ ...done, state: 'done', closedBy: PRIYA }, entry('done'));

    const response = await t.send(appHomeOpened(as(PRIYA)));
    expect(response.status).toBe(200);

    const home = await homeOf(PRIYA);
    expect((home.body.view as Body).type).toBe('home');
    const shown = sections(home).join('\n');
    const order = [
      'book the room',
      'chase the auditors',
      'send the July figures',
      'what priya asked sam for',
    ];
    const at = order.map((task) => shown.indexOf(task));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(shown).toContain('overdue by');
    const headers = blocksOf(home).flatMap((b) => (b.type === 'header' ? [b.text?.text] : []));
    expect(headers).toEqual(['My actions', 'Actions you raised']);
    expect(shown).toContain('what priya asked sam for · Fri 31 Jul · owned by <@U0SAM>');
    // Numbers are per channel: each action says its channel, as a live mention.
    expect(shown).toContain(`in <#${b.channel}> · book the room`);
    expect(shown).toContain(`in <#${b.channel}> · chase the auditors`);
    expect(shown).toContain(`in <#${a.channel}> · send the July figures`);
    expect(shown).toContain(`in <#${a.channel}> · what priya asked sam for`);
    for (const absent of ['sams own task', 'another workspace task', 'already finished']) {
      expect(shown).not.toContain(absent);
    }
    // Each action has the card's own Done and Snooze.
    const ids = buttons(home).map((e) => e.action_id);
    expect(ids.filter((id) => id === 'done')).toHaveLength(4);
    expect(ids.filter((id) => id === 'snooze')).toHaveLength(4);
  });

  it('shows an empty state with a hint to someone with no actions, and ignores the Messages tab', async () => {
    await t.send(appHomeOpened(as('U0NEWCOMER'), 'messages'));
    await t.send(appHomeOpened(as('U0NEWCOMER')));
    const home = await homeOf('U0NEWCOMER');
    expect(sections(home).join('\n')).toContain('You have no open actions. Add one in any channel with');
    expect(t.slack.callsTo('views.publish')).toHaveLength(1);
  });
});

describe('pressing on the Home tab', () => {
  it('closes the action on Done, as on its card, and publishes the Home again for the presser and the raiser', async () => {
    const c = channel();
    const action = await add({
      channel: c,
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'ring the treasurer',
    });
    await t.send(appHomeOpened(as(PRIYA)));
    const home = await homeOf(PRIYA, mentions('ring the treasurer'));
    const index = sections(home).findIndex((s) => s.includes('ring the treasurer'));
    const doneButton = buttons(home).filter((e) => e.action_id === 'done')[index];
    expect(doneButton?.value).toBeDefined();
    t.slack.reset();

    const response = await t.send(homePress(as(PRIYA), 'done', doneButton?.value ?? ''));
    expect(response.status).toBe(200);

    await eventually(async () => (await t.store.get(c, action.number))?.state === 'done');
    expect(await t.store.get(c, action.number)).toMatchObject({ state: 'done', closedBy: PRIYA });
    const again = await homeOf(PRIYA);
    expect(JSON.stringify(again.body)).not.toContain('ring the treasurer');
    await homeOf(CHAIR);
  });

  it('refuses Done to someone who may not close the action, on top of their Home, and leaves it open', async () => {
    const c = channel();
    const action = await add({ channel: c, owners: [{ kind: 'user', id: SAM }], text: 'sign the minutes' });
    // A value as the card carries it, pressed by someone who neither owns nor raised it nor chairs.
    const value = JSON.stringify({ c, n: action.number });
    await t.send(homePress(as(PRIYA), 'done', value));
    const home = await homeOf(PRIYA, mentions("can't close"));
    expect(sections(home)[0]).toContain(`You can't close #${action.number}`);
    expect(await t.store.get(c, action.number)).toMatchObject({ state: 'open' });
  });

  it("never reaches another workspace's action, whatever channel the button's value names", async () => {
    const elsewhere = channel('T0ELSEWHERE');
    const action = await add({
      channel: elsewhere,
      owners: [{ kind: 'user', id: PRIYA }],
      text: 'their task',
    });
    await t.send(homePress(as(PRIYA), 'done', JSON.stringify({ c: elsewhere, n: action.number })));
    const home = await homeOf(PRIYA, mentions(`There is no action #${action.number}`));
    expect(sections(home)[0]).toContain(`There is no action #${action.number}`);
    expect(await t.store.get(elsewhere, action.number)).toMatchObject({ state: 'open' });
  });

  it('snoozes a week on Snooze and says the new date on top of the Home', async () => {
    const c = channel();
    const action = await add({
      channel: c,
      owners: [{ kind: 'user', id: SAM }],
      text: 'draft the budget',
      due: due('2026-07-02T16:00:00.000Z'),
    });
    await t.send(homePress(as(SAM), 'snooze', JSON.stringify({ c, n: action.number })));
    await eventually(async () => (await t.store.get(c, action.number))?.due?.date === '2026-07-09');
    const home = await homeOf(SAM, mentions('draft the budget'));
    expect(JSON.stringify(home.body)).toContain('Thu 9 Jul');
  });
});

describe('changes made elsewhere', () => {
  it('publishes the new owner’s Home when an action is added for them with /action add', async () => {
    await t.send(
      slashCommand(as(CHAIR), `add <@${SAM}|sam> to print the agendas by 31 July`, t.slack.responseUrl()),
    );
    const home = await homeOf(SAM, mentions('print the agendas'));
    expect(sections(home).join('\n')).toContain('print the agendas');
  });

  it('publishes the Homes of the old and the new owner on reassign', async () => {
    await t.send(
      slashCommand(as(CHAIR), `add <@${SAM}|sam> to order the lanyards by 31 July`, t.slack.responseUrl()),
    );
    await homeOf(SAM, mentions('order the lanyards'));
    const [action] = (await t.store.list(t.channel, 'open')).filter((a) => a.text === 'order the lanyards');
    t.slack.reset();
    await t.send(
      slashCommand(as(CHAIR), `reassign ${action?.number} <@${PRIYA}|priya>`, t.slack.responseUrl()),
    );
    await homeOf(PRIYA, mentions('order the lanyards'));
    const samsHome = await homeOf(SAM);
    expect(JSON.stringify(samsHome.body)).not.toContain('order the lanyards');
  });
});

describe('imports', () => {
  const { pasteAndImport } = slackImportForm(() => t);
  /** A channel where the minutes' "Clerk" is the Slack user `clerk` (`owner Clerk = @…`), and its id. */
  async function channelWithClerk(clerk: string): Promise<string> {
    const { channel: id } = channel();
    await t.send(
      slashCommand({ ...as(CHAIR), channel: id }, `owner Clerk = <@${clerk}|clerk>`, t.slack.responseUrl()),
    );
    await t.slack.waitForCalls('response_url');
    t.slack.reset();
    return id;
  }
  /** Minutes of `n` actions, each for the Clerk. */
  const minutes = (n: number, task: string) =>
    `Minutes of the Finance Committee held on Tuesday 23 June 2026\n\n${Array.from(
      { length: n },
      (_, i) => `${i + 1}. Item ${i + 1}\nAction: Clerk to ${task} ${i + 1}.`,
    ).join('\n\n')}\n`;

  it('publishes the owner’s Home with the actions an import adds, with a card each', async () => {
    const id = await channelWithClerk(SAM);
    const answer = await pasteAndImport(id, minutes(2, 'file the receipts for line'));
    expect(shown(answer)).toContain('Imported 2 actions');
    const home = await homeOf(SAM, mentions('file the receipts for line 2'));
    expect(sections(home).join('\n')).toContain(`in <#${id}> · file the receipts for line 1`);
  });

  it('publishes the owner’s Home with the actions of an import too large for a card each', async () => {
    const id = await channelWithClerk(PRIYA);
    const answer = await pasteAndImport(id, minutes(21, 'check the ledger for line'));
    expect(shown(answer)).toContain('Imported 21 actions');
    // The Home holds 20 a page: any of them, in that channel, shows the import reached it.
    const home = await homeOf(PRIYA, mentions(`<#${id}>`));
    expect(sections(home).join('\n')).toContain(`in <#${id}> · check the ledger for line`);
  });

  it('publishes the owner’s Home without the action a later import closes', async () => {
    const id = await channelWithClerk(SAM);
    expect(shown(await pasteAndImport(id, FIRST))).toContain('Imported 2 actions');
    await homeOf(SAM, mentions('obtain three quotes'));
    t.slack.reset();
    expect(shown(await pasteAndImport(id, LATER))).toContain('Closed #1 (reported done)');
    const home = await homeOf(SAM);
    expect(JSON.stringify(home.body)).not.toContain('obtain three quotes');
  });
});

describe('more actions than one view holds', () => {
  it('pages 120 actions with Next and Previous, every one on some page, each page within 100 blocks', async () => {
    const OWNER = 'U0BUSY';
    const [a, b, c] = [channel(), channel(), channel()];
    const drafts = [a, b, c].flatMap((ch) =>
      Array.from({ length: 40 }, (_, i) =>
        draft(ch, {
          owners: [{ kind: 'user', id: OWNER }],
          text: `task ${ch.channel} ${i}`,
          raisedBy: CHAIR,
        }),
      ),
    );
    await t.store.createMany(drafts, () => entry('imported'));
    await t.send(appHomeOpened(as(OWNER)));
    const seen = new Set<string>();
    let home = await homeOf(OWNER);
    for (let page = 0; ; page++) {
      expect(blocksOf(home).length).toBeLessThanOrEqual(100);
      for (const s of sections(home)) {
        const task = /task C0HOME\d+ \d+/.exec(s)?.[0];
        if (task) seen.add(task);
      }
      const ids = buttons(home).map((e) => e.action_id);
      if (page > 0) expect(ids).toContain('arising-home-previous');
      const next = buttons(home).find((e) => e.action_id === 'arising-home-next');
      if (!next) break;
      expect(next.value).toBe(String(page + 1));
      t.slack.reset();
      await t.send(homePress(as(OWNER), 'arising-home-next', next.value ?? ''));
      home = await homeOf(OWNER);
    }
    expect(seen.size).toBe(120);
  });
});
