/**
 * Importing minutes uploaded as a file in Slack's import form, end to end: the real server, Redis and the
 * fake Slack API, which describes the file (files.info) and serves it on loopback as files.slack.com would.
 * A 100-page document imports in one go; the bot token goes to Slack only; a form with neither text nor
 * file stays open with an inline error; a file that cannot be read is explained and nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FakeFile } from '../support/fake-slack-api';
import { printPdf } from '../support/print-pdf';
import { buttonValue, shown, slackImportForm } from '../support/slack-import-form';
import { BOT_TOKEN } from '../support/slack-signing';
import { settle, startTestService, type TestService } from '../support/start-server';

let t: TestService;
/** A server on loopback that is not Slack, recording every request that reaches it. */
let elsewhere: { server: Server; url: string; requests: IncomingMessage[] };

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Action: Mallory to steal the token.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
});

afterAll(async () => {
  await t.stop();
  elsewhere.server.closeAllConnections();
  await new Promise<void>((resolve) => elsewhere.server.close(() => resolve()));
});

beforeEach(() => {
  t.slack.reset();
  elsewhere.requests.length = 0;
});

const OWNERS = ['Clerk', 'Treasurer', 'Chair', 'FE', 'WYP'];

/**
 * A hundred pages of committee minutes: a hundred agenda items, each a page of discussion (about 2,800
 * characters) ending in three `Action: X to …` lines. Returns the text and the tasks in document order.
 */
function hundredPageMinutes(): { text: string; tasks: string[] } {
  const lines = [
    'Minutes of the Finance Committee held on Tuesday 23 June 2026',
    '',
    'Present: Cllr A. Jones (Chair), Cllr B. Patel, the Clerk, the Treasurer.',
    '',
  ];
  const tasks: string[] = [];
  for (let item = 1; item <= 100; item++) {
    lines.push(`${item}. Budget line ${item}`, '');
    for (let paragraph = 1; paragraph <= 12; paragraph++) {
      lines.push(
        `The committee discussed budget line ${item} in detail. The figures for the quarter were presented and compared with the same quarter last year, and members asked questions about the variance shown in the appendix (paragraph ${paragraph}).`,
      );
    }
    lines.push('');
    for (let k = 1; k <= 3; k++) {
      const task = `review spending line ${item}.${k} and report back`;
      tasks.push(task);
      lines.push(`Action: ${OWNERS[(item + k) % OWNERS.length]} to ${task}.`);
    }
    lines.push('', '\f');
  }
  return { text: lines.join('\n'), tasks };
}

const SHORT_MINUTES = `Minutes of the Parks Committee held on Tuesday 23 June 2026

1. Playground
Action: Clerk to obtain three quotes for new swings by 20 July.
`;

const { openImportForm, submitImport, submitFile, pressImport, pasteAndImport } = slackImportForm(() => t);

describe('the import form', () => {
  it('offers a file upload beside the paste box: .txt, .md, .docx or .pdf, one file, both optional', async () => {
    const view = await openImportForm({ ...t.where, channel: 'C0FORM' });
    const paste = view.blocks.find((b) => b.block_id === 'minutes');
    const upload = view.blocks.find((b) => b.block_id === 'minutes_file');
    expect(paste?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(paste).toMatchObject({ optional: true });
    expect(upload).toMatchObject({ type: 'input', optional: true });
    expect(upload?.element).toEqual({
      type: 'file_input',
      action_id: 'minutes_file',
      filetypes: ['txt', 'md', 'docx', 'pdf'],
      max_files: 1,
    });
  });
});

describe('a 100-page minutes document uploaded as a file', () => {
  it('is fetched with the bot token, previewed, and imported whole with one press of Import', async () => {
    const here = { ...t.where, channel: 'C0HUNDRED' };
    const channel = { ...t.channel, channel: 'C0HUNDRED' };
    const { text, tasks } = hundredPageMinutes();
    expect(text.length).toBeGreaterThan(250_000);
    expect(tasks).toHaveLength(300);

    const response = await submitFile(here, {
      id: 'F0HUNDRED',
      name: 'finance-2026-06-23.txt',
      content: text,
    });
    // The modal closes at once (an empty ack); the file is read after it.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');

    const [preview] = await t.slack.waitForCalls('response_url', 1, 15_000);
    expect(preview?.body.response_type).toBe('ephemeral');
    expect(shown(preview?.body)).toContain('Found 300 actions in Finance Committee, Tue 23 Jun 2026');
    expect(t.slack.callsTo('files.info').map((c) => c.body.file)).toEqual(['F0HUNDRED']);
    const downloads = t.slack.callsTo('file_download');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(await t.store.list(channel, 'all')).toEqual([]);

    t.slack.reset();
    // Slack's pace in a channel: about one message a second.
    t.slack.delayMethod('chat.postMessage', 1000);
    const started = Date.now();
    await t.send(pressImport(here, buttonValue(preview?.body, 'import-confirm')));
    const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
    const took = Date.now() - started;
    expect(answer?.body.replace_original).toBe(true);
    expect(shown(answer?.body)).toContain('Imported 300 actions (#1–#300) into Finance Committee');

    const stored = (await t.store.list(channel, 'all')).sort((a, b) => a.number - b.number);
    expect(stored.map((a) => a.number)).toEqual(tasks.map((_, i) => i + 1));
    expect(stored.map((a) => a.text.replace(/\.$/, ''))).toEqual(tasks);
    expect(new Set(stored.map((a) => a.meetingId)).size).toBe(1);
    expect(stored[0]).toMatchObject({ agendaItem: '1', owners: [{ kind: 'alias', name: 'Chair' }] });
    expect(stored[299]).toMatchObject({ agendaItem: '100', owners: [{ kind: 'alias', name: 'FE' }] });
    // Not 300 cards at Slack's pace of one a second: one message tells the channel, and the answer is quick.
    expect(took).toBeLessThan(10_000);
    expect(shown(answer?.body)).toContain('The channel got one message about them rather than a card each');
    const posts = t.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.channel).toBe('C0HUNDRED');
    expect(shown(posts[0]?.body)).toContain(
      '<@U0CHAIR> imported 300 actions (#1–#300) into Finance Committee, Tue 23 Jun 2026. Too many for a card each',
    );
  }, 60_000);
});

/** Minutes of `n` agenda items with one action each, short enough to paste. */
function numberedMinutes(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) => `${i + 1}. Item ${i + 1}\nAction: Clerk to check line ${i + 1}.`,
  );
  return `Minutes of the Parks Committee held on Tuesday 23 June 2026\n\n${items.join('\n\n')}\n`;
}

describe('a Word document uploaded as a file', () => {
  it('is read as the CLI reads it: paragraphs, the action table, struck-through rows', async () => {
    const here = { ...t.where, channel: 'C0DOCX' };
    await submitFile(here, {
      id: 'F0DOCX',
      name: 'bee-keepers.docx',
      content: readFileSync(join(__dirname, '../fixtures/minutes/docx-minutes.docx')),
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const [preview] = await t.slack.waitForCalls('response_url');
    const text = shown(preview?.body);
    expect(text).toContain('Kestrel Valley Bee Keepers');
    expect(text).toContain('Marion Hale — get a quote for the fence repair by 20 May');
    expect(text).toContain('Treasurer — Order new frames for the teaching hives');
    expect(text).toContain('Secretary — Renew the association insurance · reported done');
    expect(text).toContain('Found 4 actions');
    expect(t.slack.callsTo('file_download')[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });
});

describe('a PDF uploaded as a file', () => {
  const minutes =
    '<html><body style="font-family:serif;font-size:11pt"><h1>Parks Committee</h1>' +
    '<p>Minutes of the meeting held on Tuesday 23 June 2026.</p><h3>1. Playground</h3>' +
    '<p>Action: Clerk to obtain three quotes for new swings by 20 July.</p>' +
    '<h3 style="break-before:page">2. Action log</h3>' +
    '<table border="1" style="border-collapse:collapse;width:100%"><tr><th>Action</th><th>Owner</th><th>Due</th></tr>' +
    '<tr><td style="padding:3px">Replant the rose beds by the bandstand</td><td>Jo Whitfield</td><td>31 July 2026</td></tr>' +
    '</table></body></html>';

  it('is read through its text layer, header and footer left out, and imported', async () => {
    const here = { ...t.where, channel: 'C0PDF' };
    const pdf = await printPdf(minutes, { header: 'PC/2026/06 draft', footer: 'Parks Committee' });
    await submitFile(here, { id: 'F0PDF', name: 'parks.pdf', content: pdf, contentType: 'application/pdf' });
    const [preview] = await t.slack.waitForCalls('response_url', 1, 15_000);
    const text = shown(preview?.body);
    expect(text).toContain('Found 2 actions in Parks Committee, Tue 23 Jun 2026');
    expect(text).toContain('Clerk — obtain three quotes for new swings by 20 July');
    expect(text).toContain('Jo Whitfield — Replant the rose beds by the bandstand');
    expect(text).not.toMatch(/PC\/2026|Page \d of 2/);
    t.slack.reset();
    await t.send(pressImport(here, buttonValue(preview?.body, 'import-confirm')));
    const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
    expect(shown(answer?.body)).toContain('Imported 2 actions (#1–#2)');
    const stored = await t.store.list({ ...t.channel, channel: 'C0PDF' }, 'all');
    expect(stored.map((a) => a.owners)).toEqual(
      expect.arrayContaining([[{ kind: 'alias', name: 'Clerk' }], [{ kind: 'alias', name: 'Jo Whitfield' }]]),
    );
  }, 30_000);

  it('explains a scanned PDF with no text layer, and stores nothing', async () => {
    const here = { ...t.where, channel: 'C0SCAN' };
    const scan = await printPdf('<html><body><canvas width="400" height="100"></canvas></body></html>');
    await submitFile(here, { id: 'F0SCAN', name: 'scan.pdf', content: scan, contentType: 'application/pdf' });
    const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
    expect(shown(answer?.body)).toContain('scan.pdf has no text layer (it looks like a scanned image');
    expect(await t.store.list({ ...t.channel, channel: 'C0SCAN' }, 'all')).toEqual([]);
  }, 30_000);
});

describe('cards for imported actions', () => {
  it('posts a card for each of up to 20 actions', async () => {
    const answer = await pasteAndImport('C0TWENTY', numberedMinutes(20));
    expect(shown(answer)).toContain('Imported 20 actions (#1–#20)');
    const posts = await t.slack.waitForCalls('chat.postMessage', 20);
    expect(posts).toHaveLength(20);
    expect(shown(posts[0]?.body)).toContain('check line 1');
  });

  it('posts one summary instead for 21 actions or more', async () => {
    const answer = await pasteAndImport('C0TWENTYONE', numberedMinutes(21));
    expect(shown(answer)).toContain('Imported 21 actions (#1–#21)');
    await settle();
    const posts = t.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(shown(posts[0]?.body)).toContain('imported 21 actions (#1–#21)');
    expect(await t.store.list({ ...t.channel, channel: 'C0TWENTYONE' }, 'open')).toHaveLength(21);
  });
});

describe('where the bot token may go', () => {
  it('refuses a download address on another host: nothing reaches it, the user is told, nothing is stored', async () => {
    const here = { ...t.where, channel: 'C0FORGED' };
    await submitFile(here, {
      id: 'F0FORGED',
      name: 'minutes.txt',
      content: SHORT_MINUTES,
      downloadUrl: `${elsewhere.url}/files-pri/T0TEAM-F0FORGED/download/minutes.txt`,
    });
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(shown(answer?.body)).toContain(
      'The address of minutes.txt is not on Slack, so Arising did not fetch it',
    );
    await settle();
    expect(elsewhere.requests).toHaveLength(0);
    expect(t.slack.callsTo('file_download')).toHaveLength(0);
    expect(await t.store.list({ ...t.channel, channel: 'C0FORGED' }, 'all')).toEqual([]);
  });

  it('does not follow a redirect from Slack to another host', async () => {
    const here = { ...t.where, channel: 'C0REDIRECT' };
    await submitFile(here, {
      id: 'F0REDIRECT',
      name: 'minutes.txt',
      content: SHORT_MINUTES,
      redirectTo: `${elsewhere.url}/stolen`,
    });
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain('is not on Slack, so Arising did not fetch it');
    expect(t.slack.callsTo('file_download')).toHaveLength(1);
    await settle();
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('downloads from the address Slack gives in files.info, not one written into the submission', async () => {
    const here = { ...t.where, channel: 'C0STATEURL' };
    const forged = `${elsewhere.url}/files-pri/T0TEAM-F0STATE/download/minutes.txt`;
    await submitFile(
      here,
      { id: 'F0STATE', name: 'minutes.txt', content: SHORT_MINUTES },
      { url_private: forged, url_private_download: forged },
    );
    const [preview] = await t.slack.waitForCalls('response_url');
    expect(shown(preview?.body)).toContain('Found 1 action in Parks Committee');
    expect(t.slack.callsTo('file_download')[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('what the form refuses', () => {
  it('keeps the form open with an inline error when neither minutes nor a file is given', async () => {
    const here = { ...t.where, channel: 'C0EMPTY' };
    const view = await openImportForm(here);
    const response = await t.send(submitImport(here, view, '   ', []));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { minutes: 'Paste the minutes here, or upload them as a file below.' },
    });
    await settle();
    expect(t.slack.calls).toEqual([]);
    expect(await t.store.list({ ...t.channel, channel: 'C0EMPTY' }, 'all')).toEqual([]);
  });

  it('keeps the form open when given both pasted minutes and a file', async () => {
    const here = { ...t.where, channel: 'C0BOTH' };
    const file: FakeFile = { id: 'F0BOTH', name: 'minutes.txt', content: SHORT_MINUTES };
    const view = await openImportForm(here);
    t.slack.serveFile(file);
    const response = await t.send(submitImport(here, view, SHORT_MINUTES, [t.slack.fileObject(file)]));
    const answer = (await response.json()) as { response_action?: string; errors?: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.minutes_file).toContain('not both');
    await settle();
    expect(t.slack.calls).toEqual([]);
  });

  it('explains a file that is not text, and stores nothing', async () => {
    const here = { ...t.where, channel: 'C0BINARY' };
    await submitFile(here, {
      id: 'F0BINARY',
      name: 'minutes.txt',
      content: Buffer.from([0x4d, 0x69, 0x6e, 0x00, 0x01, 0x02, 0xff, 0x00]),
      contentType: 'application/octet-stream',
    });
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(shown(answer?.body)).toContain(
      'minutes.txt is not a text file (it contains binary data); use .txt, .md, .docx or .pdf',
    );
    expect(await t.store.list({ ...t.channel, channel: 'C0BINARY' }, 'all')).toEqual([]);
  });

  it('refuses a file over 5 MB without downloading it', async () => {
    const here = { ...t.where, channel: 'C0HUGE' };
    await submitFile(here, { id: 'F0HUGE', name: 'minutes.docx', content: 'PK', size: 6 * 1024 * 1024 });
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain(
      'minutes.docx is over 5 MB; minutes documents are limited to 5 MB.',
    );
    expect(t.slack.callsTo('file_download')).toHaveLength(0);
  });

  it('says the app needs files:read when Slack refuses to describe the file', async () => {
    const here = { ...t.where, channel: 'C0SCOPE' };
    const file: FakeFile = { id: 'F0SCOPE', name: 'minutes.md', content: SHORT_MINUTES };
    const view = await openImportForm(here);
    t.slack.serveFile(file);
    t.slack.failMethod('files.info', 'missing_scope');
    await t.send(submitImport(here, view, null, [t.slack.fileObject(file)]));
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain('the app needs the `files:read` permission');
    expect(t.slack.callsTo('file_download')).toHaveLength(0);
  });

  it('says the app needs files:read when Slack answers the download with its sign-in page', async () => {
    const here = { ...t.where, channel: 'C0SIGNIN' };
    await submitFile(here, {
      id: 'F0SIGNIN',
      name: 'minutes.txt',
      content: '<!DOCTYPE html><html><body>Sign in to Slack</body></html>',
      contentType: 'text/html; charset=utf-8',
    });
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain('the app needs the `files:read` permission');
    expect(await t.store.list({ ...t.channel, channel: 'C0SIGNIN' }, 'all')).toEqual([]);
  });
});
