/**
 * Bad input 12 for Teams: minutes sent as a file in a personal chat (the way Teams delivers a file to a
 * bot) that are 5 MB, binary, empty, a .docx that is not a zip, a zip bomb, XML nested 100,000 deep, a
 * PDF cut short or locked with a password, or not a document at all. Each gets an
 * answer that says what was wrong and what to send instead; nothing is stored; the bot keeps answering.
 * (The CLI's and Slack's cases are in tests/e2e/cli-import.test.ts and tests/faults/bad-minutes.test.ts.)
 */
import { deepDocx, zipBomb } from '../support/docx-bombs';
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import { passwordProtectedPdf } from '../support/print-pdf';
import {
  CHAIR,
  installPersonal,
  personalChatId,
  personalMessage,
  startTeamsService,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

let t: TeamsService;
let keysBefore: string[];

const personal = { platform: 'teams' as const, team: TENANT, channel: personalChatId(CHAIR) };

/**
 * Every key of this test's prefix but the once-only claims of each activity's id (how a redelivered
 * activity is told apart), sorted: what "nothing stored" is checked against.
 */
async function keys(): Promise<string[]> {
  const all = await t.redis.redis.keys(`${t.redis.prefix}:*`);
  return all.filter((key) => !key.startsWith(`${t.redis.prefix}:once:`)).sort();
}

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installPersonal(t, CHAIR));
  // A first good command, so the keys every message touches (the conversation reference) exist.
  await t.post(personalMessage(t, CHAIR, 'list'));
  await t.connector.waitFor('reply');
  keysBefore = await keys();
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => t.connector.reset());

/** Sends `import` with the bytes attached as Teams attaches a file in a personal chat; the answer. */
async function importFile(name: string, bytes: Buffer): Promise<string> {
  const url = t.connector.serveFile(name, bytes);
  const response = await t.post(
    personalMessage(t, CHAIR, 'import', {
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name,
          content: { downloadUrl: url, uniqueId: `file-${name}`, fileType: name.split('.').pop() },
        },
      ],
    }),
  );
  expect(response.status).toBe(200);
  const [answer] = await t.connector.waitFor('reply');
  const call = answer as ConnectorCall;
  return `${String(call.body.text ?? '')} ${shownText(call)}`;
}

async function expectNothingStored(): Promise<void> {
  expect(await keys()).toEqual(keysBefore);
  expect(await t.store.list(personal, 'all')).toEqual([]);
  expect(t.connector.callsOf('send')).toHaveLength(0);
  // Still answering.
  t.connector.reset();
  await t.post(personalMessage(t, CHAIR, 'help'));
  await t.connector.waitFor('reply');
}

it('refuses a 5 MB document as over the limit', async () => {
  const line = 'ACTION: Clerk to book the room for the next meeting by 31 July 2026\n';
  const big = Buffer.from(line.repeat(Math.ceil((5 * 1024 * 1024 + 1) / line.length)), 'utf8');
  expect(await importFile('minutes.txt', big)).toMatch(/over 5 MB|limited to 5 MB/);
  await expectNothingStored();
});

it('refuses a binary file as not text', async () => {
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
  expect(await importFile('minutes.txt', binary)).toMatch(/not a text file.*\.txt, \.md, \.docx or \.pdf/);
  await expectNothingStored();
});

it('refuses an empty file as empty', async () => {
  expect(await importFile('minutes.md', Buffer.alloc(0))).toMatch(/minutes\.md is empty/);
  await expectNothingStored();
});

it('refuses a .docx that is not a zip as not a Word document', async () => {
  const fake = Buffer.from('This is plain text pretending to be a Word document.\n', 'utf8');
  expect(await importFile('minutes.docx', fake)).toMatch(/not a Word document/);
  await expectNothingStored();
});

it('refuses a file that is not a minutes document, naming what it can read', async () => {
  expect(await importFile('minutes.odt', Buffer.from('PK\x03\x04 an OpenDocument file', 'latin1'))).toMatch(
    /minutes\.odt is not a minutes document I can read: attach a \.docx, \.pdf, \.md or \.txt file/,
  );
  await expectNothingStored();
});

it('refuses a PDF that is only its first line as an incomplete PDF', async () => {
  expect(await importFile('minutes.pdf', Buffer.from('%PDF-1.7\n', 'utf8'))).toMatch(
    /minutes\.pdf is not a readable PDF: it is incomplete \(it stops before the PDF's end.*export the minutes to PDF again/,
  );
  await expectNothingStored();
});

it('refuses a password-protected PDF as one, saying to save it without a password', async () => {
  expect(await importFile('locked.pdf', passwordProtectedPdf())).toMatch(
    /locked\.pdf is a password-protected \(encrypted\) PDF; save or print it again without a password/,
  );
  await expectNothingStored();
});

it('refuses a zip-bomb .docx (200 MB of XML in under 1 MB), naming the limit', async () => {
  expect(await importFile('bomb.docx', zipBomb())).toMatch(
    /bomb\.docx unpacks to more than 20 MB; a Word document is refused above that/,
  );
  await expectNothingStored();
}, 30_000);

it('refuses a .docx whose XML nests 100,000 deep, naming the limit', async () => {
  expect(await importFile('deep.docx', deepDocx())).toMatch(
    /deep\.docx nests its XML more than 200 levels deep/,
  );
  await expectNothingStored();
});
