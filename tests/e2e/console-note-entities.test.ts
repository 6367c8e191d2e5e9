/**
 * A progress note in the console keeps the person and the link it was written with, as a task does: over
 * the console's HTTP routes (what the page calls) against the real service and Redis, the card in the
 * channel pane shows the person by name and the link as a link, never raw markup.
 */
import { type ConsoleService, startConsoleService } from '../support/start-console';

let t: ConsoleService;

beforeAll(async () => {
  t = await startConsoleService();
});

afterAll(async () => {
  await t.stop();
});

async function sendAs(as: string, text: string): Promise<void> {
  const response = await fetch(`${t.baseUrl}/console/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, pane: 'channel', text }),
  });
  expect(response.status).toBe(200);
}

/** The channel pane's messages as Chris sees them, as HTML. */
async function channelHtml(): Promise<string[]> {
  const response = await fetch(`${t.baseUrl}/console/api/panes?as=chris`);
  return ((await response.json()) as { channel: { html: string }[] }).channel.map((m) => m.html);
}

it('shows a note’s mention as the person’s name and its link as a link on the card', async () => {
  await sendAs('chris', 'add @Priya to send the figures');
  await sendAs('priya', 'note 1 asked @Sam for <https://x.org/report|the report>');
  const card = (await channelHtml()).findLast((html) => html.includes('Latest note from')) ?? '';
  expect(card).toMatch(
    /asked <[^>]*>@?Sam<\/[^>]*> for <a [^>]*href="https:\/\/x.org\/report"[^>]*>the report<\/a>/,
  );
  expect(card).not.toContain('&lt;@');
  expect(card).not.toContain('&lt;https');
});
