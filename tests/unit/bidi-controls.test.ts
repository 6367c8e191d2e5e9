/**
 * Bidirectional controls (U+202E and friends) cannot hide what a task says: they are dropped from every
 * path user text enters the core by (commands, thread replies, a button's form, imported minutes, alias
 * names, meeting titles), and from every text a view and Slack's and Teams' renderings of it show, so an
 * action stored with them before still shows without them in its card, the list and matters arising.
 */
import type { Reply } from '../../src/core/chat-service';
import type { View } from '../../src/core/view';
import { renderView } from '../../src/slack/block-kit';
import { renderCards, summaryOf } from '../../src/teams/adaptive-cards';
import { type CoreHarness, coreHarness, must, viewText } from '../support/core-harness';

/** Every bidirectional control, in one string. */
const BIDI = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
const ANY_BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** A task that shows as "pay the fee to Eve" where it says "pay the fee to evE" reversed. */
const RLO = '\u202E';

let h: CoreHarness;
beforeEach(() => {
  h = coreHarness(new Date('2026-11-18T10:00:00Z'));
});

/** What a view shows, with JSON's escapes undone so a control character appears as itself. */
function shown(view: View): string {
  return JSON.parse(JSON.stringify(`${view.text}\n${viewText(view)}`)) as string;
}

/** The value of the button `id` in a view (or of a menu item `id`). */
function buttonValue(view: View, id: string): string {
  for (const block of view.blocks) {
    if (block.kind !== 'buttons') continue;
    const found = [...block.buttons, ...(block.menu ?? [])].find((b) => b.id === id);
    if (found) return found.value;
  }
  throw new Error(`No ${id} button in ${viewText(view)}`);
}

it('drops them from a command’s task, note, alias name and meeting title, and from the card', async () => {
  const chair = h.as('U_CHAIR');
  await h.service.command(chair, `add <@U1|priya> to pay the ${RLO}eviE${BIDI} fee by 31 July`);
  const action = must(await h.store.get(h.channel, 1), 'the action');
  expect(action.text).toBe('pay the eviE fee');
  const card = must(h.messenger.posts[0], 'the card').view;
  expect(shown(card)).toContain('pay the eviE fee');
  expect(shown(card)).not.toMatch(ANY_BIDI);

  await h.service.command(chair, `note 1 paid ${BIDI}half`);
  expect((await h.store.get(h.channel, 1))?.notes.map((n) => n.text)).toEqual(['paid half']);

  await h.service.command(chair, `owner W${RLO}YP = <@U1>`);
  expect(Object.keys(await h.store.getAliases(h.channel))).toEqual(['WYP']);

  await h.service.command(chair, `meeting Summer ${RLO}Board on 12 June 2026`);
  expect(JSON.stringify(await h.store.getMeetings(h.channel))).toContain('Summer Board');
});

it('drops them from a thread reply and from what is typed in a button’s form', async () => {
  await h.service.command(h.as('U_CHAIR'), 'add <@U1|priya> to book the hall');
  const card = must(h.messenger.posts[0], 'the card').view;
  const message = must((await h.store.get(h.channel, 1))?.message, 'the card’s message');

  await h.service.threadReply(h.as('U1'), message, `asked ${RLO}the caretaker`);
  expect((await h.store.get(h.channel, 1))?.notes.map((n) => n.text)).toEqual(['asked the caretaker']);

  await h.service.button(h.as('U1'), 'drop', buttonValue(card, 'drop'), `no longer ${BIDI}needed`);
  const dropped = must(await h.store.get(h.channel, 1), 'the dropped action');
  expect(dropped.state).toBe('dropped');
  expect(JSON.stringify(dropped)).not.toMatch(ANY_BIDI);
  expect(JSON.stringify(dropped)).toContain('no longer needed');
});

it('drops them from imported minutes, typed or written as HTML entities', async () => {
  const minutes = [
    `Community ${RLO}Outcomes Meeting – 14 June 2026`,
    '',
    `Action: Clerk to pay the &#x202E;eviE&#8294; fee${BIDI} by 30 June 2026`,
  ].join('\n');
  const preview = await h.service.importText(h.as('U_CHAIR'), minutes);
  if (preview.kind !== 'ephemeral') throw new Error(`No preview: ${JSON.stringify(preview)}`);
  expect(shown(preview.view)).not.toMatch(ANY_BIDI);
  await h.service.button(h.as('U_CHAIR'), 'import-confirm', buttonValue(preview.view, 'import-confirm'));
  const [action] = await h.store.list(h.channel, 'all');
  expect(action?.text).toMatch(/^pay the eviE fee\b/);
  expect(action?.text).not.toMatch(ANY_BIDI);
  expect(JSON.stringify(await h.store.getMeetings(h.channel))).not.toMatch(ANY_BIDI);
});

it('shows an action stored with them before without them: in its card, the list and matters arising', async () => {
  const chair = h.as('U_CHAIR');
  await h.service.command(chair, 'settings chairs <@U_CHAIR>');
  await h.service.command(chair, 'meeting Summer Board on 12 June 2026');
  await h.service.command(chair, 'add <@U1|priya> to renew the insurance');
  const action = must(await h.store.get(h.channel, 1), 'the action');
  const [entry] = await h.store.history(h.channel, 1);
  await h.store.update({ ...action, text: `renew the ${RLO}ecnarusni` }, must(entry, 'a history entry'));

  await h.service.command(chair, 'note 1 quote requested');
  const card = must(h.messenger.updates.at(-1), 'the updated card').view;
  const list = await h.service.command(chair, 'list');
  const matters = await h.service.command(chair, 'matters-arising');
  for (const view of [card, viewOf(list), viewOf(matters)]) {
    const onScreen = [
      viewText(view),
      JSON.stringify(renderView(view)),
      JSON.stringify(renderCards(view, () => 'Priya')),
    ];
    for (const text of onScreen) expect(text).toContain('renew the ecnarusni');
    // Teams' one-line summary (a notification's text) may be a count instead, but never reordered text.
    for (const text of [...onScreen, summaryOf(view)]) expect(text).not.toMatch(ANY_BIDI);
  }
});

function viewOf(reply: Reply): View {
  if (reply.kind !== 'ephemeral' && reply.kind !== 'channel') throw new Error('Nothing shown');
  return reply.view;
}
