/**
 * Imports that update, in the console, end to end through its HTTP routes (what the page calls): the real
 * service with the console on, Redis, and the console's own store of messages. The channel holds actions
 * from earlier minutes; later minutes pasted into the import form give a preview, visible to the importer
 * only, that says per line what Import will do (new, updates #N: closes it, already recorded as #N) and
 * names the owner written as initials the attendance list defines. Pressing Import closes the earlier
 * action (its card in the channel shows it closed, with the history note) and adds only the new one;
 * importing the same minutes again adds nothing. The tests run in order, each on what the one before did.
 */

import { FIRST, LATER } from '../support/parks-minutes';
import { type ConsoleService, startConsoleService } from '../support/start-console';

const CHANNEL = { platform: 'console' as const, team: 'demo', channel: 'committee' };

interface Shown {
  id: string;
  html: string;
  ephemeral: boolean;
}

let t: ConsoleService;

beforeAll(async () => {
  t = await startConsoleService();
  const preview = await pasteMinutes(FIRST);
  expect(text(await pressImport(preview))).toContain('Imported 2 actions (#1–#2)');
});

afterAll(async () => {
  await t.stop();
});

async function post(route: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${t.baseUrl}/console/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** The channel pane as Chris, the chair, sees it. */
async function channelPane(): Promise<Shown[]> {
  const response = await fetch(`${t.baseUrl}/console/api/panes?as=chris`);
  return ((await response.json()) as { channel: Shown[] }).channel;
}

/** What a reader sees of a message: its HTML without tags, entities decoded, spaces collapsed. */
function text(message: Shown): string {
  return message.html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Chris pastes `minutes` into the import form; the preview the channel pane then shows him alone. */
async function pasteMinutes(minutes: string): Promise<Shown> {
  const before = new Set((await channelPane()).map((m) => m.id));
  await post('import', { as: 'chris', text: minutes });
  const preview = (await channelPane()).find((m) => !before.has(m.id) && m.html.includes('import-confirm'));
  if (!preview) throw new Error('No import preview in the channel pane');
  expect(preview.ephemeral).toBe(true);
  return preview;
}

/** Chris presses Import on the preview; the message that takes its place. */
async function pressImport(preview: Shown): Promise<Shown> {
  const value = /data-button="import-confirm" data-value="([^"]*)"/.exec(preview.html)?.[1] ?? '';
  const decoded = value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  await post('button', {
    as: 'chris',
    pane: 'channel',
    id: 'import-confirm',
    value: decoded,
    messageId: preview.id,
  });
  const answer = (await channelPane()).find((m) => m.id === preview.id);
  if (!answer) throw new Error('The preview is gone from the channel pane');
  return answer;
}

it('previews new, update and already-recorded lines with the named owner, then imports only what is new', async () => {
  const shown = await pasteMinutes(LATER);
  const preview = text(shown);
  expect(preview).toContain('1 new, 1 update to earlier actions, 1 already recorded.');
  expect(preview).toContain(
    'Updates #1: closes it: [1] Clerk — obtain three quotes for new swings · reported done',
  );
  expect(preview).toContain('Already recorded as #2: [2] Treasurer — publish the grant accounts');
  expect(preview).toContain('New: [2] FE (Fred Eglington) — repaint the bandstand railings');
  expect(preview).toContain('FE (Fred Eglington) is no one in this channel yet: owner FE = @person maps it.');

  const answer = text(await pressImport(shown));
  expect(answer).toContain('Imported 1 action (#3)');
  expect(answer).toContain('Closed #1 (reported done). 1 already recorded (#2).');
  const all = await t.store.list(CHANNEL, 'all');
  expect(all.map((a) => [a.number, a.state])).toEqual([
    [1, 'done'],
    [2, 'open'],
    [3, 'open'],
  ]);
  const history = await t.store.history(CHANNEL, 1);
  expect(history.at(-1)).toMatchObject({
    kind: 'done',
    by: 'chris',
    text: 'Closed by import of Parks Committee, Tue 21 Jul 2026',
  });
  // #1's card in the channel shows it closed; only the new action got a card of its own.
  const cards = (await channelPane()).filter((m) => !m.ephemeral && m.html.includes('Raised by'));
  const first = cards.find((m) => text(m).includes('obtain three quotes for new swings'));
  expect(first && text(first)).toContain('Closed by import of Parks Committee, Tue 21 Jul 2026');
  expect(cards.filter((m) => text(m).includes('repaint the bandstand railings'))).toHaveLength(1);
  expect(cards.filter((m) => text(m).includes('publish the grant accounts'))).toHaveLength(1);
});

it('adds nothing when the same minutes are imported again', async () => {
  const preview = await pasteMinutes(LATER);
  expect(text(preview)).toContain('0 new, 3 already recorded.');
  expect(text(preview)).toContain('Already recorded as #1 (closed): [1] Clerk — obtain three quotes');
  const before = await t.store.list(CHANNEL, 'all');
  const answer = text(await pressImport(preview));
  expect(answer).toContain('Nothing new to import');
  expect(answer).toContain('3 already recorded (#1, #2, #3).');
  expect(await t.store.list(CHANNEL, 'all')).toEqual(before);
});
