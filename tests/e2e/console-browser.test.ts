/**
 * The console in a real browser: Debian's chromium, driven by playwright-core, against the real service
 * (console on, workers running, real clock, real Redis and BullMQ). Two pages are open at once, as two
 * people at two screens, so what one does must reach the other live, through the event stream.
 *
 * The life of an action: Chris sets reminders to the due time and adds an action for Priya due at the
 * next minute; the card appears on both screens; the reminder fired by the real BullMQ job arrives in
 * Priya's DM pane without a reload; Priya answers `done` there, and the card closes on both screens and
 * the reminder updates. On the way: an answer only the person who acted sees, markup typed into a task
 * shown as text, a thread reply kept as a note, a menu item that asks for a new due date, Done pressed by
 * another person, and minutes pasted into the import form.
 */
import type { Page } from 'playwright-core';
import {
  type ConsoleBrowser,
  cardOf as card,
  launchConsoleBrowser,
  messageIn as message,
  openConsoleAs,
  switchPerson as switchTo,
  typeInto as type,
} from '../support/console-page';
import { type ConsoleService, startConsoleService } from '../support/start-console';

let t: ConsoleService;
let browser: ConsoleBrowser;
let chris: Page;
let priya: Page;
/** When the first action falls due (and its reminder fires): the next whole minute at least 20 s away. */
let dueAt: Date;
/** Script errors in the pages: there must be none. */
const pageErrors: string[] = [];

/** `YYYY-MM-DD HH:mm` in London, the service's default zone. */
function londonMinute(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const openAs = (person: string): Promise<Page> =>
  openConsoleAs(browser.context, t.baseUrl, person, pageErrors);

beforeAll(async () => {
  t = await startConsoleService();
  browser = await launchConsoleBrowser();
  chris = await openAs('chris');
  priya = await openAs('priya');
}, 60_000);

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('shows the demo channel with its welcome, and the chair as a chair', async () => {
  await message(chris, 'channel', 'Welcome to Arising').waitFor();
  expect(await chris.locator('#dm-name').textContent()).toBe('Chris (chair)');
  expect(
    (await t.store.getSettings({ platform: 'console', team: 'demo', channel: 'committee' })).chairs,
  ).toEqual(['chris']);
});

it('adds an action typed in the message box, and its card appears on both screens at once', async () => {
  await type(chris, 'channel', '/action settings reminders 0');
  await message(chris, 'channel', 'Only visible to you').last().waitFor();
  dueAt = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  await type(chris, 'channel', `add @Priya to send the July figures by ${londonMinute(dueAt)}`);
  for (const page of [chris, priya]) {
    const shown = card(page, 1);
    await shown.waitFor();
    expect(await shown.textContent()).toContain('send the July figures');
    expect(await shown.locator('.v-field', { hasText: 'Owner' }).textContent()).toContain('@Priya');
    expect(await shown.locator('button[data-button="done"]').isVisible()).toBe(true);
  }
});

it('shows an answer only to the person who asked', async () => {
  await type(chris, 'channel', 'list');
  const answer = message(chris, 'channel', 'Only visible to you').filter({
    hasText: 'send the July figures',
  });
  await answer.last().waitFor();
  await priya.waitForTimeout(500);
  expect(await message(priya, 'channel', 'Only visible to you').count()).toBe(0);
});

it('shows markup typed into a task as text, never as markup', async () => {
  await type(chris, 'channel', 'add @Sam to check <img src=x onerror="window.pwned=1"> & <b>bold</b> claims');
  const shown = card(chris, 2);
  await shown.waitFor();
  expect(await shown.locator('.v-section').first().textContent()).toBe(
    '#2 check <img src=x onerror="window.pwned=1"> & <b>bold</b> claims',
  );
  expect(await shown.locator('img, b').count()).toBe(0);
  expect(await chris.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
});

it('keeps a reply in a card’s thread as a progress note, shown on the card for everyone', async () => {
  await switchTo(priya, 'sam');
  const shown = card(priya, 2);
  await shown.locator('.reply-link').click();
  const reply = shown.locator('.thread-form input');
  await reply.fill('waiting for the figures from finance');
  await reply.press('Enter');
  await shown.locator('.thread li.msg', { hasText: 'Noted on #2.' }).waitFor();
  for (const page of [chris, priya]) {
    await card(page, 2).locator('.v-context', { hasText: 'Latest note from @Sam' }).waitFor();
  }
  expect(await card(chris, 2).locator('.thread li.msg', { hasText: 'Noted on #2.' }).count()).toBe(0);
  expect(await card(chris, 2).locator('.thread li.msg', { hasText: 'waiting for the figures' }).count()).toBe(
    1,
  );
});

it('asks for a new due date when Change due date is chosen from the menu', async () => {
  const shown = card(priya, 2);
  await shown.locator('.v-menu > summary').click();
  await shown.locator('button[data-button="change-due"]').click();
  const input = shown.locator('form.ask input');
  await input.fill('31 December 2035');
  await input.press('Enter');
  await card(chris, 2).locator('.v-field', { hasText: 'Mon 31 Dec 2035' }).waitFor();
});

it('closes an action when its owner, switched to, presses Done, and shows it closed everywhere', async () => {
  await card(priya, 2).locator('button[data-button="done"]').click();
  for (const page of [chris, priya]) {
    const shown = card(page, 2);
    await shown.locator('.v-field', { hasText: '✅ Done' }).waitFor();
    expect(await shown.locator('s').count()).toBe(1);
    expect(await shown.locator('button[data-button]').count()).toBe(0);
    expect(await shown.locator('.v-context', { hasText: 'Closed by @Sam' }).count()).toBe(1);
  }
  expect((await t.store.get({ platform: 'console', team: 'demo', channel: 'committee' }, 2))?.state).toBe(
    'done',
  );
});

it('imports pasted minutes: `import` opens the form, the preview is shown, Import stores them', async () => {
  await type(chris, 'channel', '/action import');
  const dialog = chris.locator('#import-dialog');
  await dialog.waitFor();
  await dialog
    .locator('textarea')
    .fill(
      'Committee meeting, 3 November 2026\n\nActions\n1. Priya to circulate the draft budget\n2. Sam to book the venue for the AGM\n',
    );
  await dialog.locator('button[type="submit"]').click();
  const preview = message(chris, 'channel', 'book the venue for the AGM').filter({
    hasText: 'Only visible to you',
  });
  await preview.waitFor();
  await preview.locator('button[data-button="import-confirm"]').click();
  await card(chris, 4).waitFor();
  expect(await card(chris, 3).textContent()).toContain('circulate the draft budget');
  expect(await card(chris, 4).textContent()).toContain('book the venue for the AGM');
  await card(priya, 4).waitFor();
});

it('is readable on a phone-sized window: one pane at a time, switched by tabs, nothing wider than the screen', async () => {
  const phone = await browser.context.newPage();
  try {
    await phone.setViewportSize({ width: 390, height: 760 });
    await phone.goto(t.baseUrl);
    await phone.locator('body[data-ready="true"]').waitFor();
    expect(await phone.locator('#tab-channel').isVisible()).toBe(true);
    expect(await phone.locator('#channel-pane').isVisible()).toBe(true);
    expect(await phone.locator('#dm-pane').isVisible()).toBe(false);
    expect(await card(phone, 1).isVisible()).toBe(true);
    // How far the page is wider than the window (evaluated in the page, where the DOM is).
    const overflow = async () =>
      Number(await phone.evaluate('document.documentElement.scrollWidth - innerWidth'));
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.locator('#tab-dm').click();
    expect(await phone.locator('#dm-pane').isVisible()).toBe(true);
    expect(await phone.locator('#channel-pane').isVisible()).toBe(false);
    expect(await overflow()).toBeLessThanOrEqual(0);
  } finally {
    await phone.close();
  }
});

it('sends the reminder through the real BullMQ job to the owner’s DM pane live, and `done` there closes it everywhere', async () => {
  await switchTo(priya, 'priya');
  const reminder = message(priya, 'dm', 'send the July figures');
  const waitMs = dueAt.getTime() - Date.now() + 30_000;
  await reminder.waitFor({ timeout: Math.max(waitMs, 30_000) });
  expect(await reminder.locator('.meta strong').textContent()).toBe('Arising');
  expect(await chris.locator('#dm-messages > li.msg').count()).toBe(0);
  const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
  expect(metrics).toContain('arising_reminders_sent_total{platform="console"} 1');

  await type(priya, 'dm', 'done');
  for (const page of [chris, priya])
    await card(page, 1).locator('.v-field', { hasText: '✅ Done' }).waitFor();
  await reminder.locator('.meta .edited').waitFor();
  expect(await reminder.locator('button[data-button="done"]').count()).toBe(0);
  expect((await t.store.get({ platform: 'console', team: 'demo', channel: 'committee' }, 1))?.closedBy).toBe(
    'priya',
  );
}, 150_000);
