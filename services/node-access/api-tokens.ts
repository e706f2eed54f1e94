// API tokens for national systems: `tipnet_<token id>_<secret>`. The id names the token in lists,
// logs and the audit trail; the secret (32 random bytes) is shown once and stored only as its
// SHA-256 digest. A fast digest is enough here because the secret is random, not chosen by a person.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PATTERN = /^tipnet_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
export const TOKEN_ID_PATTERN = /^[a-z0-9]{12}$/;

export interface NewApiToken {
  readonly tokenId: string;
  /** The whole bearer token, to hand to the national system once. */
  readonly token: string;
  readonly secretDigest: string;
}

export function newApiToken(): NewApiToken {
  const tokenId = randomBytes(8).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `tipnet_${tokenId}_${secret}`, secretDigest: digestOf(secret) };
}

export function parseApiToken(text: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(text);
  return match ? { tokenId: match[1] ?? '', secret: match[2] ?? '' } : undefined;
}

export function secretMatches(secret: string, storedDigest: string): boolean {
  const given = Buffer.from(digestOf(secret), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');
  return given.byteLength === stored.byteLength && timingSafeEqual(given, stored);
}

function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
