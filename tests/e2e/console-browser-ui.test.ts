/**
 * The console's page as a newcomer finds it, in a real browser (Debian's chromium through playwright-core)
 * against the real service: where "Reply in thread" is offered, where a new message lands when the channel
 * is scrolled up, where the private answer to a pressed button appears, whether the More menu fits a phone,
 * what a message over the length limit gets, and what Snooze and Reassign confirm.
 */
import type { Locator, Page } from 'playwright-core';
import {
  type ConsoleBrowser,
  cardOf,
  launchConsoleBrowser,
  messageIn,
  openConsoleAs,
  switchPerson,
  typeInto,
} from '../support/console-page';
import { type ConsoleService, startConsoleService } from '../support/start-console';

const CHANNEL = { platform: 'console', team: 'demo', channel: 'committee' } as const;

let t: ConsoleService;
let browser: ConsoleBrowser;
let chris: Page;
let priya: Page;
const pageErrors: string[] = [];

/** Sends what a person types in the channel's box straight to the server, as the page does. */
async function sendAs(as: string, text: string): Promise<void> {
  const response = await fetch(`${t.baseUrl}/console/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, pane: 'channel', text }),
  });
  expect(response.status).toBe(200);
}

/** Whether the element is inside the visible part of the channel's message list. */
async function inChannelView(page: Page, element: Locator): Promise<boolean> {
  const list = await page.locator('#channel-messages').boundingBox();
  const box = await element.boundingBox();
  if (!list || !box) return false;
  return box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1;
}

/** Waits until `check` holds, looking again every 100 ms for up to 10 s (the page updates live). */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still not true after 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function scrollChannelToTop(page: Page): Promise<void> {
  await page.locator('#channel-messages').evaluate((list) => {
    list.scrollTop = 0;
  });
}

beforeAll(async () => {
  t = await startConsoleService();
  browser = await launchConsoleBrowser();
  // Enough actions that the channel scrolls, added before the pages open.
  for (let n = 1; n <= 8; n += 1)
    await sendAs('chris', `add @Priya to check the figures for ward ${n} by 31 December 2035`);
  chris = await openConsoleAs(browser.context, t.baseUrl, 'chris', pageErrors);
  priya = await openConsoleAs(browser.context, t.baseUrl, 'priya', pageErrors);
  await cardOf(chris, 8).waitFor();
}, 90_000);

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('offers Reply in thread under action cards, and not under posts a reply means nothing to', async () => {
  const welcome = messageIn(chris, 'channel', 'Welcome to Arising');
  await welcome.waitFor();
  expect(await welcome.locator('.reply-link').count()).toBe(0);
  expect(await cardOf(chris, 1).locator(':scope > .content > .reply-link').count()).toBe(1);
  // What a person typed, and an answer only they see, take no reply either.
  expect(await messageIn(chris, 'channel', 'ward 1').first().locator('.reply-link').count()).toBe(0);
});

it('scrolls to a command the person sent while scrolled up, and to what it posts', async () => {
  await scrollChannelToTop(chris);
  await typeInto(chris, 'channel', 'add @Sam to print the agenda');
  const typed = chris.locator('#channel-messages > li.msg.from-person', { hasText: 'print the agenda' });
  await typed.waitFor();
  const added = cardOf(chris, 9);
  await added.waitFor();
  await eventually('the new card is in view', () => inChannelView(chris, added));
  expect(await chris.locator('#channel-new-below').isVisible()).toBe(false);
  // A private answer lands in view too.
  await scrollChannelToTop(chris);
  await typeInto(chris, 'channel', 'list mine');
  const answer = messageIn(chris, 'channel', 'Only visible to you').last();
  await answer.filter({ hasText: /none/i }).waitFor();
  await eventually('the answer is in view', () => inChannelView(chris, answer));
});

it('shows a "new messages below" sign when someone else posts while the channel is scrolled up', async () => {
  await scrollChannelToTop(chris);
  await typeInto(priya, 'channel', 'add @Sam to book the hall');
  const added = cardOf(chris, 10);
  await added.waitFor();
  const sign = chris.locator('#channel-new-below');
  await sign.waitFor();
  expect(await inChannelView(chris, added)).toBe(false);
  await sign.click();
  await eventually('the new card is in view', () => inChannelView(chris, added));
  await sign.waitFor({ state: 'hidden' });
});

it('shows the private answer to a refused button press next to the card that was pressed', async () => {
  await switchPerson(priya, 'sam');
  const pressed = cardOf(priya, 2);
  await pressed.locator('button[data-button="done"]').click();
  const refusal = pressed.locator('.thread li.msg', { hasText: 'You can’t close #2' });
  const refusalAscii = pressed.locator('.thread li.msg', { hasText: "You can't close #2" });
  await refusal.or(refusalAscii).waitFor();
  // Not at the end of the channel as a message of its own.
  expect(
    await priya.locator('#channel-messages > li.msg.ephemeral', { hasText: /can.t close/ }).count(),
  ).toBe(0);
  expect(
    await cardOf(chris, 2)
      .locator('.thread li.msg', { hasText: /can.t close/ })
      .count(),
  ).toBe(0);
  expect((await t.store.get(CHANNEL, 2))?.state).toBe('open');
  await switchPerson(priya, 'priya');
});

it('keeps the More menu inside the window on a phone, even on the last card', async () => {
  const phone = await browser.context.newPage();
  phone.on('pageerror', (error) => pageErrors.push(`phone: ${error.message}`));
  try {
    await phone.setViewportSize({ width: 375, height: 667 });
    await phone.goto(t.baseUrl);
    await phone.locator('body[data-ready="true"]').waitFor();
    const last = cardOf(phone, 10);
    await last.scrollIntoViewIfNeeded();
    await last.locator('.v-menu > summary').click();
    const items = last.locator('.v-menu-items button[data-button]');
    expect(await items.count()).toBeGreaterThan(0);
    const outside: string[] = [];
    await eventually('every menu item is inside the window and uncovered', async () => {
      outside.length = 0;
      for (const item of await items.all()) {
        // Inside the window, and the point at its middle is the item itself (nothing clips or covers it).
        const fits = await item.evaluate((element) => {
          const r = element.getBoundingClientRect();
          const doc = element.ownerDocument;
          const { clientWidth, clientHeight } = doc.documentElement;
          const inside = r.left >= 0 && r.top >= 0 && r.right <= clientWidth && r.bottom <= clientHeight;
          return inside && doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === element;
        });
        if (!fits) outside.push((await item.textContent()) ?? '');
      }
      return outside.length === 0;
    }).catch((error: Error) => {
      throw new Error(`${error.message} (outside or covered: ${outside.join(', ')})`);
    });
  } finally {
    await phone.close();
  }
});

it('answers a 50,000-character message with the limit and what to do, keeps it in the box, and stores nothing', async () => {
  const long = `add @Sam to ${'read every page '.repeat(3125)}`.slice(0, 50_000);
  const before = (await t.store.list(CHANNEL, 'all')).length;
  await typeInto(chris, 'channel', long);
  const toast = chris.locator('#toast');
  await toast.waitFor();
  const said = (await toast.textContent()) ?? '';
  expect(said).toContain('50,000 characters');
  expect(said).toContain('3,000');
  expect(said).toMatch(/shorten/i);
  expect(said).not.toMatch(/string|at most 40000|character\(s\)/i);
  expect(await chris.locator('#channel-form input[name="text"]').inputValue()).toBe(long);
  const panes = await (await fetch(`${t.baseUrl}/console/api/panes?as=chris`)).json();
  expect(JSON.stringify(panes)).not.toContain('read every page read every page');
  expect((await t.store.list(CHANNEL, 'all')).length).toBe(before);
  await chris.locator('#channel-form input[name="text"]').fill('');
});

it('refuses a thread reply, a DM answer or a menu item’s words over the limit the same way, before storing them', async () => {
  const post = (path: string, body: unknown) =>
    fetch(`${t.baseUrl}/console/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const card = await t.store.get(CHANNEL, 4);
  const thread = card?.message?.id;
  if (!thread) throw new Error('Expected the card of #4');
  const reply = await post('send', { as: 'priya', pane: 'channel', text: 'z'.repeat(4_000), thread });
  expect(reply.status).toBe(413);
  expect(((await reply.json()) as { reason: string }).reason).toContain(
    'That message is 4,000 characters long; Arising takes at most 3,000',
  );
  // In a DM pane, words that start with no subcommand answer the latest reminder: a reply's limit.
  const dm = await post('send', { as: 'priya', pane: 'dm', text: `z${' waiting on finance'.repeat(200)}` });
  expect(dm.status).toBe(413);
  const value = JSON.stringify({ c: CHANNEL, n: 4 });
  const pressed = await post('button', {
    as: 'chris',
    pane: 'channel',
    id: 'drop',
    value,
    input: 'z'.repeat(4_000),
  });
  expect(pressed.status).toBe(413);
  expect(((await pressed.json()) as { reason: string }).reason).toContain('3,000');
  const panes = await (await fetch(`${t.baseUrl}/console/api/panes?as=priya`)).json();
  expect(JSON.stringify(panes)).not.toContain('zzzz');
  expect((await t.store.get(CHANNEL, 4))?.state).toBe('open');
});

it('confirms Snooze with the new due date and Reassign with the new owners, next to the card', async () => {
  await switchPerson(priya, 'priya');
  const shown = cardOf(priya, 3);
  await shown.locator('button[data-button="snooze"]').click();
  await shown.locator('.thread li.msg', { hasText: /Snoozed #3: now due \w{3} \d{1,2} \w{3}/ }).waitFor();
  await shown.locator('.v-menu > summary').click();
  await shown.locator('button[data-button="reassign"]').click();
  const input = shown.locator('form.ask input');
  await input.fill('@Sam and WYP');
  await input.press('Enter');
  await shown.locator('.thread li.msg', { hasText: 'Reassigned #3 to @Sam and WYP.' }).waitFor();
});
