/**
 * Minutes pasted into Slack's import form name their owners as Slack mentions, in every place minutes
 * put an owner: after an `Action:` marker, labelled (`<@U2|priya>`), with an alias in a table cell, as a
 * handle before a colon, and in prose. End to end: the real server and Redis, the fake Slack API. Each
 * owner is stored as that Slack user (no alias needed, so the preview asks for none), the task keeps no
 * trace of the owner, and the cards mention the owner live.
 */

import { buttonValue, shown, slackImportForm } from '../support/slack-import-form';
import { startTestService, type TestService } from '../support/start-server';

let t: TestService;
const { openImportForm, submitImport, pressImport } = slackImportForm(() => t);

beforeAll(async () => {
  t = await startTestService({ now: '2026-03-04T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

const MINUTES = `Finance Committee, 3 March 2026

1. Budget
Action: <@U0ALICE> to send the figures by 20 March
ACTION: <@U0PRIYA|priya> to book the room for the audit

| Action | Owner | Due |
|---|---|---|
| Review the reserves policy | <@U0SAM> and WYP | 30 April 2026 |
| Chase the bank about the mandate | <@U0PRIYA|priya> | |

2. Website
- <@U0SAM>: ask <@U0ALICE> for the new photos

3. Any other business
<@U0LEE> will circulate the audit letter before the next meeting.
`;

it('reads each Slack mention as its owner, in markers, tables, lists and prose, and stores it as that user', async () => {
  const view = await openImportForm(t.where);
  await t.send(submitImport(t.where, view, MINUTES, []));
  const [preview] = await t.slack.waitForCalls('response_url');
  // The preview shows each owner as the mention, and asks to map only the alias that is no one yet.
  const seen = shown(preview?.body);
  expect(seen).toContain('<@U0ALICE> — send the figures by 20 March');
  expect(seen).toContain('<@U0PRIYA> — book the room for the audit');
  expect(seen).toContain('<@U0SAM>, WYP — Review the reserves policy');
  expect(seen).not.toContain('U0ALICE is no one');
  expect(seen).toContain('WYP is no one in this channel yet');

  expect(await t.store.list(t.channel, 'all')).toEqual([]); // nothing stored before Import is pressed

  t.slack.reset();
  await t.send(pressImport(t.where, buttonValue(preview?.body, 'import-confirm')));
  const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
  expect(shown(answer?.body)).toContain('Imported 6 actions (#1–#6)');
  const all = (await t.store.list(t.channel, 'all')).sort((a, b) => a.number - b.number);
  const stored = all.map((a) => [a.owners, a.text]);
  const person = (id: string) => ({ kind: 'user', id });
  expect(stored).toEqual([
    [[person('U0ALICE')], 'send the figures by 20 March'],
    [[person('U0PRIYA')], 'book the room for the audit'],
    [[person('U0SAM'), { kind: 'alias', name: 'WYP' }], 'Review the reserves policy'],
    [[person('U0PRIYA')], 'Chase the bank about the mandate'],
    [[person('U0SAM')], 'ask <@U0ALICE> for the new photos'],
    [[person('U0LEE')], 'circulate the audit letter before the next meeting.'],
  ]);
  // Each card mentions its owner live, and a mention in the task stays one.
  const cards = await t.slack.waitForCalls('chat.postMessage', 6);
  const photos = cards.map((c) => JSON.stringify(c.body)).find((c) => c.includes('for the new photos'));
  expect(photos).toContain('ask <@U0ALICE> for the new photos');
  expect(photos).toContain('<@U0SAM>');
});
