/**
 * Download links for the meeting papers (`matters-arising docx`) where the platform cannot take a file
 * from a bot (Teams): `PUBLIC_URL/papers/<token>`, a signed, opaque id (signed-ids.ts) that names one
 * channel and works for a day. The document is made when the link is opened, so it shows the actions as
 * they are then. Anyone in the channel may see matters arising, and the link is only ever shown there.
 */
import type { ChannelRef } from './domain';
import { publicLink, SignedIds, type SigningKeySource } from './signed-ids';

/** How long a papers link works: long enough to open it after the meeting's prep, short enough to lapse. */
export const PAPERS_LINK_DAYS = 1;

/** The papers' kind of signed id (action pages are 1). */
const PAPERS_VERSION = 2;

/** Where the papers links' records are kept, beside the action pages' (the same signing key). */
export interface PapersLinkStore extends SigningKeySource {
  putPapers(id: string, channel: ChannelRef, ttlSeconds: number): Promise<void>;
  getPapers(id: string): Promise<ChannelRef | null>;
}

/** What the core asks for: a link to the channel's papers, or null when nothing outside could open it. */
export interface PapersLinks {
  linkFor(channel: ChannelRef, now: Date): Promise<string | null>;
}

export class PapersTokens implements PapersLinks {
  private readonly ids: SignedIds;

  /** `publicUrl`: PUBLIC_URL, or null when unset (no link then, and the route is not served). */
  constructor(
    private readonly store: PapersLinkStore,
    private readonly publicUrl: string | null,
  ) {
    this.ids = new SignedIds(store, PAPERS_VERSION);
  }

  async linkFor(channel: ChannelRef, now: Date): Promise<string | null> {
    if (this.publicUrl === null) return null;
    const { id, token } = await this.ids.issue(now, PAPERS_LINK_DAYS);
    await this.store.putPapers(id, channel, (PAPERS_LINK_DAYS + 1) * 24 * 60 * 60);
    return publicLink(this.publicUrl, `papers/${token}`);
  }

  /** The channel `token` names, or null when it is not a valid, unexpired papers link. */
  async read(token: string, now: Date): Promise<ChannelRef | null> {
    const id = await this.ids.read(token, now);
    return id === null ? null : this.store.getPapers(id);
  }
}
