// Sign-in through a ministry's own identity provider: authorisation code flow with PKCE (S256),
// state and nonce, against a provider found by discovery. `begin` sends the officer there; `finish`
// takes the provider's answer, redeems the code once, and maps the released claims to an identity.
// The node keeps no token from the provider: it opens its own session from the identity.
import * as client from 'openid-client';
import type { OidcConfig } from './oidc-config.ts';
import { OidcSignInError } from './oidc-errors.ts';
import { identityFromClaims, type OidcIdentity, type ReleasedClaims } from './identity-from-claims.ts';
import { transportProblem } from './issuer-transport.ts';
import { assertTransactionFresh, newOidcTransaction, type OidcTransaction } from './oidc-transaction.ts';
import { guardedFetch, signInFailure } from './provider-failures.ts';

export interface OidcSignInOptions {
  /** Read from `clientSecretFile` by the caller (readClientSecretFile). */
  readonly clientSecret: string;
  /** Replaces the global fetch for every request to the provider (a proxy agent, a test recorder). */
  readonly fetch?: typeof fetch;
  /** The clock transactions are dated and aged by (unix ms). */
  readonly now?: () => number;
}

export interface OidcSignIn {
  /** The issuer as the provider's discovery document states it. */
  readonly issuer: string;
  /** A fresh transaction to keep for this browser, and where to send the officer. */
  begin(): Promise<{ authorizationUrl: URL; transaction: OidcTransaction }>;
  /** Only the query of `callbackUrl` is read: the code is redeemed for the configured redirectUri, whatever host the node sits behind. */
  finish(callbackUrl: URL, transaction: OidcTransaction): Promise<OidcIdentity>;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Discovers the provider (refusing plain http unless allowed and on loopback) and returns the two steps of a sign-in. */
export async function createOidcSignIn(config: Readonly<OidcConfig>, options: OidcSignInOptions): Promise<OidcSignIn> {
  const configuration = await discover(config, options);
  const now = options.now ?? Date.now;
  const signIn: OidcSignIn = {
    issuer: configuration.serverMetadata().issuer,
    async begin() {
      const transaction = newOidcTransaction(now());
      const authorizationUrl = client.buildAuthorizationUrl(configuration, {
        redirect_uri: config.redirectUri,
        scope: config.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
      return { authorizationUrl, transaction };
    },
    async finish(callbackUrl, transaction) {
      assertTransactionFresh(transaction, now());
      const answer = authorizationAnswer(callbackUrl, transaction, config.redirectUri);
      const tokens = await redeemCode(configuration, answer, transaction);
      return identityFromClaims(await releasedClaims(configuration, tokens, config), config);
    },
  };
  return Object.freeze(signIn);
}

async function discover(config: Readonly<OidcConfig>, options: OidcSignInOptions): Promise<client.Configuration> {
  const issuer = new URL(config.issuer);
  const problem = transportProblem(issuer, config.allowHttpIssuer);
  if (problem) throw new OidcSignInError('OIDC_INSECURE_ISSUER', `issuer ${issuer.origin} ${problem}`);
  const authentication = config.clientAuthMethod === 'client_secret_post'
    ? client.ClientSecretPost(options.clientSecret) : client.ClientSecretBasic(options.clientSecret);
  let configuration: client.Configuration;
  try {
    configuration = await client.discovery(issuer, config.clientId, undefined, authentication, {
      [client.customFetch]: guardedFetch(options.fetch ?? fetch),
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw signInFailure(error, 'discovery');
  }
  assertEndpointsReachable(configuration.serverMetadata(), config.allowHttpIssuer);
  return configuration;
}

const REQUIRED_ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;

/** The issuer passed, but the document could still send the browser or the code elsewhere in clear text. */
function assertEndpointsReachable(metadata: client.ServerMetadata, allowHttpIssuer: boolean): void {
  for (const name of [...REQUIRED_ENDPOINTS, 'userinfo_endpoint'] as const) {
    const value = metadata[name];
    if (value === undefined) {
      if (name === 'userinfo_endpoint') continue;
      throw new OidcSignInError('OIDC_DISCOVERY_FAILED', `the identity provider's discovery document has no ${name}`);
    }
    const problem = URL.canParse(value) ? transportProblem(new URL(value), allowHttpIssuer) : 'is not a URL';
    if (problem) throw new OidcSignInError('OIDC_DISCOVERY_FAILED', `the identity provider's ${name} ${problem}`);
  }
}

/** Checks what the provider sent back before anything is redeemed, and restates it on the configured redirect URI. */
function authorizationAnswer(callbackUrl: URL, transaction: OidcTransaction, redirectUri: string): URL {
  const parameters = callbackUrl.searchParams;
  if (parameters.get('state') !== transaction.state) {
    throw new OidcSignInError('OIDC_STATE_MISMATCH', parameters.has('state')
      ? 'the state in the answer from the identity provider is not this sign-in\'s: the answer belongs to another sign-in or was altered. Start again.'
      : 'the answer from the identity provider carries no state. Start again.');
  }
  const error = parameters.get('error');
  if (error !== null) {
    const word = /^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(error) ? error : 'an unrecognised error';
    throw new OidcSignInError('OIDC_AUTHORIZATION_DENIED', `the identity provider did not authorise the sign-in (${word})`);
  }
  if (!parameters.get('code')) throw new OidcSignInError('OIDC_TOKEN_REFUSED', 'the answer from the identity provider carries no authorisation code. Start again.');
  const answer = new URL(redirectUri);
  answer.search = callbackUrl.search;
  return answer;
}

type TokenAnswer = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

async function redeemCode(configuration: client.Configuration, answer: URL, transaction: OidcTransaction): Promise<TokenAnswer> {
  try {
    return await client.authorizationCodeGrant(configuration, answer, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw signInFailure(error, 'token');
  }
}

/**
 * The ID token's claims, completed from the userinfo endpoint when a mapped claim is missing:
 * providers that follow OIDC Core release `profile` claims only there for the code flow. The ID
 * token wins where both carry a claim; openid-client checks that userinfo's `sub` is the token's.
 */
async function releasedClaims(configuration: client.Configuration, tokens: TokenAnswer, config: Readonly<OidcConfig>): Promise<ReleasedClaims> {
  const idClaims = tokens.claims();
  if (!idClaims) throw new OidcSignInError('OIDC_TOKEN_INVALID', 'the identity provider returned no ID token');
  const wanted = [config.roleClaim, config.unitClaim, config.officerClaim];
  const complete = wanted.every((claim) => Object.hasOwn(idClaims, claim));
  if (complete || configuration.serverMetadata().userinfo_endpoint === undefined) return idClaims;
  try {
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    return { ...userinfo, ...idClaims };
  } catch (error) {
    throw signInFailure(error, 'userinfo');
  }
}
