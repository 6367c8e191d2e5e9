/**
 * The action pages' signing key and link records on Redis (keys.ts: `{page}:key`, `page-link:<id>`).
 *
 * The key is 32 random bytes, written with SET NX by whichever process asks first and read back, so web
 * and worker processes sign and check with the same key without any configuration. It is kept in this
 * process once read: replacing it (DEL the key, then restart every process) invalidates every link.
 */
import { randomBytes } from 'node:crypto';
import type { PageLink, PageLinkStore } from '../core/action-page-tokens';
import type { ChannelRef } from '../core/domain';
import type { PapersLinkStore } from '../core/papers-links';
import { assertValidPrefix, pageLinkKey, pageSigningKey, papersLinkKey } from './keys';
import { readPageLink, readPapersLink } from './page-link-schema';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

const KEY_BYTES = 32;

export class RedisPageLinks implements PageLinkStore, PapersLinkStore {
  private key: Promise<Uint8Array> | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  signingKey(): Promise<Uint8Array> {
    if (!this.key) {
      this.key = this.readOrMakeKey();
      // A failed read (Redis away) is not kept: the next request asks again.
      this.key.catch(() => {
        this.key = null;
      });
    }
    return this.key;
  }

  async putLink(id: string, link: PageLink, ttlSeconds: number): Promise<void> {
    const record = JSON.stringify({ channel: link.channel, number: link.number, address: link.address });
    await redisIo(() => this.redis.set(pageLinkKey(this.prefix, id), record, 'EX', ttlSeconds));
  }

  async getLink(id: string): Promise<PageLink | null> {
    return readPageLink(await redisIo(() => this.redis.get(pageLinkKey(this.prefix, id))));
  }

  async putPapers(id: string, channel: ChannelRef, ttlSeconds: number): Promise<void> {
    const record = JSON.stringify({
      platform: channel.platform,
      team: channel.team,
      channel: channel.channel,
    });
    await redisIo(() => this.redis.set(papersLinkKey(this.prefix, id), record, 'EX', ttlSeconds));
  }

  async getPapers(id: string): Promise<ChannelRef | null> {
    return readPapersLink(await redisIo(() => this.redis.get(papersLinkKey(this.prefix, id))));
  }

  private async readOrMakeKey(): Promise<Uint8Array> {
    const name = pageSigningKey(this.prefix);
    await redisIo(() => this.redis.set(name, randomBytes(KEY_BYTES).toString('base64'), 'NX'));
    const stored = await redisIo(() => this.redis.get(name));
    const key = Buffer.from(stored ?? '', 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`${name} does not hold a ${KEY_BYTES}-byte key`);
    return key;
  }
}
