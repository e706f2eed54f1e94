// Public entry of OpenID Connect sign-in, for ministries that run their own identity provider: a
// node sends a liaison officer to the provider and maps what comes back to an officer, a node role
// and a unit. Exports the config block's schema (oidcConfigSchema) and the secret-file reader,
// createOidcSignIn (discovery, then begin and finish of one sign-in with PKCE, state and nonce), the
// transaction a node keeps between the two (and its schema and lifetime), the pure claims mapping
// identityFromClaims, and OidcSignInError with its code table. README.md says what a provider must release.
export { oidcConfigSchema, readClientSecretFile, CALLBACK_PATH, type OidcConfig, type OidcConfigInput } from './oidc-config.ts';
export { createOidcSignIn, type OidcSignIn, type OidcSignInOptions } from './oidc-sign-in.ts';
export { oidcTransactionSchema, OIDC_TRANSACTION_TTL_MS, type OidcTransaction } from './oidc-transaction.ts';
export { identityFromClaims, type OidcIdentity, type ClaimMapping, type ReleasedClaims } from './identity-from-claims.ts';
export { OidcSignInError, OIDC_SIGN_IN_ERROR_CODES, type OidcSignInErrorCode } from './oidc-errors.ts';
