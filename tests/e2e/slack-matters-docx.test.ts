/**
 * `/action matters-arising docx` over real HTTP through the real Bolt receiver: the service renders
 * matters arising as a Word document and shares it through the fake Slack Web API's external upload
 * (files.getUploadURLExternal, the bytes POSTed, files.completeUploadExternal). The uploaded bytes are
 * read back as a clerk's Word would show them.
 */

import { headings, readDocx, tables } from '../support/docx-read';
import type { Body, Call } from '../support/fake-slack-api';
import { slashCommand } from '../support/slack-signing';
import { startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  // Wednesday 24 June 2026: the committee meets, and its actions are recorded.
  t = await startTestService({ now: '2026-06-24T17:00:00Z' });
  await command('meeting Parks Committee on 24 June 2026', t.where.user, t.where.channel, 'chat.postMessage');
  for (const text of [
    'add <@U0PRIYA|priya> to send the KSI data by 31 July item 5',
    'add WYP to look into the HT and MS data by 10 July item 5',
    'add <@U0SAM|sam> to book the hall by 3 July item 2',
    'add <@U0SAM|sam> to tidy the shed',
  ]) {
    await command(text, t.where.user, t.where.channel, 'chat.postMessage');
  }
  await command('note 1 waiting for the July figures');
  await command('done 3 booked for the 9th');
  // A week later the clerk prepares the papers.
  t.setNow('2026-07-13T08:00:00Z');
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/**
 * Sends `/action <text>` and waits for its answer on the response_url (or, for a chair's command that
 * posts in the channel instead, `heardAs`), so no late answer of one command lands in the next test.
 */
async function command(
  text: string,
  user = t.where.user,
  channel = t.where.channel,
  heardAs = 'response_url',
) {
  t.slack.reset();
  const response = await t.send(
    slashCommand({ ...t.where, user, channel }, text, t.slack.responseUrl('cmd')),
  );
  expect(response.status).toBe(200);
  await t.slack.waitForCalls(heardAs);
}

/** What the response_url was told, as the reader sees it. */
function answered(): string {
  const body = (t.slack.callsTo('response_url')[0] as Call | undefined)?.body ?? ({} as Body);
  return JSON.stringify(body.blocks ?? body.text ?? '');
}

describe('/action matters-arising docx', () => {
  it('shares the papers in the channel when a chair asks: headings by agenda item, a row per action', async () => {
    await t.send(slashCommand(t.where, 'matters-arising docx', t.slack.responseUrl('cmd')));
    await t.slack.waitForCalls('files.completeUploadExternal');
    const [started] = t.slack.callsTo('files.getUploadURLExternal');
    expect(started?.authorization).toBe('Bearer xoxb-e2e-test-token');
    expect(started?.body.filename).toBe('matters-arising-2026-06-24.docx');
    expect(t.slack.uploads).toHaveLength(1);
    const upload = t.slack.uploads[0];
    expect(upload?.channel).toBe(t.where.channel);
    expect(upload?.filename).toBe('matters-arising-2026-06-24.docx');
    expect(upload?.title).toBe('Matters arising from Parks Committee, Wed 24 Jun 2026');
    expect(upload?.comment).toBe(
      'Matters arising from Parks Committee, Wed 24 Jun 2026, for the meeting papers.',
    );
    // Nothing else is said: the file is the answer.
    expect(t.slack.callsTo('response_url')).toEqual([]);

    const doc = await readDocx(upload?.bytes ?? Buffer.alloc(0));
    expect(headings(doc)).toEqual([
      'Matters arising from Parks Committee, Wed 24 Jun 2026',
      'Item 2',
      'Item 5',
      'Other actions',
    ]);
    const header = ['No.', 'Owners', 'Action', 'Due', 'State', 'Latest note'];
    expect(tables(doc)).toEqual([
      [
        header,
        ['#3', '@U0SAM', 'book the hall', 'Fri 3 Jul 2026', 'Done on Wed 24 Jun 2026', 'booked for the 9th'],
      ],
      [
        header,
        ['#1', '@U0PRIYA', 'send the KSI data', 'Fri 31 Jul 2026', 'Ongoing', 'waiting for the July figures'],
        ['#2', 'WYP', 'look into the HT and MS data', 'Fri 10 Jul 2026', 'Overdue by 3 days', ''],
      ],
      [header, ['#4', '@U0SAM', 'tidy the shed', 'None', 'Ongoing', '']],
    ]);
    // Made at the service's clock, not the moment of writing.
    expect(doc.parts['docProps/core.xml']).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-07-13T08:00:00.000Z<',
    );
    expect(doc.rawText).toContain('Channel: slack:T0TEAM:C0COMMITTEE');
  });

  it('sends it to the asker’s DM only when someone who is not a chair asks', async () => {
    await t.send(
      slashCommand({ ...t.where, user: 'U0SAM' }, 'matters arising docx', t.slack.responseUrl('cmd')),
    );
    await t.slack.waitForCalls('files.completeUploadExternal');
    expect(t.slack.callsTo('conversations.open')[0]?.body.users).toBe('U0SAM');
    expect(t.slack.uploads.map((u) => u.channel)).toEqual(['DU0SAM']);
    expect(t.slack.uploads[0]?.comment).toContain(
      'Only you were sent this; when a chair asks, it is shared in the channel.',
    );
    expect(headings(await readDocx(t.slack.uploads[0]?.bytes ?? Buffer.alloc(0)))[1]).toBe('Item 2');
  });

  it('says there is no meeting to make papers for in a channel that has none, and uploads nothing', async () => {
    await command('matters-arising docx', t.where.user, 'C0QUIET');
    expect(answered()).toContain('There is no meeting to make papers for: record one with');
    expect(t.slack.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('says the app needs files:write when the workspace installed it without', async () => {
    t.slack.failMethod('files.getUploadURLExternal', 'missing_scope');
    await t.send(slashCommand(t.where, 'matters-arising docx', t.slack.responseUrl('cmd')));
    await t.slack.waitForCalls('response_url');
    expect(answered()).toContain('the app needs the `files:write` permission');
    expect(t.slack.uploads).toEqual([]);
  });

  it('refuses other words after matters-arising, showing the docx form', async () => {
    await command('matters-arising pdf');
    expect(answered()).toContain('`matters-arising` takes only `docx` after it');
    expect(answered()).toContain('`matters-arising docx`');
  });
});
