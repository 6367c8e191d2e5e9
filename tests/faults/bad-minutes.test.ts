/**
 * Fault 12: bad minutes through Slack's import form against the real server (in-process, real Redis, the
 * fake Slack API serving the uploaded files): a 5 MB document, a binary file, an empty file and a .docx
 * that is not a zip, uploaded as a file, and the same kinds of text pasted into the form. Each time the
 * user gets a clear answer saying what was wrong, the server keeps running (it still answers /healthz),
 * and nothing is stored. (The CLI's cases are in tests/e2e/cli-import.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Body, FakeFile } from '../support/fake-slack-api';
import { slackImportForm } from '../support/slack-import-form';
import { SIGNING_SECRET, type SlackRequest, signature } from '../support/slack-signing';
import { settle, startTestService, type TestService } from '../support/start-server';

jest.setTimeout(60_000);

const FIVE_MB = 5 * 1024 * 1024;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Minutes text of at least `bytes` bytes: a real header and page after page of real action lines. */
function bigMinutes(bytes: number): string {
  const head = 'Minutes of the Finance Committee held on Tuesday 23 June 2026\n\n';
  const page = Array.from(
    { length: 20 },
    (_, i) => `Item ${i}. The committee discussed the figures at length.\nAction: Clerk to check line ${i}.`,
  ).join('\n');
  return head + page.repeat(Math.ceil(bytes / page.length));
}

const { openImportForm, submitImport } = slackImportForm(() => t);

/** What the user was shown, with JSON's escaping of quotes undone. */
function shown(body: Body | undefined): string {
  return JSON.stringify([body?.text ?? '', body?.blocks ?? []]).replace(/\\"/g, '"');
}

/** The server still answers, and nothing was stored in the channel. */
async function stillUpAndNothingStored(channel: string): Promise<void> {
  const health = await fetch(`${t.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  await settle();
  expect(await t.store.list({ ...t.channel, channel }, 'all')).toEqual([]);
  expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
}

/** A GET (no body) or a signed POST on a connection of its own. */
function freshPost(path: string, slack: SlackRequest | null): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = slack
    ? {
        'content-type': slack.contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(SIGNING_SECRET, timestamp, slack.body),
      }
    : {};
  return new Promise((resolve, reject) => {
    const req = request(
      `${t.baseUrl}${path}`,
      { method: slack ? 'POST' : 'GET', agent: false, headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(slack?.body);
  });
}

/** Uploads `file` through the import form; returns the one answer the user got. */
async function upload(channel: string, file: FakeFile, stated: Body = {}): Promise<Body | undefined> {
  const where = { ...t.where, channel };
  const view = await openImportForm(where);
  t.slack.serveFile(file);
  const response = await t.send(
    submitImport(where, view, null, [{ ...t.slack.fileObject(file), ...stated }]),
  );
  expect(response.status).toBe(200);
  const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
  expect(answer?.body.response_type).toBe('ephemeral');
  return answer?.body;
}

describe('uploaded as a file', () => {
  it('a 5 MB document is refused as over 5 MB, whether Slack states its size or not', async () => {
    const text = bigMinutes(FIVE_MB + 1024);
    const declared = await upload('C0BIG', { id: 'F0BIG', name: 'finance.txt', content: text });
    expect(shown(declared)).toContain('finance.txt is over 5 MB; minutes documents are limited to 5 MB.');
    expect(t.slack.callsTo('file_download')).toHaveLength(0);
    await stillUpAndNothingStored('C0BIG');

    t.slack.reset();
    // files.info understating the size: the download itself is cut off at 5 MB.
    const hidden = await upload('C0BIG', { id: 'F0BIG2', name: 'finance.txt', content: text, size: 1000 });
    expect(shown(hidden)).toContain('finance.txt is over 5 MB; minutes documents are limited to 5 MB.');
    await stillUpAndNothingStored('C0BIG');
  });

  it('a binary file is refused as not text', async () => {
    const answer = await upload('C0BIN', {
      id: 'F0BIN',
      name: 'minutes.md',
      content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), randomBytes(4096)]),
      contentType: 'application/octet-stream',
    });
    expect(shown(answer)).toContain('minutes.md is not a text file (it contains binary data)');
    await stillUpAndNothingStored('C0BIN');
  });

  it('an empty file is refused as empty', async () => {
    const answer = await upload('C0EMPTYFILE', { id: 'F0EMPTY', name: 'minutes.txt', content: '' });
    expect(shown(answer)).toContain('minutes.txt is empty');
    await stillUpAndNothingStored('C0EMPTYFILE');
  });

  it('a .docx that is not a zip is refused as not a Word document', async () => {
    const answer = await upload('C0NOTZIP', {
      id: 'F0NOTZIP',
      name: 'minutes.docx',
      content: 'Minutes of the Parks Committee\nAction: Clerk to buy swings.\n',
      contentType: DOCX_TYPE,
    });
    expect(shown(answer)).toContain(
      'minutes.docx is not a Word document (a .docx is a zip file, and this is not one)',
    );
    await stillUpAndNothingStored('C0NOTZIP');
  });
});

describe('pasted into the form', () => {
  /** Pastes `text`; returns the form's inline errors or the answer sent to the user afterwards. */
  async function paste(channel: string, text: string): Promise<string> {
    const where = { ...t.where, channel };
    const view = await openImportForm(where);
    const response = await t.send(submitImport(where, view, text, []));
    expect(response.status).toBe(200);
    const inline = await response.text();
    if (inline !== '') return inline;
    const [answer] = await t.slack.waitForCalls('response_url', 1, 15_000);
    return shown(answer?.body);
  }

  it('pasted binary is refused as not text', async () => {
    const said = await paste('C0PASTEBIN', `\u0000\u0001\u0002${randomBytes(2048).toString('latin1')}`);
    expect(said).toContain('That does not look like text (it contains binary data)');
    await stillUpAndNothingStored('C0PASTEBIN');
  });

  it('pasted blank minutes keep the form open with an inline error', async () => {
    const said = await paste('C0PASTEEMPTY', ' \n\t ');
    expect(JSON.parse(said)).toEqual({
      response_action: 'errors',
      errors: { minutes: 'Paste the minutes here, or upload them as a file below.' },
    });
    await stillUpAndNothingStored('C0PASTEEMPTY');
  });

  // Last, as the refused body leaves its connection closed. Slack's paste box holds 3,000 characters
  // (the form says so), so only a forged request carries 5 MB: it is refused before it is read.
  it('5 MB of pasted minutes is refused as too large, unread', async () => {
    const where = { ...t.where, channel: 'C0PASTEBIG' };
    const view = await openImportForm(where);
    const response = await t.send(submitImport(where, view, bigMinutes(FIVE_MB + 1024), []));
    expect(response.status).toBe(413);
    // On new connections, as Slack makes them (the refused one is closed by the server).
    expect((await freshPost('/healthz', null)).status).toBe(200);
    const after = await freshPost('/slack/events', submitImport(where, view, ' ', []));
    expect(after.status).toBe(200);
    expect(after.body).toContain('Paste the minutes here');
    await settle();
    expect(await t.store.list({ ...t.channel, channel: 'C0PASTEBIG' }, 'all')).toEqual([]);
  });
});
