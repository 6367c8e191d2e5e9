/**
 * Encryption at rest for secrets the store keeps (the Slack bot tokens of installs): AES-256-GCM from
 * node:crypto, so a copy of Redis (a backup, a replica, `redis-cli GET`) shows no usable token.
 *
 * The 256-bit key is derived with HKDF-SHA256 from a secret of the environment (SLACK_STATE_SECRET: see
 * slack-clients' composition in start-service.ts), with a label of its own, so the key that seals tokens
 * is not the key that signs OAuth states even though both come from one secret. Each value gets a fresh
 * 96-bit IV; the authentication tag makes a changed or truncated value fail to open instead of decrypting
 * to garbage. `context` (the Redis key) is bound in as additional data, so a sealed value copied under
 * another workspace's key does not open there.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedBox {
  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
  seal(plain: string, context: string): string;
  /** The plain text; throws when the value was not sealed with this key and context, or was changed. */
  open(sealed: string, context: string): string;
}

/** A box whose key is derived from `secret` for `purpose` (a label such as `slack-installations`). */
export function sealedBox(secret: string, purpose: string): SealedBox {
  if (secret.length === 0) throw new Error('A sealed box needs a non-empty secret');
  const key = Buffer.from(hkdfSync('sha256', secret, 'arising', purpose, 32));
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('Not a sealed value');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
