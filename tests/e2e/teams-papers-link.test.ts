/**
 * `matters-arising docx` in Teams, where a bot cannot post a file in a channel: with PUBLIC_URL set the
 * answer is a download link (`PUBLIC_URL/papers/<token>`) that works for a day and gives the Word
 * document as the actions are when it is opened; an altered, expired or action-page token gets 404.
 */

import { cardProblems } from '../support/adaptive-card-check';
import { headings, readDocx, tables } from '../support/docx-read';
import { type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import {
  BOT_MENTION,
  CHAIR,
  channelMessage,
  installInTeam,
  type Mention,
  PRIYA,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

const PUBLIC_URL = 'https://arising.example.org';
let t: TeamsService;

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z', env: { PUBLIC_URL } });
  await t.post(installInTeam(t));
  await say('meeting Summer Board on 30 June 2026');
  await say('add <at>Priya Patel</at> to send the KSI data by 20 July item 5', [{ person: PRIYA }]);
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

async function say(text: string, people: Mention[] = [], from = CHAIR): Promise<void> {
  const response = await t.post(
    channelMessage(t, `<at>Arising</at> ${text}`, [BOT_MENTION, ...people], { from }),
  );
  expect(response.status).toBe(200);
}

/** The papers link in the answer to `matters-arising docx`, pointed at the service under test. */
async function askForPapers(): Promise<string> {
  await say('matters-arising docx');
  const [answer] = await t.connector.waitFor('reply');
  const call = answer as ConnectorCall;
  for (const card of cardsOf(call)) expect(cardProblems(card)).toEqual([]);
  expect(shownText(call)).toContain('Download matters-arising');
  // The words open the link when tapped.
  const link = /"url":"(https:\/\/arising\.example\.org\/papers\/[A-Za-z0-9_-]+)"/.exec(
    JSON.stringify(cardsOf(call)),
  )?.[1];
  expect(link).toBeDefined();
  return (link as string).replace(PUBLIC_URL, t.baseUrl);
}

it('answers with a download link that gives the Word document of the papers', async () => {
  const link = await askForPapers();
  const response = await fetch(link);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('wordprocessingml');
  expect(response.headers.get('content-disposition')).toMatch(
    /attachment; filename="?matters-arising-2026-06-30\.docx/,
  );
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const doc = await readDocx(new Uint8Array(await response.arrayBuffer()));
  expect(headings(doc).join('\n')).toContain('Item 5');
  const rows = tables(doc).flat();
  expect(
    rows.some((row) => row.join(' ').includes('send the KSI data') && row.join(' ').includes('Priya Patel')),
  ).toBe(true);
});

it('makes the document when the link is opened, so a later change shows', async () => {
  const link = await askForPapers();
  await say('note 1 the July figures are in');
  const doc = await readDocx(new Uint8Array(await (await fetch(link)).arrayBuffer()));
  expect(doc.rawText).toContain('the July figures are in');
});

it('refuses an altered link, and one a day old', async () => {
  const link = await askForPapers();
  const last = link.at(-1) === 'A' ? 'B' : 'A';
  expect((await fetch(`${link.slice(0, -1)}${last}`)).status).toBe(404);
  t.setNow('2026-07-02T09:00:01Z');
  try {
    const stale = await fetch(link);
    expect(stale.status).toBe(404);
    expect(await stale.text()).toContain('not valid');
  } finally {
    t.setNow('2026-07-01T09:00:00Z');
  }
});
