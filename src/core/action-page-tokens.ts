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
import type { ActionPageLinks } from './action-page-links';
import type { ChannelRef } from './domain';
import { publicLink, SignedIds, type SigningKeySource } from './signed-ids';

/** How long a link works after it was sent. */
export const PAGE_LINK_DAYS = 30;

/** The action pages' kind of signed id (signed-ids.ts). */
const PAGE_VERSION = 1;

/** What a token stands for: one action and the address it was sent to. */
export interface PageLink {
  channel: ChannelRef;
  number: number;
  address: string;
}

/** Where the signing key and the link records are kept (src/store: Redis, or memory for core tests). */
export interface PageLinkStore extends SigningKeySource {
  /** Keeps a link record under its id for `ttlSeconds`. */
  putLink(id: string, link: PageLink, ttlSeconds: number): Promise<void>;
  /** The link record, or null when there is none (never issued, or gone). */
  getLink(id: string): Promise<PageLink | null>;
}

export class ActionPageTokens implements ActionPageLinks {
  private readonly ids: SignedIds;

  /**
   * `publicUrl`: PUBLIC_URL, or null when it is unset (then no link is given: nothing outside could open
   * it, and the page is not served).
   */
  constructor(
    private readonly store: PageLinkStore,
    private readonly publicUrl: string | null,
  ) {
    this.ids = new SignedIds(store, PAGE_VERSION);
  }

  async linkFor(channel: ChannelRef, number: number, address: string, now: Date): Promise<string | null> {
    if (this.publicUrl === null) return null;
    return publicLink(this.publicUrl, `a/${await this.issue({ channel, number, address }, now)}`);
  }

  /** A new token for `link`, valid for PAGE_LINK_DAYS from `now`. */
  async issue(link: PageLink, now: Date): Promise<string> {
    const { id, token } = await this.ids.issue(now, PAGE_LINK_DAYS);
    // The record outlives the token by a day, so a link is refused as expired, never as unknown.
    await this.store.putLink(id, link, (PAGE_LINK_DAYS + 1) * 24 * 60 * 60);
    return token;
  }

  /**
   * What `token` stands for, or null when it is not one of ours, was altered, has expired at `now`, or
   * names a link record that is gone.
   */
  async read(token: string, now: Date): Promise<PageLink | null> {
    const id = await this.ids.read(token, now);
    return id === null ? null : this.store.getLink(id);
  }
}
