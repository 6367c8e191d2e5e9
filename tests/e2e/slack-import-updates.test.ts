/**
 * Imports that update, in Slack, end to end: the real server, Redis and the fake Slack API. A channel
 * holds actions from earlier minutes (pasted into the import form); later minutes come as an uploaded
 * file. The preview says per line what Import will do (new, updates #N: closes it, already recorded as
 * #N) and names the owner written as initials the attendance list defines; pressing Import closes the
 * earlier action with a history note, updates its card in place and adds only the new one; importing the
 * same minutes again adds nothing. The tests run in order, each on what the one before stored.
 */

import { FIRST, LATER } from '../support/parks-minutes';
import { buttonValue, shown, slackImportForm } from '../support/slack-import-form';
import { startTestService, type TestService } from '../support/start-server';

let t: TestService;
const { submitFile, pressImport, pasteAndImport } = slackImportForm(() => t);

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
  expect(shown(await pasteAndImport(t.where.channel, FIRST))).toContain('Imported 2 actions (#1–#2)');
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Uploads `text` as minutes.txt in the import form; the preview it answers with, as shown. */
async function previewFile(id: string, text: string): Promise<{ text: string; value: string }> {
  await submitFile(t.where, { id, name: 'minutes.txt', content: text });
  const [preview] = await t.slack.waitForCalls('response_url');
  t.slack.reset();
  return { text: shown(preview?.body), value: buttonValue(preview?.body, 'import-confirm') };
}

/** Presses Import on the preview; the answer, as shown. */
async function confirm(value: string): Promise<string> {
  await t.send(pressImport(t.where, value));
  const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
  return shown(answer?.body);
}

it('previews new, update and already-recorded lines with the named owner, then imports only what is new', async () => {
  t.setNow('2026-07-22T09:00:00Z');
  const preview = await previewFile('F0LATER', LATER);
  expect(preview.text).toContain('1 new, 1 update to earlier actions, 1 already recorded.');
  // Each line as Slack shows it: what Import will do in bold, then the action.
  expect(preview.text).toContain(
    '*Updates #1: closes it:* [1] Clerk — obtain three quotes for new swings · reported done',
  );
  expect(preview.text).toContain('*Already recorded as #2:* [2] Treasurer — publish the grant accounts');
  expect(preview.text).toContain('*New:* [2] FE (Fred Eglington) — repaint the bandstand railings');
  expect(preview.text).toContain(
    'FE (Fred Eglington) is no one in this channel yet: `owner FE = @person` maps it.',
  );

  const answer = await confirm(preview.value);
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
    by: t.where.user,
    text: 'Closed by import of Parks Committee, Tue 21 Jul 2026',
  });
  // The closed action's card is brought up to date in place, and only the new one gets a card.
  const [updated] = await t.slack.waitForCalls('chat.update');
  expect(JSON.stringify(updated?.body)).toContain('obtain three quotes for new swings');
  expect(JSON.stringify(updated?.body)).toContain('Closed by import of Parks Committee, Tue 21 Jul 2026');
  const posted = t.slack.callsTo('chat.postMessage').map((c) => JSON.stringify(c.body));
  expect(posted.join('\n')).toContain('repaint the bandstand railings');
  expect(posted.join('\n')).not.toContain('publish the grant accounts');
});

it('adds nothing when the same minutes are imported again', async () => {
  const preview = await previewFile('F0AGAIN', LATER);
  expect(preview.text).toContain('0 new, 3 already recorded.');
  expect(preview.text).toContain('*Already recorded as #1 (closed):* [1] Clerk — obtain three quotes');
  expect(preview.text).toContain('*Already recorded as #3:* [2] FE (Fred Eglington) — repaint');
  const before = await t.store.list(t.channel, 'all');
  const answer = await confirm(preview.value);
  expect(answer).toContain('Nothing new to import');
  expect(answer).toContain('3 already recorded (#1, #2, #3).');
  expect(await t.store.list(t.channel, 'all')).toEqual(before);
  expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
});
