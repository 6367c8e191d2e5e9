/**
 * Bad input 9: action text full of Slack markup, mentions, an Adaptive Card expression, NUL, right-to-left
 * text with bidirectional controls and emoji, sent to the service process. It is stored as written (less
 * NUL and the bidirectional controls, which could make it read otherwise than it says), shown literally on
 * the card, in the list and in matters arising (no channel-wide ping, no mention or link made of what was
 * typed), every block within Slack's limits; text of 50,000 characters is refused with a clear message and
 * nothing is stored. Slack sends what a user typed with `<`, `>` and `&` escaped, so `<@U…>` and
 * `<http://…|…>` unescaped in a command are people and links the user picked: those stay live.
 */
import { faultWorld } from '../support/fault-world';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(60_000);

const world = faultWorld({ role: 'web' });
const chair: Where = { team: 'T0TEAM', channel: 'C0TEXT', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: chair.team, channel: chair.channel };

/** Every string inside the blocks: no section text over 3,000, no block list over 50. */
function blockTexts(blocks: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') texts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(blocks);
  return texts;
}

/** The bidirectional controls (overrides, embeddings, isolates and marks). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** What Arising keeps of typed text: all but NUL and the bidirectional controls. */
const kept = (typed: string): string => typed.split('\u0000').join('').replace(BIDI, '');

/** An Adaptive Card template expression, as a user might paste it (built so no linter takes it for a slip). */
const CARD_EXPRESSION = `$${'{'}user.name}`;

it('stores hostile text faithfully and shows it literally, pinging nobody', async () => {
  const task =
    'tell <!channel> and <!here> and <!everyone> and <@U0BOSS> about <http://evil.example|the prize> ' +
    'and &lt;@U0TYPED&gt; &lt;!channel&gt; &lt;http://typed.example|typed&gt; *now* ' +
    CARD_EXPRESSION +
    ' \u200Fעברית\u200E pay \u202Eevil\u202C \u2067x\u2069 🎉👩‍👩‍👧 a\u0000b';
  world.slack.reset();
  await sendToSlackEndpoint(
    world.app.baseUrl,
    slashCommand(chair, `add <@U0PRIYA|priya> to ${task} by 31 December 2030`, world.slack.responseUrl()),
  );
  const [card] = await world.slack.waitForCalls('chat.postMessage', 1, 10_000);
  const stored = (await world.store.list(channel, 'all'))[0];
  expect(stored?.text).toBeDefined();
  // Faithful: every visible part is kept as written; NUL and the bidirectional controls are dropped.
  expect(stored?.text).toBe(kept(task));

  const blocks = card?.body.blocks as { type: string }[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  const shown = [String(card?.body.text), ...blockTexts(blocks)].join('\n');
  for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U0TYPED>', '<http://typed.example|'])
    expect(shown).not.toContain(live);
  // The live mentions are the owner and the raiser, added by Arising itself, and the person picked in the
  // task; the link picked in the task is a link.
  expect([...shown.matchAll(/<@(U[0-9A-Z]+)>/g)].map((m) => m[1]).sort()).toEqual(
    expect.arrayContaining(['U0PRIYA', 'U0BOSS']),
  );
  expect(shown).toContain('<http://evil.example|the prize>');
  expect(shown).not.toMatch(/<!(channel|here|everyone)/);
  expect(shown).toContain('עברית');
  expect(shown).toContain('🎉');
  expect(shown).toContain(CARD_EXPRESSION);
  expect(shown).toContain('pay evil x');
  expect(shown).not.toMatch(BIDI);
  for (const text of blockTexts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
});

it('shows the task without bidirectional controls in the list and in matters arising', async () => {
  for (const command of ['list', 'matters-arising']) {
    world.slack.reset();
    await sendToSlackEndpoint(world.app.baseUrl, slashCommand(chair, command, world.slack.responseUrl()));
    const [answer] = await world.slack.waitForCalls('response_url', 1, 10_000);
    const shown = [String(answer?.body.text), ...blockTexts(answer?.body.blocks)].join('\n');
    expect({ command, shown: shown.includes('pay evil x') }).toEqual({ command, shown: true });
    expect(shown).not.toMatch(BIDI);
  }
});

it('refuses text of 50,000 characters with a clear message and stores nothing', async () => {
  const before = (await world.store.list(channel, 'all')).length;
  world.slack.reset();
  const long = 'x'.repeat(50_000);
  await sendToSlackEndpoint(
    world.app.baseUrl,
    slashCommand(chair, `add <@U0PRIYA|priya> to ${long} by 31 December 2030`, world.slack.responseUrl()),
  );
  const [reply] = await world.slack.waitForCalls('response_url', 1, 10_000);
  const text = JSON.stringify(reply?.body);
  expect(text.length).toBeLessThan(5000);
  expect(text).toMatch(/too long|characters/i);
  expect(await world.store.list(channel, 'all')).toHaveLength(before);
  expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
});
