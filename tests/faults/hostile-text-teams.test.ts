/**
 * Bad input 9 in Teams (the Slack counterpart is hostile-text.test.ts): action text full of Slack markup,
 * Teams Markdown, a typed `<at>` tag, Adaptive Card expressions, HTML entities, NUL, right-to-left text
 * with bidirectional controls and emoji, sent as Teams sends it (the user's `<`, `>` and `&` arrive HTML-encoded in activity.text)
 * through POST /api/messages into the real service, Redis and botbuilder adapter. It is stored as typed
 * (less NUL and the bidirectional controls, which could make it read otherwise than it says),
 * shown literally on the card (no formatting, link, mention or expression made of it; only the people
 * Arising itself names are mentioned), every card and text within Teams' limits; text of 50,000 characters
 * is refused with a clear message and nothing is stored.
 */
import { MAX_COMMAND_LENGTH } from '../../src/core/text-limits';
import { MAX_CARD_BYTES } from '../../src/teams/adaptive-cards';
import { MAX_ELEMENT_TEXT } from '../../src/teams/card-text';
import { cardProblems } from '../support/adaptive-card-check';
import { type ConnectorCall, cardsOf, shownText } from '../support/fake-bot-connector';
import { eventually } from '../support/start-server';
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

jest.setTimeout(60_000);

const ZWSP = /\u200B/g;

/** An Adaptive Card template expression and a date function, as a user might paste them. */
const TEMPLATE = `$${'{'}user.name}`;
const DATE_FUNCTION = '{{DATE(2026-07-31T09:00:00Z, SHORT)}}';

/** Everything scenario 9 throws at a card, as the user types it. */
const HOSTILE =
  'tell <!channel> and <!here> and <@U0BOSS> about <http://evil.example|the prize> *now* **really** ' +
  `_soon_ ~~never~~ [click](http://evil.example) <at>Sam Smith</at> ${TEMPLATE} ${DATE_FUNCTION} ` +
  'Q&amp;A \u200Fעברית\u200E pay \u202Eevil\u202C \u2067x\u2069 🎉👩‍👩‍👧 a\u0000b';

/** The bidirectional controls (overrides, embeddings, isolates and marks). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** What a reader is meant to see of typed text: all but NUL and the bidirectional controls. */
function visible(typed: string): string {
  return typed.split('\u0000').join('').replace(BIDI, '');
}

/**
 * What the core keeps of typed text: NUL and bidirectional controls are dropped (text-limits.ts), and a
 * typed `<@` gets an invisible zero-width space so it can never pass for a mention of someone
 * (teams-mentions.ts). Nothing else changes.
 */
function kept(typed: string): string {
  return visible(typed).replace(/<@/g, '<\u200B@');
}

/** activity.text as Teams sends what a user typed: `&`, `<` and `>` HTML-encoded. */
function asTeamsSends(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

let t: TeamsService;

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  expect((await t.post(installInTeam(t))).status).toBe(200);
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** `@Arising <command>` in the committee channel, as the chair, with Priya mentioned by Teams. */
async function say(wire: string, people: Mention[] = [{ person: PRIYA }], from = CHAIR): Promise<void> {
  const response = await t.post(
    channelMessage(t, `<at>Arising</at> ${wire}`, [BOT_MENTION, ...people], { from }),
  );
  expect(response.status).toBe(200);
}

interface ShownText {
  /** A TextBlock or Fact (Teams reads Markdown and `<at>` there) or a plain TextRun or title. */
  markdown: boolean;
  /** The text as the card's JSON holds it. */
  raw: string;
  /** What a reader sees: escapes undone, zero-width spaces invisible, real mentions as `@Name`. */
  seen: string;
}

/** Every text on a card with how Teams reads it. */
function textsOf(card: Record<string, unknown>): ShownText[] {
  const entities = ((card.msteams as { entities?: { text: string; mentioned: { name: string } }[] })
    ?.entities ?? []) as { text: string; mentioned: { name: string } }[];
  const found: ShownText[] = [];
  const add = (raw: string, markdown: boolean) => {
    let seen = raw;
    if (markdown) {
      for (const e of entities) seen = seen.split(e.text).join(`@${e.mentioned.name}`);
      seen = seen.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    }
    found.push({ markdown, raw, seen: seen.replace(ZWSP, '') });
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (node.type === 'TextBlock' && typeof node.text === 'string') add(node.text, true);
    if (node.type === 'TextRun' && typeof node.text === 'string') add(node.text, false);
    if (typeof node.title === 'string') add(node.title, node.type === undefined);
    if (node.type === undefined && typeof node.value === 'string') add(node.value, true);
    for (const [key, inner] of Object.entries(node)) if (key !== 'data') visit(inner);
  };
  visit(card.body);
  return found;
}

/**
 * Markup Teams would act on in a Markdown text, ignoring the real mentions: emphasis, strike, code and
 * link characters not backslash-escaped, HTML entities Markdown decodes, tags, and `${`/`{{` expressions.
 */
function liveMarkup(raw: string, mentionTags: string[]): string[] {
  let text = raw;
  for (const tag of mentionTags) text = text.split(tag).join('');
  const unescaped = text.replace(/\\[!-/:-@[-`{-~]/g, '');
  const live: string[] = [];
  for (const m of unescaped.matchAll(/[*_~`[\]]|&#?\w+;|<[A-Za-z/@!]|\$\{|\{\{/g)) live.push(m[0]);
  return live;
}

/** The card of a call, checked: valid, within Teams' limits, no live markup, mentions only `allowed`. */
function checkedCard(call: ConnectorCall | undefined, allowed: string[]): Record<string, unknown> {
  expect(call).toBeDefined();
  const cards = cardsOf(call as ConnectorCall);
  expect(cards).toHaveLength(1);
  const card = cards[0] as Record<string, unknown>;
  expect(cardProblems(card)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const json = JSON.stringify(card);
  expect(json).not.toContain('${');
  expect(json).not.toContain('{{');
  expect(json).not.toContain('\\u0000');
  expect(json).not.toMatch(BIDI);
  const entities =
    (card.msteams as { entities?: { text: string; mentioned: { id: string } }[] }).entities ?? [];
  expect([...new Set(entities.map((e) => e.mentioned.id))].sort()).toEqual([...allowed].sort());
  const tags = entities.map((e) => e.text);
  for (const text of textsOf(card)) {
    expect(text.raw.length).toBeLessThanOrEqual(MAX_ELEMENT_TEXT);
    if (text.markdown)
      expect({ text: text.raw, live: liveMarkup(text.raw, tags) }).toEqual({ text: text.raw, live: [] });
  }
  // No `<at>` anywhere but the real mentions' own tags.
  const tagsInText = textsOf(card)
    .filter((x) => x.markdown)
    .flatMap((x) => [...x.raw.matchAll(/<at>[^<]*<\/at>/g)].map((m) => m[0]));
  for (const tag of tagsInText) expect(tags).toContain(tag);
  return card;
}

it('stores hostile text as typed and shows it literally on the card, mentioning only the owner and raiser', async () => {
  await say(`add <at>Priya Patel</at> to ${asTeamsSends(HOSTILE)} by 31 July`);
  const [post] = await t.connector.waitFor('send');
  const [stored] = await t.store.list(t.channel, 'all');
  expect(stored?.text).toBe(kept(HOSTILE));
  expect(stored?.owners).toEqual([{ kind: 'user', id: PRIYA.id }]);
  expect(stored?.due?.date).toBe('2026-07-31');

  const card = checkedCard(post, [PRIYA.id, CHAIR.id]);
  const seen = textsOf(card).map((x) => x.seen);
  // The whole of what was typed, character for character, in one piece of text on the card.
  expect(seen.some((s) => s.includes(visible(HOSTILE)))).toBe(true);
  expect(seen).toContain('@Priya Patel');
  // Not a single mention of Sam, however the text names him.
  expect(JSON.stringify(card)).not.toContain(`"${'29:1sam-aad'}"`);
  expect(shownText(post as ConnectorCall)).toContain('עברית');
});

it('shows a hostile note literally beside the mention of its author', async () => {
  const action = (await t.store.list(t.channel, 'all'))[0];
  const root = action?.message?.id as string;
  const note = `**done** ${HOSTILE}\n# not a heading\n- not a list`;
  const wire = asTeamsSends(note);
  await t.post(channelMessage(t, wire, [], { from: PRIYA, thread: root }));
  await eventually(async () => ((await t.store.get(t.channel, action?.number ?? 0))?.notes.length ?? 0) > 0);
  const [update] = await t.connector.waitFor('update');
  expect((await t.store.get(t.channel, action?.number ?? 0))?.notes[0]?.text).toBe(kept(note));

  const card = checkedCard(update, [PRIYA.id, CHAIR.id]);
  const texts = textsOf(card);
  // The note shares a line with a mention, so it is Markdown there: escaped, yet seen as typed.
  const noteLine = texts.find((x) => x.markdown && x.seen.startsWith('Latest note from @Priya Patel'));
  expect(noteLine?.seen).toContain(`: **done** ${visible(HOSTILE)}`);
  expect(texts.map((x) => x.seen)).toEqual(expect.arrayContaining(['# not a heading', '- not a list']));
});

/** The core's command for an `add` of `task` to Priya, as long as the core counts it. */
function commandLength(task: string): number {
  return Array.from(kept(`add <@${PRIYA.id}> to ${task} by 31 July`)).length;
}

it('keeps the longest text it accepts, hostile to the last character, within Teams’ limits', async () => {
  // Every character is as costly as can be on a card: emoji (4 bytes), escaped or broken markup.
  const piece = `🎉*_[<@x>$${'{'}"`;
  let task = '';
  while (commandLength(task + piece) <= MAX_COMMAND_LENGTH) task += piece;
  await say(`add <at>Priya Patel</at> to ${asTeamsSends(task)} by 31 July`);
  const [post] = await t.connector.waitFor('send');
  const card = checkedCard(post, [PRIYA.id, CHAIR.id]);
  expect(textsOf(card).some((x) => x.seen.includes(task))).toBe(true);
  const stored = await t.store.list(t.channel, 'all');
  expect(stored.map((a) => a.text)).toContain(kept(task));
  // The activity around the card is within Teams' ~28 KB as well.
  expect(Buffer.byteLength(JSON.stringify(post?.body), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
});

it('shows an action of as many short lines as it accepts: number, first lines, owner, within Teams’ limits', async () => {
  const lines: string[] = [];
  while (commandLength([...lines, `_${lines.length + 1}_`].join('\n')) <= MAX_COMMAND_LENGTH) {
    lines.push(`_${lines.length + 1}_`);
  }
  await say(`add <at>Priya Patel</at> to ${lines.join('\n')} by 31 July`);
  const [post] = await t.connector.waitFor('send');
  const stored = (await t.store.list(t.channel, 'all')).at(-1);
  expect(stored?.text).toBe(lines.join('\n'));

  const card = checkedCard(post, [PRIYA.id, CHAIR.id]);
  expect(Buffer.byteLength(JSON.stringify(post?.body), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const seen = textsOf(card).map((x) => x.seen);
  expect(seen[0]).toBe(`#${stored?.number} `);
  // The first lines as typed, in order, then a note counting the rest; the owner and due date are kept.
  const end = seen.findIndex((x) => x.startsWith('…'));
  const shown = seen.slice(1, end);
  expect(shown.length).toBeGreaterThan(50);
  expect(shown).toEqual(lines.slice(0, shown.length));
  expect(seen[end]).toBe(`…and ${lines.length - shown.length} more lines not shown here.`);
  expect(seen).toEqual(expect.arrayContaining(['@Priya Patel', 'Fri 31 Jul']));
});

it('refuses text of 50,000 characters with a clear message and stores nothing', async () => {
  const before = (await t.store.list(t.channel, 'all')).length;
  const long = HOSTILE.repeat(Math.ceil(50_000 / HOSTILE.length)).slice(0, 50_000);
  await say(`add <at>Priya Patel</at> to ${asTeamsSends(long)} by 31 July`);
  const [reply] = await t.connector.waitFor('reply');
  const shown = shownText(reply as ConnectorCall);
  expect(shown).toMatch(/is [\d,]+ characters long; Arising takes at most 3,000/);
  expect(Buffer.byteLength(JSON.stringify(reply?.body), 'utf8')).toBeLessThan(5000);
  expect(await t.store.list(t.channel, 'all')).toHaveLength(before);
  expect(t.connector.callsOf('send')).toHaveLength(0);
});

it('refuses a reply of 50,000 characters in the card’s thread with a clear message and notes nothing', async () => {
  const action = (await t.store.list(t.channel, 'all'))[0];
  const notes = action?.notes.length;
  const long = HOSTILE.repeat(Math.ceil(50_000 / HOSTILE.length)).slice(0, 50_000);
  await t.post(channelMessage(t, asTeamsSends(long), [], { from: PRIYA, thread: action?.message?.id }));
  const [reply] = await t.connector.waitFor('reply');
  expect(shownText(reply as ConnectorCall)).toMatch(/is [\d,]+ characters long; Arising takes at most 3,000/);
  expect(Buffer.byteLength(JSON.stringify(reply?.body), 'utf8')).toBeLessThan(5000);
  expect((await t.store.get(t.channel, action?.number ?? 0))?.notes).toHaveLength(notes ?? -1);
  expect(t.connector.callsOf('update')).toHaveLength(0);
});
