/**
 * The action's page end to end: the real service with PUBLIC_URL set (so `/a/<token>` is served) on the
 * real Redis and the fake Slack Web API, an action owned by an email address added with the slash
 * command, and its page's link issued as the mail would issue it (the same tokens, on the same Redis).
 *
 *   const t = await startPageService();
 *   const { number } = await addEmailAction(t, 'send the KSI data');
 *   const url = await pageLink(t, number, OWNER_ADDRESS);   // http://127.0.0.1:<port>/a/<token>
 */
import { ActionPageTokens } from '../../src/core/action-page-tokens';
import { RedisPageLinks } from '../../src/store/redis-page-links';
import type { Body } from './fake-slack-api';
import { slashCommand } from './slack-signing';
import { eventually, startTestService, type TestService, type TestServiceOptions } from './start-server';

export const OWNER_ADDRESS = 'data@wyp.example.org';

/** The service with the action pages served (PUBLIC_URL set; links point at the test's own port). */
export function startPageService(options: TestServiceOptions = {}): Promise<TestService> {
  return startTestService({
    now: '2026-07-01T09:00:00Z',
    ...options,
    env: { PUBLIC_URL: 'https://arising.example.org', ...options.env },
  });
}

/** Adds an action owned by `owners` with the slash command; its number and the ts of its card. */
export async function addEmailAction(
  t: TestService,
  task: string,
  owners = OWNER_ADDRESS,
): Promise<{ number: number; ts: string }> {
  t.slack.reset();
  await t.send(slashCommand(t.where, `add ${owners} to ${task} by 31 July`, t.slack.responseUrl()));
  // Waits for the action itself, not for a post: a late post of an earlier command could be taken for it.
  const action = await eventually(async () =>
    (await t.store.list(t.channel, 'open')).find((a) => a.text === task),
  );
  const ts = await eventually(async () => (await t.store.get(t.channel, action.number))?.message?.id);
  t.slack.reset();
  return { number: action.number, ts };
}

/** The page's link for `address`, as a mail would carry it, but on the test service's own address. */
export async function pageLink(t: TestService, number: number, address = OWNER_ADDRESS): Promise<string> {
  const tokens = new ActionPageTokens(new RedisPageLinks(t.redis.redis, t.redis.prefix), t.baseUrl);
  const link = await tokens.linkFor(t.channel, number, address, new Date('2026-07-01T09:00:00Z'));
  if (!link) throw new Error('No link was issued');
  return link;
}

/** The card's latest update in Slack (chat.update), as its blocks' text, once it has come. */
export async function updatedCard(t: TestService, ts: string): Promise<string> {
  const calls = await t.slack.waitForCalls('chat.update');
  const body: Body | undefined = calls.filter((c) => c.body.ts === ts).at(-1)?.body;
  if (!body) throw new Error(`The card ${ts} was not updated`);
  return JSON.stringify(body.blocks ?? []).replace(/\\"/g, '"');
}
