/**
 * The tokens of action pages (`PUBLIC_URL/a/<token>`): what an email to an owner outside the chat links
 * to, so they can see the action and answer it with no account.
 *
 * A token is an opaque id, signed: 33 bytes as url-safe base64 (44 characters),
 *   version (1) · id (12 random bytes) · expiry (4 bytes, seconds since 1970) · HMAC-SHA256 (first 16 bytes)
 * and the id names a link record in the store: the action (platform, team, channel, number) and the address
 * it was sent to. Why an id rather than the action and address themselves, signed: the link then shows
 * nothing (no address, no workspace or channel id, which for Teams alone would make it ~150 characters
 * long) to whoever sees the URL in a mail log or a proxy's access log, and stays short in a plain-text
 * mail. Why signed when the id is random anyway: a token that was not issued here, or whose expiry was
 * changed, is refused by arithmetic, before any store read, and the expiry needs no lookup at all.
 *
 * The signing key is made once, at random, and kept in the store (every process reads the same one).
 * Replacing it invalidates every link sent so far, at once. Tokens expire 30 days after they were issued;
 * the link record outlives that by a day, so a link is refused as expired, never as unknown, on its last
 * day. Every refusal is the same `null`: the page says only that the link is not valid.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ActionPageLinks } from './action-page-links';
import type { ChannelRef } from './domain';

/** How long a link works after it was sent. */
export const PAGE_LINK_DAYS = 30;

const DAY_SECONDS = 24 * 60 * 60;
const VERSION = 1;
const ID_BYTES = 12;
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + ID_BYTES + 4 + MAC_BYTES;
/** 33 bytes in url-safe base64, without padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{44}$/;

/** What a token stands for: one action and the address it was sent to. */
export interface PageLink {
  channel: ChannelRef;
  number: number;
  address: string;
}

/** Where the signing key and the link records are kept (src/store: Redis, or memory for core tests). */
export interface PageLinkStore {
  /** The signing key, made at random by whichever process asks first, then the same for every process. */
  signingKey(): Promise<Uint8Array>;
  /** Keeps a link record under its id for `ttlSeconds`. */
  putLink(id: string, link: PageLink, ttlSeconds: number): Promise<void>;
  /** The link record, or null when there is none (never issued, or gone). */
  getLink(id: string): Promise<PageLink | null>;
}

export class ActionPageTokens implements ActionPageLinks {
  /**
   * `publicUrl`: PUBLIC_URL, or null when it is unset (then no link is given: nothing outside could open
   * it, and the page is not served).
   */
  constructor(
    private readonly store: PageLinkStore,
    private readonly publicUrl: string | null,
  ) {}

  async linkFor(channel: ChannelRef, number: number, address: string, now: Date): Promise<string | null> {
    if (this.publicUrl === null) return null;
    const token = await this.issue({ channel, number, address }, now);
    const base = this.publicUrl.endsWith('/') ? this.publicUrl : `${this.publicUrl}/`;
    return new URL(`a/${token}`, base).toString();
  }

  /** A new token for `link`, valid for PAGE_LINK_DAYS from `now`. */
  async issue(link: PageLink, now: Date): Promise<string> {
    const id = randomBytes(ID_BYTES);
    const expires = Math.floor(now.getTime() / 1000) + PAGE_LINK_DAYS * DAY_SECONDS;
    const head = Buffer.alloc(1 + ID_BYTES + 4);
    head.writeUInt8(VERSION, 0);
    id.copy(head, 1);
    head.writeUInt32BE(expires, 1 + ID_BYTES);
    await this.store.putLink(id.toString('hex'), link, (PAGE_LINK_DAYS + 1) * DAY_SECONDS);
    const mac = await this.mac(head);
    return Buffer.concat([head, mac]).toString('base64url');
  }

  /**
   * What `token` stands for, or null when it is not one of ours, was altered, has expired at `now`, or
   * names a link record that is gone. The signature is compared in constant time.
   */
  async read(token: string, now: Date): Promise<PageLink | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes.readUInt8(0) !== VERSION) return null;
    const head = bytes.subarray(0, TOKEN_BYTES - MAC_BYTES);
    const expected = await this.mac(head);
    if (!timingSafeEqual(expected, bytes.subarray(TOKEN_BYTES - MAC_BYTES))) return null;
    const expires = head.readUInt32BE(1 + ID_BYTES);
    if (now.getTime() >= expires * 1000) return null;
    return this.store.getLink(head.subarray(1, 1 + ID_BYTES).toString('hex'));
  }

  private async mac(head: Buffer): Promise<Buffer> {
    const key = await this.store.signingKey();
    return createHmac('sha256', key).update(head).digest().subarray(0, MAC_BYTES);
  }
}
