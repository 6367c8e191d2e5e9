/**
 * The action's page over real HTTP (`GET /a/<token>`, `POST /a/<token>`), against the real service,
 * Redis and the fake Slack Web API: what an owner reached by email sees, the headers that keep the token
 * and the page safe, every invalid link answered with the same 404 page, answers stored as the address
 * with the channel's card updated, a bad date shown beside its field, and no page without PUBLIC_URL.
 */
import {
  addEmailAction,
  OWNER_ADDRESS,
  pageLink,
  startPageService,
  updatedCard,
} from '../support/action-page';
import { slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  t = await startPageService();
});

afterAll(async () => {
  await t.stop();
});

function post(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

function expectPageHeaders(response: Response): void {
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('script-src');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-robots-tag')).toBe('noindex');
}

it('shows the action, its owner, due date, state, channel, meeting and history, with its forms', async () => {
  // One after the other, each applied before the next is sent, as a person typing them would.
  await t.send(slashCommand(t.where, 'meeting Road Safety <Panel> on 1 July 2026', t.slack.responseUrl()));
  await eventually(async () => (await t.store.getMeetings(t.channel)).current !== null);
  await t.send(slashCommand(t.where, 'meeting next 2 September 2026 14:00', t.slack.responseUrl()));
  await eventually(async () => (await t.store.getMeetings(t.channel)).next !== null);
  const { number } = await addEmailAction(t, 'send the KSI data for <https://example.org/ksi|the review>');
  const response = await fetch(await pageLink(t, number));
  expect(response.status).toBe(200);
  expectPageHeaders(response);
  const html = await response.text();
  expect(html).toContain('<html lang="en">');
  expect(html).toContain(`<h1>Action #${number}</h1>`);
  expect(html).toContain(
    'send the KSI data for <a href="https://example.org/ksi" rel="noopener noreferrer nofollow">the review</a>',
  );
  expect(html).toContain(OWNER_ADDRESS);
  expect(html).toContain('Fri 31 Jul');
  expect(html).toContain('Slack channel C0COMMITTEE');
  expect(html).toContain('<dt>Meeting</dt><dd>Road Safety &lt;Panel&gt;</dd>');
  expect(html).toContain('<dt>Next meeting</dt><dd>Wed 2 Sep 2026');
  expect(html).toContain('U0CHAIR: Raised');
  for (const field of ['do', 'text', 'date']) expect(html).toContain(`name="${field}"`);
  expect(html).not.toContain('<script');
  expect(Buffer.byteLength(html)).toBeLessThan(8_000);
});

it('answers every link that is not valid with the same small 404 page', async () => {
  const { number } = await addEmailAction(t, 'check the figures');
  const good = await pageLink(t, number);
  const token = good.slice(good.lastIndexOf('/') + 1);
  const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
  const bad = [
    `${t.baseUrl}/a/${altered}`,
    `${t.baseUrl}/a/not-a-token`,
    await pageLink(t, 999),
    await pageLink(t, number, 'someone@else.example.org'),
  ];
  for (const url of bad) {
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expectPageHeaders(response);
    expect(await response.text()).toContain('This link is not valid');
    expect((await post(url, { do: 'done', text: '' })).status).toBe(404);
  }
  expect((await t.store.get(t.channel, number))?.state).toBe('open');
});

it('adds a note as the address, escapes it, confirms it and updates the channel card', async () => {
  const { number, ts } = await addEmailAction(t, 'draft the report');
  const url = await pageLink(t, number);
  const response = await post(url, { do: 'note', text: 'Half done <img src=x onerror=alert(1)>' });
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(/^[A-Za-z0-9_-]{44}\?ok=note$/);
  const html = await (await fetch(new URL(location, url))).text();
  expect(html).toContain('role="status">Your note was added.');
  expect(html).toContain(`${OWNER_ADDRESS}: Note: Half done &lt;img src=x onerror=alert(1)&gt;`);
  expect(html).not.toContain('<img');
  const card = await updatedCard(t, ts);
  expect(card).toContain('Half done');
  expect(card).toContain(OWNER_ADDRESS);
  expect(card).not.toContain(`<@${OWNER_ADDRESS}>`);
  expect((await t.store.history(t.channel, number)).at(-1)).toMatchObject({
    kind: 'note',
    by: OWNER_ADDRESS,
  });
});

it('moves the due date read in the channel’s zone, and shows a bad one beside its field', async () => {
  const { number } = await addEmailAction(t, 'book the room');
  const url = await pageLink(t, number);
  const bad = await post(url, { do: 'due', date: 'someday' });
  expect(bad.status).toBe(422);
  expectPageHeaders(bad);
  const html = await bad.text();
  expect(html).toMatch(
    /<input type="date" id="due-input" name="date" aria-invalid="true" aria-describedby="due-error" value="someday">/,
  );
  expect(html).toContain('<p class="error" id="due-error">I couldn');
  expect((await t.store.history(t.channel, number)).length).toBe(1);
  const good = await post(url, { do: 'due', date: '2026-08-14' });
  expect(good.status).toBe(303);
  const action = await t.store.get(t.channel, number);
  expect(action?.due).toMatchObject({ date: '2026-08-14', at: '2026-08-14T16:00:00.000Z' });
  const page = await (await fetch(new URL(good.headers.get('location') ?? '', url))).text();
  expect(page).toContain('The due date is now Fri 14 Aug');
});

it('closes the action as the address, with its note, and the card says who closed it', async () => {
  const { number, ts } = await addEmailAction(t, 'send the minutes');
  const url = await pageLink(t, number);
  expect((await post(url, { do: 'done', text: 'Sent on Monday' })).status).toBe(303);
  expect(await t.store.get(t.channel, number)).toMatchObject({
    state: 'done',
    closedBy: OWNER_ADDRESS,
    closeNote: 'Sent on Monday',
  });
  const card = await updatedCard(t, ts);
  expect(card).toContain(`Closed by ${OWNER_ADDRESS}`);
  const html = await (await fetch(url)).text();
  expect(html).toContain('Done');
  expect(html).not.toContain('name="date"');
  // Done again (from a second tab): refused in words, nothing changed.
  const again = await post(url, { do: 'done', text: 'twice' });
  expect(again.status).toBe(422);
  expect(await again.text()).toContain(`role="alert">#${number} is already closed`);
  expect((await t.store.history(t.channel, number)).length).toBe(2);
});

it('serves no page without PUBLIC_URL', async () => {
  const bare = await startTestService({ now: '2026-07-01T09:00:00Z' });
  try {
    const { number } = await addEmailAction(bare, 'send the KSI data');
    const link = await pageLink(bare, number);
    expect((await fetch(link)).status).toBe(404);
    expect((await post(link, { do: 'done', text: '' })).status).toBe(404);
    expect((await bare.store.get(bare.channel, number))?.state).toBe('open');
  } finally {
    await bare.stop();
  }
});

it('refuses a form that is not one of the page’s, and a body too large for one, storing nothing', async () => {
  const { number } = await addEmailAction(t, 'file the returns');
  const url = await pageLink(t, number);
  const unknown = await post(url, { do: 'drop', text: 'no' });
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain('That form is not one of this page’s.');
  expect((await post(url, { do: 'note', text: 'x'.repeat(20_000) })).status).toBe(413);
  expect(await t.store.history(t.channel, number)).toHaveLength(1);
});
