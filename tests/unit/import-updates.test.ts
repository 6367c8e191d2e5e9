/**
 * Imports that update, through the core service on the in-memory store: the same minutes imported twice add
 * nothing; later minutes reporting an earlier action done close it with a history entry, and reporting it
 * ongoing note it; the preview says per line what Import will do; an importer who may not close an action
 * sees so and leaves it open; owners no one answers to are flagged with the `owner` line that maps them.
 */
import type { Reply } from '../../src/core/chat-service';
import { type CoreHarness, coreHarness, must, replyText } from '../support/core-harness';

const FIRST = `Minutes of the Harbour Trust Board held on Tuesday 3 November 2026

2. Moorings review
Action: FE to write to the three longest-waiting applicants by 20 November.

3. Finance
Action: Treasurer to circulate the revised forecast.

Date of next meeting: Tuesday 1 December 2026 at 18:30
`;

const SECOND = `Minutes of the Harbour Trust Board held on Tuesday 1 December 2026

1. Matters arising
FE to write to the three longest-waiting applicants – done.
Treasurer to circulate the revised forecast – ongoing.

2. Harbour wall
Action: Clerk to commission a survey of the harbour wall by 15 January.

Date of next meeting: Tuesday 5 January 2027 at 18:30
`;

let h: CoreHarness;
beforeEach(async () => {
  h = coreHarness(new Date('2026-11-05T10:00:00Z'));
  // U_SEC maps FE first, so becomes the channel's chair.
  await h.service.command(h.as('U_SEC'), 'owner FE = <@U_FIONA>');
});

function importValue(preview: Reply): string {
  if (preview.kind !== 'ephemeral') throw new Error('expected an ephemeral preview');
  const buttons = preview.view.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
  return must(
    buttons.find((b) => b.id === 'import-confirm'),
    'an Import button',
  ).value;
}

/** What the preview shows, a line a block, as a user reads it. */
function shown(reply: Reply): string {
  if (reply.kind !== 'ephemeral') return '';
  return reply.view.blocks
    .map((b) => ('spans' in b ? b.spans.map((s) => (s.kind === 'text' ? s.text : `@${s.id}`)).join('') : ''))
    .join('\n');
}

async function importAs(userId: string, text: string): Promise<{ preview: string; done: string }> {
  const preview = await h.service.importText(h.as(userId), text);
  const done = await h.service.button(h.as(userId), 'import-confirm', importValue(preview));
  return { preview: shown(preview), done: replyText(done) };
}

it('adds nothing when the same minutes are imported twice, and the preview says each is recorded', async () => {
  const first = await importAs('U_SEC', FIRST);
  expect(first.preview).toContain('New: [2] FE — write to the three longest-waiting applicants');
  expect(first.done).toContain('Imported 2 actions (#1–#2)');
  const before = await h.store.list(h.channel, 'all');
  const again = await importAs('U_SEC', FIRST);
  expect(again.preview).toContain('0 new, 2 already recorded.');
  expect(again.preview).toContain('Already recorded as #1: [2] FE — write to the three longest-waiting');
  expect(again.preview).toContain('Already recorded as #2: [3] Treasurer — circulate the revised forecast');
  expect(again.done).toContain('Nothing new to import');
  expect(again.done).toContain('2 already recorded (#1, #2).');
  expect(await h.store.list(h.channel, 'all')).toEqual(before);
});

it('closes an earlier action the minutes report done, notes one reported ongoing, and adds the new one', async () => {
  await importAs('U_SEC', FIRST);
  h.clock.now = new Date('2026-12-02T10:00:00Z');
  const second = await importAs('U_SEC', SECOND);
  expect(second.preview).toContain('1 new, 2 updates to earlier actions.');
  expect(second.preview).toContain(
    'Updates #1: closes it: [1] FE — write to the three longest-waiting applicants',
  );
  expect(second.preview).toContain(
    'Updates #2: notes it is ongoing: [1] Treasurer — circulate the revised forecast',
  );
  expect(second.preview).toContain('New: [2] Clerk — commission a survey');
  expect(second.done).toContain('Imported 1 action (#3)');
  expect(second.done).toContain('Closed #1 (reported done). Noted #2 as ongoing.');
  const closed = must(await h.store.get(h.channel, 1), '#1');
  expect(closed.state).toBe('done');
  expect(closed.closedBy).toBe('U_SEC');
  const history = await h.store.history(h.channel, 1);
  expect(history.at(-1)).toMatchObject({
    kind: 'done',
    by: 'U_SEC',
    text: 'Closed by import of Harbour Trust Board, Tue 1 Dec 2026',
  });
  const noted = must(await h.store.get(h.channel, 2), '#2');
  expect(noted.state).toBe('open');
  expect(noted.notes.map((n) => n.text)).toEqual(['Reported ongoing in Harbour Trust Board, Tue 1 Dec 2026']);
  expect(await h.store.list(h.channel, 'all')).toHaveLength(3);

  const again = await importAs('U_SEC', SECOND);
  expect(again.preview).toContain('0 new, 3 already recorded.');
  expect(again.preview).toContain('Already recorded as #1 (closed)');
  expect(await h.store.list(h.channel, 'all')).toHaveLength(3);
  expect(must(await h.store.get(h.channel, 2), '#2').notes).toHaveLength(1);
});

it('does not close an action for an importer who may not close it, and says who may', async () => {
  await importAs('U_SEC', FIRST);
  const second = await importAs('U_VISITOR', SECOND);
  expect(second.preview).toContain(
    "Would close #1, but only its owners, whoever raised it and the channel's chairs may: [1] FE",
  );
  expect(second.done).toContain('Left #1 open');
  expect(must(await h.store.get(h.channel, 1), '#1').state).toBe('open');
  // Fiona is FE's person, so she may.
  const fiona = await importAs('U_FIONA', SECOND);
  expect(fiona.done).toContain('Closed #1 (reported done)');
  expect(must(await h.store.get(h.channel, 1), '#1').state).toBe('done');
});

it('flags owners no one in the channel answers to, with the line that maps each', async () => {
  const preview = shown(await h.service.importText(h.as('U_SEC'), SECOND));
  expect(preview).toContain('Treasurer is no one in this channel yet: `owner Treasurer = @person` maps it.');
  expect(preview).toContain('Clerk is no one in this channel yet: `owner Clerk = @person` maps it.');
  expect(preview).not.toContain('FE is no one');
});

describe('initials the attendance list defines', () => {
  const WITH_INITIALS = `Minutes of the Harbour Trust Board held on Tuesday 3 November 2026

Present: Fred Eglington (FE), Jane Smith (JS), the Clerk.

2. Moorings review
Action: JS to write to the three longest-waiting applicants by 20 November.
Action: FE to inspect the pontoon.
`;
  const REPORT = `Minutes of the Harbour Trust Board held on Tuesday 1 December 2026

Present: Fred Eglington (FE), Jane Smith (JS), the Clerk.

1. Matters arising
JS to write to the three longest-waiting applicants – done.
`;

  it('are shown with their name, and flagged with it when no one answers to them', async () => {
    const preview = shown(await h.service.importText(h.as('U_SEC'), WITH_INITIALS));
    expect(preview).toContain('New: [2] JS (Jane Smith) — write to the three longest-waiting applicants');
    expect(preview).toContain('New: [2] FE (Fred Eglington) — inspect the pontoon');
    expect(preview).toContain('JS (Jane Smith) is no one in this channel yet: `owner JS = @person` maps it.');
    // FE is an alias already (beforeEach): used as before, not flagged.
    expect(preview).not.toContain('FE (Fred Eglington) is no one');
  });

  it('resolve through an alias of the full name, not of the first name alone', async () => {
    await h.service.command(h.as('U_SEC'), 'owner Jane = <@U_OTHER_JANE>');
    const guessed = shown(await h.service.importText(h.as('U_SEC'), WITH_INITIALS));
    expect(guessed).toContain('JS (Jane Smith) is no one in this channel yet');

    await h.service.command(h.as('U_SEC'), 'owner Jane_Smith = <@U_JANE>');
    const first = await importAs('U_SEC', WITH_INITIALS);
    expect(first.preview).not.toContain('JS (Jane Smith) is no one');
    expect(must(await h.store.get(h.channel, 1), '#1').owners).toEqual([
      { kind: 'alias', name: 'Jane_Smith' },
    ]);
    // Jane, as Jane_Smith's person, may close it; her report of it done, written "JS", finds it.
    h.clock.now = new Date('2026-12-02T10:00:00Z');
    const report = await importAs('U_JANE', REPORT);
    expect(report.preview).toContain('Updates #1: closes it: [1] JS (Jane Smith)');
    expect(report.done).toContain('Closed #1 (reported done)');
    expect(await h.store.list(h.channel, 'all')).toHaveLength(2);
  });
});
