// One sign-in in flight: what the node keeps (in its session store or a sealed cookie) between
// sending an officer to the provider and the provider sending them back. The state ties the answer
// to this browser, the nonce ties the ID token to this request, and the PKCE verifier ties the
// code to this node, so a code caught on the way is useless to anyone else.
import { z } from 'zod';
import * as client from 'openid-client';
import { OidcSignInError } from './oidc-errors.ts';

export interface OidcTransaction {
  readonly state: string;
  readonly nonce: string;
  /** PKCE: the provider got only its S256 hash, so the code can be redeemed only with this. */
  readonly codeVerifier: string;
  readonly createdAtUnixMs: number;
}

/** Long enough to type a password and answer a second factor; short enough that a stale tab cannot resume. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60_000;

const randomValue = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'must be a random base64url value');

/** For a node that stores the transaction as JSON: parse it back before `finish`. */
export const oidcTransactionSchema = z.strictObject({
  state: randomValue,
  nonce: randomValue,
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be a PKCE code verifier'),
  createdAtUnixMs: z.int().nonnegative(),
});

export function newOidcTransaction(nowUnixMs: number): OidcTransaction {
  return Object.freeze({
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    createdAtUnixMs: nowUnixMs,
  });
}

/** Refuses a transaction older than ten minutes (or dated in the future: it was not made by this node's clock). */
export function assertTransactionFresh(transaction: OidcTransaction, nowUnixMs: number): void {
  const ageMs = nowUnixMs - transaction.createdAtUnixMs;
  if (ageMs > OIDC_TRANSACTION_TTL_MS) {
    throw new OidcSignInError('OIDC_TRANSACTION_EXPIRED', `the sign-in was started ${Math.round(ageMs / 60_000)} minutes ago; it must finish within 10 minutes. Start again.`);
  }
  if (ageMs < -60_000) throw new OidcSignInError('OIDC_TRANSACTION_EXPIRED', 'the sign-in is dated in the future; start again.');
}
