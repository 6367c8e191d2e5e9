/**
 * The action's page for owners reached by email, on the core's side: the signed tokens (issued, read
 * back, refused when altered, expired, or signed with another key) and which action a token opens (only
 * while its address is still an owner, itself or through an alias), and the page's answers run as the
 * chat commands with the address as the one who acts.
 */
import { ActionPages } from '../../src/core/action-page';
import { ActionPageTokens, PAGE_LINK_DAYS } from '../../src/core/action-page-tokens';
import { actionCard } from '../../src/core/views/action-card';
import { MemoryPageLinks } from '../../src/store/memory/memory-page-links';
import { type CoreHarness, coreHarness, must, replyText } from '../support/core-harness';

const NOW = new Date('2026-07-01T09:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const ADDRESS = 'data@wyp.example.org';

let h: CoreHarness;
let links: MemoryPageLinks;
let tokens: ActionPageTokens;
let pages: ActionPages;

beforeEach(() => {
  h = coreHarness(new Date(NOW));
  links = new MemoryPageLinks({ now: () => h.clock.now });
  tokens = new ActionPageTokens(links, 'https://arising.example.org/');
  pages = new ActionPages(
    {
      store: h.store,
      messenger: h.messenger,
      scheduler: h.scheduler,
      clock: { now: () => h.clock.now },
      defaultTimezone: 'Europe/London',
    },
    tokens,
  );
});

async function addAction(command: string): Promise<void> {
  expect(replyText(await h.service.command(h.as('U0CHAIR'), command))).toBe('');
}

async function chat(command: string): Promise<string> {
  return replyText(await h.service.command(h.as('U0CHAIR'), command));
}

/** A link's token: the part after /a/. */
async function tokenFor(address: string, number = 1): Promise<string> {
  const link = must(await tokens.linkFor(h.channel, number, address, h.clock.now), 'a link');
  expect(link).toMatch(/^https:\/\/arising\.example\.org\/a\/[A-Za-z0-9_-]{44}$/);
  return link.slice(link.lastIndexOf('/') + 1);
}

/** The token with one character changed (not the last, whose low bits base64 does not carry). */
function tampered(token: string, at: number): string {
  const swapped = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + swapped + token.slice(at + 1);
}

describe('tokens', () => {
  it('names one action and one address, and shows neither', async () => {
    await addAction(`add ${ADDRESS} to send the KSI data by 31 July`);
    const token = await tokenFor(ADDRESS);
    expect(await tokens.read(token, h.clock.now)).toEqual({
      channel: h.channel,
      number: 1,
      address: ADDRESS,
    });
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    expect(decoded).not.toContain('wyp');
    expect(decoded).not.toContain(h.channel.channel);
  });

  it('is refused when any part is altered, or when it is not one at all', async () => {
    const token = await tokenFor(ADDRESS);
    for (const at of [0, 5, 20, 30, 42])
      expect(await tokens.read(tampered(token, at), h.clock.now)).toBeNull();
    for (const bad of ['', 'x', `${token}A`, token.slice(1), '../../etc/passwd', token.replace(/.$/, '=')]) {
      expect(await tokens.read(bad, h.clock.now)).toBeNull();
    }
  });

  it('works until 30 days after it was issued, and not after', async () => {
    const token = await tokenFor(ADDRESS);
    const issued = h.clock.now.getTime();
    expect(await tokens.read(token, new Date(issued + PAGE_LINK_DAYS * DAY_MS - 1000))).not.toBeNull();
    expect(await tokens.read(token, new Date(issued + PAGE_LINK_DAYS * DAY_MS))).toBeNull();
  });

  it('stops working for every link when the signing key is replaced', async () => {
    const token = await tokenFor(ADDRESS);
    links.rotateKey();
    expect(await tokens.read(token, h.clock.now)).toBeNull();
  });

  it('gives no link without PUBLIC_URL', async () => {
    const none = new ActionPageTokens(links, null);
    expect(await none.linkFor(h.channel, 1, ADDRESS, h.clock.now)).toBeNull();
  });
});

describe('which action a token opens', () => {
  it('opens the action for an address that owns it, in any case, with its history', async () => {
    await addAction('add Data@WYP.example.org to send the KSI data by 31 July');
    const page = must(await pages.open(await tokenFor(ADDRESS)), 'the page');
    expect(page.action.text).toBe('send the KSI data');
    expect(page.history.map((e) => e.kind)).toEqual(['created']);
  });

  it('opens nothing for an address that is not an owner, or an action that does not exist', async () => {
    await addAction(`add ${ADDRESS} to send the KSI data by 31 July`);
    expect(await pages.open(await tokenFor('someone@else.example.org'))).toBeNull();
    expect(await pages.open(await tokenFor(ADDRESS, 2))).toBeNull();
  });

  it('opens for an alias’s address until the address is taken out of the alias', async () => {
    expect(await chat('owner WYP = <@U0RUSS> data@wyp.example.org')).toContain('2 people');
    await addAction('add WYP to send the KSI data by 31 July');
    const token = await tokenFor(ADDRESS);
    expect(await pages.open(token)).not.toBeNull();
    expect(await chat('owner WYP = <@U0RUSS>')).toContain('WYP now maps to 1');
    expect(await pages.open(token)).toBeNull();
  });

  it('closes to the address once the action is reassigned away from it', async () => {
    await addAction(`add ${ADDRESS} to send the KSI data by 31 July`);
    const token = await tokenFor(ADDRESS);
    expect(await chat('reassign 1 to <@U0SAM>')).toContain('Reassigned');
    expect(await pages.open(token)).toBeNull();
  });
});

describe('answers', () => {
  beforeEach(async () => {
    // Typed with another case than the mail's address: the same owner all the same.
    await addAction('add Data@WYP.example.org to send the KSI data by 31 July');
  });

  it('notes, moves the date and closes as the address, as the chat commands would', async () => {
    const token = await tokenFor(ADDRESS);
    const open = async () => must(await pages.open(token), 'the page');
    expect(await pages.answer(await open(), { kind: 'note', text: 'Half done' })).toEqual({ ok: 'note' });
    expect(await pages.answer(await open(), { kind: 'due', date: '2026-08-14' })).toEqual({ ok: 'due' });
    expect(await pages.answer(await open(), { kind: 'done', note: 'Sent' })).toEqual({ ok: 'done' });
    const action = must(await h.store.get(h.channel, 1), 'the action');
    expect(action).toMatchObject({ state: 'done', closedBy: ADDRESS, closeNote: 'Sent' });
    expect(action.due?.date).toBe('2026-08-14');
    const history = await h.store.history(h.channel, 1);
    expect(history.map((e) => [e.kind, e.by])).toEqual([
      ['created', 'U0CHAIR'],
      ['note', ADDRESS],
      ['due', ADDRESS],
      ['done', ADDRESS],
    ]);
    // No platform can mention an address: the card names it as text (a user span would be a broken mention).
    const card = JSON.stringify(actionCard(action, { now: h.clock.now, timezone: 'Europe/London' }).blocks);
    expect(card).toContain(`{"kind":"text","text":"${ADDRESS}"}`);
    expect(card).not.toContain('"kind":"user","id":"data@');
  });

  it('answers a date it cannot read, or one that has passed, with the field’s error, storing nothing', async () => {
    const page = must(await pages.open(await tokenFor(ADDRESS)), 'the page');
    const unread = await pages.answer(page, { kind: 'due', date: 'someday' });
    expect(unread).toEqual({ error: { field: 'due', message: expect.stringContaining('couldn') } });
    const past = await pages.answer(page, { kind: 'due', date: '2026-06-01' });
    expect(past).toEqual({ error: { field: 'due', message: expect.stringContaining('already passed') } });
    const empty = await pages.answer(page, { kind: 'note', text: '  ' });
    expect(empty).toEqual({ error: { field: 'note', message: expect.stringContaining('note') } });
    expect((await h.store.history(h.channel, 1)).length).toBe(1);
  });
});
