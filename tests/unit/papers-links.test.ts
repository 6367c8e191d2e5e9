/**
 * The papers' download links (src/core/papers-links.ts): a day long, one channel each, and never
 * interchangeable with an action page's link, though both are signed with the same key.
 */
import { ActionPageTokens } from '../../src/core/action-page-tokens';
import type { ChannelRef } from '../../src/core/domain';
import { PapersTokens } from '../../src/core/papers-links';
import { MemoryPageLinks } from '../../src/store/memory/memory-page-links';

const CHANNEL: ChannelRef = { platform: 'teams', team: 'tenant-1', channel: '19:board@thread.tacv2' };
const NOW = new Date('2026-07-01T09:00:00Z');

function setUp() {
  let now = NOW;
  const store = new MemoryPageLinks({ now: () => now });
  return {
    store,
    papers: new PapersTokens(store, 'https://arising.example.org/'),
    pages: new ActionPageTokens(store, 'https://arising.example.org'),
    at: (when: string) => {
      now = new Date(when);
    },
  };
}

const tokenOf = (link: string | null): string => (link ?? '').split('/').at(-1) ?? '';

it('links to the channel papers under PUBLIC_URL, for a day', async () => {
  const { papers } = setUp();
  const link = await papers.linkFor(CHANNEL, NOW);
  expect(link).toMatch(/^https:\/\/arising\.example\.org\/papers\/[A-Za-z0-9_-]{44}$/);
  expect(await papers.read(tokenOf(link), NOW)).toEqual(CHANNEL);
  expect(await papers.read(tokenOf(link), new Date('2026-07-02T08:59:59Z'))).toEqual(CHANNEL);
  expect(await papers.read(tokenOf(link), new Date('2026-07-02T09:00:00Z'))).toBeNull();
});

it('gives no link without a public URL', async () => {
  const { store } = setUp();
  expect(await new PapersTokens(store, null).linkFor(CHANNEL, NOW)).toBeNull();
});

it('never takes an action page token for papers, nor the other way round', async () => {
  const { papers, pages } = setUp();
  const page = tokenOf(await pages.linkFor(CHANNEL, 4, 'data@wyp.example.org', NOW));
  const paper = tokenOf(await papers.linkFor(CHANNEL, NOW));
  expect(await papers.read(page, NOW)).toBeNull();
  expect(await pages.read(paper, NOW)).toBeNull();
});

it('refuses a token signed with another key', async () => {
  const { store, papers } = setUp();
  const link = await papers.linkFor(CHANNEL, NOW);
  store.rotateKey();
  expect(await papers.read(tokenOf(link), NOW)).toBeNull();
});
