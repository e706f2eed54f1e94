// Turns what openid-client throws into OidcSignInErrors. Its errors can hold the provider's whole
// response (token bodies, ID token claims), so none is kept as a cause: the cause is a fresh Error
// with the library's error name, code and fixed message, which is enough to find the failing check.
import * as client from 'openid-client';
import { OidcSignInError } from './oidc-errors.ts';

export type ProviderStep = 'discovery' | 'token' | 'userinfo';

/**
 * Every request to the provider goes through this, so a network failure (refused, reset, timed
 * out) is told apart from a refusal by type, not by the text of the error, and marked retryable.
 */
export function guardedFetch(inner: typeof fetch): client.CustomFetch {
  return async (url, options) => {
    try {
      return await inner(url, options as RequestInit);
    } catch (error) {
      const where = URL.canParse(url) ? `${new URL(url).origin}${new URL(url).pathname}` : 'its endpoint';
      throw new OidcSignInError('OIDC_PROVIDER_UNREACHABLE', `the identity provider did not answer at ${where} (${errorName(error)}); try again later`, { cause: summarise(error) });
    }
  };
}

/** The OidcSignInError for a failure of one step; anything not from the provider exchange (a bug) is returned as it was. */
export function signInFailure(error: unknown, step: ProviderStep): unknown {
  const ours = findSignInError(error);
  if (ours) return ours;
  if (!isLibraryError(error)) return error;
  const cause = summarise(error);
  if (step === 'discovery') {
    return new OidcSignInError('OIDC_DISCOVERY_FAILED', `the identity provider's discovery document could not be used (${libraryCode(error)}): check the issuer URL`, { cause });
  }
  if (step === 'userinfo') {
    return new OidcSignInError('OIDC_USERINFO_FAILED', `the identity provider's userinfo endpoint did not give this account's claims (${libraryCode(error)})`, { cause });
  }
  const refusal = tokenEndpointError(error);
  if (refusal === 'invalid_client') {
    return new OidcSignInError('OIDC_CLIENT_REFUSED', 'the identity provider did not accept the node\'s client credentials (invalid_client): check clientId, the secret in clientSecretFile and clientAuthMethod against the provider\'s registration', { cause });
  }
  if (refusal !== undefined) {
    return new OidcSignInError('OIDC_TOKEN_REFUSED', `the identity provider refused the authorisation code (${refusal}): it may have been used already, or have expired; start again`, { cause });
  }
  return new OidcSignInError('OIDC_TOKEN_INVALID', `the identity provider's token response failed validation (${libraryCode(error)})`, { cause });
}

/** The OAuth error the token endpoint answered with: in the body (400), or in a WWW-Authenticate challenge (401). */
function tokenEndpointError(error: Error): string | undefined {
  if (error instanceof client.ResponseBodyError) return oauthCode(error.error);
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const code = error.cause.map((challenge) => challenge.parameters.error).find((value) => typeof value === 'string');
    return code === undefined ? `HTTP ${error.status}` : oauthCode(code);
  }
  return undefined;
}

function isLibraryError(error: unknown): error is Error {
  return error instanceof client.ClientError || error instanceof client.ResponseBodyError
    || error instanceof client.AuthorizationResponseError || error instanceof client.WWWAuthenticateChallengeError;
}

/** openid-client wraps what a custom fetch throws; the guard's own error may sit a few causes down. */
function findSignInError(error: unknown): OidcSignInError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof OidcSignInError) return current;
  }
  return undefined;
}

function libraryCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? oauthCode(code) : error.name;
}

/** OAuth error codes are printable ASCII words; anything else is not repeated. */
function oauthCode(code: string): string {
  return /^[\x20-\x7e]{1,80}$/.test(code) && !/["\\]/.test(code) ? code : 'unrecognised error code';
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const causeCode = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof causeCode === 'string' ? oauthCode(causeCode) : error.name;
}

function summarise(error: unknown): Error {
  if (!(error instanceof Error)) return new Error('non-error thrown');
  const code = (error as { code?: unknown }).code;
  return new Error(`${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message.slice(0, 200)}`);
}
