/**
 * The action's page in a real browser (Debian's chromium through playwright-core) at a phone's size,
 * against the real service, Redis and the fake Slack Web API: an owner reached by email opens the link,
 * sees the action, adds a progress note, sets a new due date with the date picker's field and presses
 * Done, each answered with a one-line confirmation, and the channel's card in Slack shows each change.
 * On the way, the basics of accessibility as a browser sees them: the page's language, a label for every
 * control, headings in order, landmarks, a visible focus, no sideways scrolling, and the style sheet
 * applied under the Content-Security-Policy (a blocked one would leave the button unstyled).
 */
import type { Page } from 'playwright-core';
import {
  addEmailAction,
  OWNER_ADDRESS,
  pageLink,
  startPageService,
  updatedCard,
} from '../support/action-page';
import { type ConsoleBrowser, launchConsoleBrowser } from '../support/console-page';
import type { TestService } from '../support/start-server';

let t: TestService;
let browser: ConsoleBrowser;
let page: Page;
let card: { number: number; ts: string };
/** Script errors and console errors (a CSP violation is one): there must be none. */
const problems: string[] = [];

beforeAll(async () => {
  t = await startPageService();
  browser = await launchConsoleBrowser();
  card = await addEmailAction(t, 'send the KSI data for <https://example.org/ksi|the review>');
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(await pageLink(t, card.number));
}, 60_000);

afterEach(() => {
  expect(problems).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const status = () => page.getByRole('status');

it('shows the action to its owner at a phone’s width, in one column', async () => {
  await page.getByRole('heading', { level: 1, name: `Action #${card.number}` }).waitFor();
  await page.getByRole('link', { name: 'the review' }).waitFor();
  const main = page.getByRole('main');
  expect(await main.textContent()).toContain(OWNER_ADDRESS);
  expect(await main.textContent()).toContain('Fri 31 Jul');
  const sideways = Number(await page.evaluate('document.documentElement.scrollWidth - innerWidth'));
  expect(sideways).toBeLessThanOrEqual(0);
});

it('has a language, landmarks, a label for every control and headings in order', async () => {
  // Evaluated in the page, where the DOM is (the tests' TypeScript has no DOM types).
  const facts = (await page.evaluate(`(() => {
    const controls = [...document.querySelectorAll('input:not([type=hidden]), textarea, select, button')];
    const unlabelled = controls
      .filter((el) => el.tagName === 'BUTTON' ? el.textContent.trim() === '' : el.labels.length === 0)
      .map((el) => el.outerHTML);
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    return {
      lang: document.documentElement.lang,
      viewport: document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? '',
      controls: controls.length,
      unlabelled,
      levels,
      landmarks: ['header', 'main', 'footer'].map((tag) => document.querySelectorAll(tag).length),
    };
  })()`)) as {
    lang: string;
    viewport: string;
    controls: number;
    unlabelled: string[];
    levels: number[];
    landmarks: number[];
  };
  expect(facts.lang).toBe('en');
  expect(facts.viewport).toContain('width=device-width');
  expect(facts.controls).toBe(6);
  expect(facts.unlabelled).toEqual([]);
  expect(facts.levels[0]).toBe(1);
  facts.levels.forEach((level, i) => {
    if (i > 0) expect(level).toBeLessThanOrEqual((facts.levels[i - 1] ?? 1) + 1);
  });
  expect(facts.landmarks).toEqual([1, 1, 1]);
});

it('styles the page under its policy and shows where the keyboard is', async () => {
  const button = page.getByRole('button', { name: 'Add note' });
  const style = (property: string) =>
    page.evaluate(`getComputedStyle(document.activeElement).${property}`) as Promise<string>;
  await button.focus();
  expect(await style('backgroundColor')).toBe('rgb(11, 87, 208)');
  await page.getByLabel('Progress note', { exact: true }).focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.textContent')).toBe('Add note');
  expect(await style('outlineStyle')).toBe('solid');
});

it('adds a progress note, confirmed on the page and shown on the channel’s card', async () => {
  await page.getByLabel('Progress note', { exact: true }).fill('Figures requested from the analyst');
  await page.getByRole('button', { name: 'Add note' }).click();
  await status().filter({ hasText: 'Your note was added.' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Note: Figures requested from the analyst' }).waitFor();
  expect(await updatedCard(t, card.ts)).toContain('Figures requested from the analyst');
});

it('sets a new due date from the date field, read in the channel’s zone', async () => {
  t.slack.reset();
  await page.getByLabel('New due date', { exact: true }).fill('2026-08-14');
  await page.getByRole('button', { name: 'Change due date' }).click();
  await status().filter({ hasText: 'The due date is now Fri 14 Aug' }).waitFor();
  expect(await updatedCard(t, card.ts)).toContain('Fri 14 Aug');
  expect((await t.store.get(t.channel, card.number))?.due?.at).toBe('2026-08-14T16:00:00.000Z');
});

it('marks it done with a note; the page and the card say so, and Done is gone', async () => {
  t.slack.reset();
  await page.getByLabel('Note (optional)', { exact: true }).fill('Sent to the clerk');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await status().filter({ hasText: 'Marked as done.' }).waitFor();
  expect(await page.getByRole('main').textContent()).toContain('✅ Done');
  expect(await page.getByRole('button', { name: 'Done', exact: true }).count()).toBe(0);
  const shown = await updatedCard(t, card.ts);
  expect(shown).toContain(`Closed by ${OWNER_ADDRESS}`);
  expect(shown).toContain('Sent to the clerk');
});
