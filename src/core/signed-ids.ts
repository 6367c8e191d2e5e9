/**
 * Signed, expiring, opaque ids: the tokens in links Arising gives out (an action's page for an owner by
 * email, the papers' download link). A token is
 *   version (1 byte: which kind of link) · id (12 random bytes) · expiry (4 bytes, seconds) · HMAC-SHA256 (16)
 * as url-safe base64 (44 characters). The id names a record in the store; the signature lets a token that
 * was not issued here, or whose expiry or kind was changed, be refused by arithmetic before any store read.
 * Two kinds of link never open each other: each has its own version byte (and its own records).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const DAY_SECONDS = 24 * 60 * 60;
const ID_BYTES = 12;
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + ID_BYTES + 4 + MAC_BYTES;
/** 33 bytes in url-safe base64, without padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{44}$/;

/** The signing key, made at random by whichever process asks first, then the same for every process. */
export interface SigningKeySource {
  signingKey(): Promise<Uint8Array>;
}

export class SignedIds {
  /** `version`: this kind of link's first byte (1 action pages, 2 papers). */
  constructor(
    private readonly keys: SigningKeySource,
    private readonly version: number,
  ) {}

  /** A new id (hex, for the record's key) and its token, valid for `days` from `now`. */
  async issue(now: Date, days: number): Promise<{ id: string; token: string }> {
    const id = randomBytes(ID_BYTES);
    const expires = Math.floor(now.getTime() / 1000) + days * DAY_SECONDS;
    const head = Buffer.alloc(1 + ID_BYTES + 4);
    head.writeUInt8(this.version, 0);
    id.copy(head, 1);
    head.writeUInt32BE(expires, 1 + ID_BYTES);
    const mac = await this.mac(head);
    return { id: id.toString('hex'), token: Buffer.concat([head, mac]).toString('base64url') };
  }

  /**
   * The id `token` names, or null when it is not one of ours of this kind, was altered, or has expired
   * at `now`. The signature is compared in constant time.
   */
  async read(token: string, now: Date): Promise<string | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes.readUInt8(0) !== this.version) return null;
    const head = bytes.subarray(0, TOKEN_BYTES - MAC_BYTES);
    const expected = await this.mac(head);
    if (!timingSafeEqual(expected, bytes.subarray(TOKEN_BYTES - MAC_BYTES))) return null;
    const expires = head.readUInt32BE(1 + ID_BYTES);
    if (now.getTime() >= expires * 1000) return null;
    return head.subarray(1, 1 + ID_BYTES).toString('hex');
  }

  private async mac(head: Buffer): Promise<Buffer> {
    const key = await this.keys.signingKey();
    return createHmac('sha256', key).update(head).digest().subarray(0, MAC_BYTES);
  }
}

/** A link under PUBLIC_URL: `base` with or without its trailing slash. */
export function publicLink(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
