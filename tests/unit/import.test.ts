/**
 * Importing minutes through the core service on the in-memory store: a preview that stores nothing, Import
 * that stores each action once in its meeting with aliases matched, Cancel, and a document with no actions.
 */
import type { Reply } from '../../src/core/chat-service';
import type { Button } from '../../src/core/view';
import { type CoreHarness, coreHarness, must, replyText, viewText } from '../support/core-harness';

const MINUTES = `Minutes of the Harbour Trust Board held on Tuesday 3 November 2026

1. Apologies
Apologies were received from Cllr Nye.

2. Moorings review
The board discussed the waiting list.
Action: FE to write to the three longest-waiting applicants by 20 November.

3. Finance
RESOLVED that the budget be approved.
Action: Treasurer to circulate the revised forecast.

Date of next meeting: Tuesday 1 December 2026 at 18:30
`;

let h: CoreHarness;
beforeEach(() => {
  h = coreHarness(new Date('2026-11-05T10:00:00Z'));
});

function buttons(reply: Reply): Button[] {
  if (reply.kind !== 'ephemeral') return [];
  return reply.view.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
}

it('shows what it found and stores nothing until Import is pressed, then imports once', async () => {
  await h.service.command(h.as('U_SEC'), 'owner FE = <@U_FIONA>');
  // Mapping the first alias made the secretary the channel's chair, which the channel was told; only
  // the cards count below.
  h.messenger.posts.length = 0;
  const preview = await h.service.importText(h.as('U_SEC'), MINUTES);
  expect(replyText(preview)).toContain('Found 2 actions in');
  expect(replyText(preview)).toContain('Harbour Trust Board');
  expect(await h.store.list(h.channel, 'all')).toEqual([]);
  const importButton = must(
    buttons(preview).find((b) => b.id === 'import-confirm'),
    'an Import button',
  );
  const done = await h.service.button(h.as('U_SEC'), 'import-confirm', importButton.value);
  expect(replyText(done)).toContain('Imported 2 actions (#1–#2)');
  const again = await h.service.button(h.as('U_SEC'), 'import-confirm', importButton.value);
  expect(replyText(again)).toContain('already done');
  const actions = await h.store.list(h.channel, 'all');
  expect(actions).toHaveLength(2);
  const first = actions.find((a) => a.number === 1);
  expect(first?.owners).toEqual([{ kind: 'alias', name: 'FE' }]);
  expect(first?.agendaItem).toBe('2');
  expect(first?.due?.date).toBe('2026-11-20');
  const meetings = await h.store.getMeetings(h.channel);
  expect(meetings.current?.title).toContain('Harbour Trust Board');
  expect(meetings.current?.date).toBe('2026-11-03');
  expect(meetings.next).toBe('2026-12-01T18:30');
  expect(h.messenger.posts).toHaveLength(2);
  expect(h.scheduler.channels).toEqual([h.channel]);
  const fiona = await h.service.command(h.as('U_FIONA'), 'done 1');
  expect(replyText(fiona)).toContain('Closed #1');
});

it('cancels without storing anything', async () => {
  const preview = await h.service.importText(h.as('U_SEC'), MINUTES);
  const cancel = must(
    buttons(preview).find((b) => b.id === 'import-cancel'),
    'a Cancel button',
  );
  expect(replyText(await h.service.button(h.as('U_SEC'), 'import-cancel', cancel.value))).toContain(
    'Nothing was stored',
  );
  const late = must(
    buttons(preview).find((b) => b.id === 'import-confirm'),
    'an Import button',
  );
  await h.service.button(h.as('U_SEC'), 'import-confirm', late.value);
  expect(await h.store.list(h.channel, 'all')).toEqual([]);
});

it('says so when a document has no actions', async () => {
  const reply = await h.service.importText(
    h.as('U_SEC'),
    'Minutes of the Garden Club\n\nWe admired the roses.\n',
  );
  expect(replyText(reply)).toContain('found no actions');
});

it('maps a handle the notes write as @sam to the alias sam: no unknown owner, and sam’s person may close it', async () => {
  await h.service.command(h.as('U_SEC'), 'owner sam = <@U_SAM>');
  const notes = [
    '# Release sync, 3 November 2026',
    '',
    '## Infra',
    '- @sam: turn off the nightly macOS job',
  ].join('\n');
  const preview = await h.service.importText(h.as('U_SEC'), notes);
  if (preview.kind !== 'ephemeral') throw new Error(`No preview: ${JSON.stringify(preview)}`);
  const shown = viewText(preview.view);
  expect(shown).toContain('@sam — turn off the nightly macOS job');
  expect(shown).not.toMatch(/owner @?sam =/);
  const importButton = must(
    buttons(preview).find((b) => b.id === 'import-confirm'),
    'an Import button',
  );
  await h.service.button(h.as('U_SEC'), 'import-confirm', importButton.value);
  const [action] = await h.store.list(h.channel, 'all');
  expect(action?.owners).toEqual([{ kind: 'alias', name: 'sam' }]);
  expect(replyText(await h.service.command(h.as('U_SAM'), 'done 1'))).toContain('Closed #1');
});
