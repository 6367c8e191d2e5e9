/**
 * `matters-arising docx` in the console, over its HTTP routes against the real service and Redis: the
 * answer is a private link to the page's own download, and the download is the Word document, read back.
 */
import { headings, readDocx, tables } from '../support/docx-read';
import { type ConsoleService, startConsoleService } from '../support/start-console';

interface Shown {
  id: string;
  html: string;
  from: { id: string } | null;
}

let t: ConsoleService;

beforeAll(async () => {
  t = await startConsoleService();
});

afterAll(async () => {
  await t.stop();
});

async function send(as: string, text: string): Promise<void> {
  const response = await fetch(`${t.baseUrl}/console/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, pane: 'channel', text }),
  });
  expect(response.status).toBe(200);
}

async function channelPane(as: string): Promise<Shown[]> {
  const response = await fetch(`${t.baseUrl}/console/api/panes?as=${as}`);
  return ((await response.json()) as { channel: Shown[] }).channel;
}

it('says there is no meeting to make papers for before one is recorded', async () => {
  const response = await fetch(`${t.baseUrl}/console/api/papers.docx?as=sam`);
  expect(response.status).toBe(404);
  expect(await response.text()).toContain('There is no meeting to make papers for');
});

it('answers matters-arising docx with a private download link, and the link gives the Word document', async () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  await send('chris', `meeting Parks Committee on ${today}`);
  await send('chris', 'add @Priya to send the July figures by 31 December 2099 item 3');
  await send('priya', 'matters-arising docx');
  const pane = await channelPane('priya');
  const answer = pane.at(-1);
  expect(answer?.from).toBeNull();
  expect(answer?.html).toMatch(
    /<a href="\/console\/api\/papers\.docx\?as=priya" download>Download matters-arising-\d{4}-\d{2}-\d{2}\.docx<\/a>/,
  );
  // Only Priya sees it.
  expect((await channelPane('sam')).some((m) => m.id === answer?.id)).toBe(false);

  const response = await fetch(`${t.baseUrl}/console/api/papers.docx?as=priya`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="?matters-arising-\d{4}-\d{2}-\d{2}\.docx"?$/,
  );
  const doc = await readDocx(new Uint8Array(await response.arrayBuffer()));
  expect(headings(doc)[0]).toMatch(/^Matters arising from Parks Committee, /);
  expect(headings(doc)[1]).toBe('Item 3');
  expect(tables(doc)[0]?.[1]?.slice(0, 5)).toEqual([
    '#1',
    'Priya',
    'send the July figures',
    'Thu 31 Dec 2099',
    'Ongoing',
  ]);
});

it('refuses a download for someone who is not a demo person', async () => {
  const response = await fetch(`${t.baseUrl}/console/api/papers.docx?as=mallory`);
  expect(response.status).toBe(400);
});
