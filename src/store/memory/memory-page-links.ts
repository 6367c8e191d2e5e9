/**
 * The action pages' signing key and link records in memory, for core tests: link records expire by the
 * injected clock, as Redis's TTL would. `rotateKey` stands for deleting the key in Redis.
 */
import { randomBytes } from 'node:crypto';
import type { PageLink, PageLinkStore } from '../../core/action-page-tokens';
import type { ChannelRef } from '../../core/domain';
import type { PapersLinkStore } from '../../core/papers-links';
import type { Clock } from '../../core/ports';
import { readPageLink, readPapersLink } from '../page-link-schema';
import { ExpiringMap } from './expiring-map';

export class MemoryPageLinks implements PageLinkStore, PapersLinkStore {
  private key = randomBytes(32);
  private readonly links: ExpiringMap<string>;

  constructor(clock: Clock) {
    this.links = new ExpiringMap(clock);
  }

  async signingKey(): Promise<Uint8Array> {
    return this.key;
  }

  async putLink(id: string, link: PageLink, ttlSeconds: number): Promise<void> {
    this.links.set(id, JSON.stringify(link), ttlSeconds * 1000);
  }

  async getLink(id: string): Promise<PageLink | null> {
    return readPageLink(this.links.get(id));
  }

  async putPapers(id: string, channel: ChannelRef, ttlSeconds: number): Promise<void> {
    this.links.set(`papers:${id}`, JSON.stringify(channel), ttlSeconds * 1000);
  }

  async getPapers(id: string): Promise<ChannelRef | null> {
    return readPapersLink(this.links.get(`papers:${id}`));
  }

  /** A new signing key, as after deleting it in Redis: every earlier link stops working. */
  rotateKey(): void {
    this.key = randomBytes(32);
  }
}
