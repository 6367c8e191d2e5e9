/**
 * Driving the console page in a real browser (Debian's chromium through playwright-core) for the console's
 * end-to-end tests: launch a headless browser, open the page as one of the demo people, type into a pane,
 * and find messages and action cards the way a person sees them.
 *
 *   const browser = await launchConsoleBrowser();
 *   const page = await openConsoleAs(browser.context, t.baseUrl, 'chris', errors);
 *   await typeInto(page, 'channel', 'add @Priya to send the July figures by Friday');
 *   await cardOf(page, 1).waitFor();
 *   await browser.close();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** A headless chromium with a profile of its own, in a desktop-sized window. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'arising-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the page as `person`; script errors in it are pushed to `errors`. */
export async function openConsoleAs(
  context: BrowserContext,
  baseUrl: string,
  person: string,
  errors: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${person}'s page: ${error.message}`));
  await page.goto(baseUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await switchPerson(page, person);
  return page;
}

/** Chooses who the page acts as, and waits for the panes to load for them. */
export async function switchPerson(page: Page, person: string): Promise<void> {
  await page.locator(`#people button[data-person="${person}"]`).click();
  await page.locator(`#people button[data-person="${person}"][aria-pressed="true"]`).waitFor();
  await page.locator('body[data-ready="true"]').waitFor();
}

/** Types into a pane's message box and presses Enter. */
export async function typeInto(page: Page, pane: 'channel' | 'dm', text: string): Promise<void> {
  const input = page.locator(`#${pane}-form input[name="text"]`);
  await input.fill(text);
  await input.press('Enter');
}

/** A message in a pane with this text, at the top level (not a thread reply). */
export function messageIn(page: Page, pane: 'channel' | 'dm', hasText: string | RegExp): Locator {
  return page.locator(`#${pane}-messages > li.msg`, { hasText });
}

/** The card of action #n in the channel, found by its number. */
export function cardOf(page: Page, n: number): Locator {
  return page.locator('#channel-messages > li.msg.from-bot', {
    has: page.locator('.v-section strong', { hasText: new RegExp(`^#${n} $`) }),
  });
}
