// Every refusal of an OpenID Connect sign-in is an OidcSignInError with a code from this table, so
// the node's HTTP layer maps codes to answers (and the dashboard to advice) without reading text.
// Messages name the claim, value or step that failed; they never carry a token, a code or a secret.
import { CodedError } from '../core/mod.ts';

export const OIDC_SIGN_IN_ERROR_CODES = Object.freeze({
  OIDC_INSECURE_ISSUER: 'The identity provider must be reached over https; plain http is allowed only for a test provider on a loopback address, with allowHttpIssuer.',
  OIDC_PROVIDER_UNREACHABLE: 'The identity provider did not answer. Try again later.',
  OIDC_DISCOVERY_FAILED: 'The identity provider\'s discovery document could not be used.',
  OIDC_TRANSACTION_EXPIRED: 'The sign-in took longer than 10 minutes. Start again.',
  OIDC_STATE_MISMATCH: 'The answer from the identity provider does not belong to this sign-in. Start again.',
  OIDC_AUTHORIZATION_DENIED: 'The identity provider did not authorise the sign-in.',
  OIDC_TOKEN_REFUSED: 'The identity provider refused to exchange the authorisation code. Start again.',
  OIDC_CLIENT_REFUSED: 'The identity provider did not accept this node\'s client credentials: an operator must check the OIDC configuration.',
  OIDC_TOKEN_INVALID: 'The identity provider\'s answer failed validation.',
  OIDC_USERINFO_FAILED: 'The identity provider\'s userinfo endpoint did not give the claims.',
  OIDC_NO_ROLE: 'The identity provider released no role claim for this account.',
  OIDC_ROLE_NOT_MAPPED: 'The account\'s role is not one the node maps to officer, supervisor or auditor.',
  OIDC_ROLE_AMBIGUOUS: 'The account\'s role claim maps to more than one node role.',
  OIDC_BAD_OFFICER_REF: 'The account\'s officer reference is not usable.',
  OIDC_BAD_UNIT: 'The account\'s unit claim is not usable.',
});

export type OidcSignInErrorCode = keyof typeof OIDC_SIGN_IN_ERROR_CODES;

/** Only a provider that did not answer may answer later; every other refusal repeats until someone changes something. */
const RETRYABLE: ReadonlySet<OidcSignInErrorCode> = new Set<OidcSignInErrorCode>(['OIDC_PROVIDER_UNREACHABLE']);

export class OidcSignInError extends CodedError<OidcSignInErrorCode> {
  override readonly name = 'OidcSignInError';

  /** `cause` is for logs only, and is already stripped of anything a token could hide in. */
  constructor(code: OidcSignInErrorCode, message: string = OIDC_SIGN_IN_ERROR_CODES[code], options?: { cause?: unknown }) {
    super(code, message, { ...options, retryable: RETRYABLE.has(code) });
  }
}
