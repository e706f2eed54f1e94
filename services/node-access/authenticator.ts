// Turns a request's credentials into a Caller, or says why not. Bearer tokens for national
// systems, a session cookie for officers; a request that offers both is refused, because it is
// not clear on whose behalf it would act. Account and token records are read on every request, so
// disabling an account or revoking a token takes effect at once.
import type { ApiTokenRecord, OfficerAccount } from './access-records.ts';
import { parseApiToken, secretMatches } from './api-tokens.ts';
import type { Caller } from './caller.ts';
import { permissionsOfScopes, ROLE_PERMISSIONS } from './roles.ts';
import type { SessionTable } from './session-table.ts';

/** What the authenticator reads: AccessStore on a node, a Map in unit tests. */
export interface AccessLookup {
  officer(officerRef: string): Promise<OfficerAccount | undefined>;
  token(tokenId: string): Promise<ApiTokenRecord | undefined>;
}

export const AUTH_FAILURES = Object.freeze({
  NO_CREDENTIALS: 'sign in, or send an API token as "Authorization: Bearer tipnet_..."',
  TWO_CREDENTIALS: 'send either a session cookie or an API token, not both',
  MALFORMED_TOKEN: 'the Authorization header is not "Bearer tipnet_<id>_<secret>"',
  UNKNOWN_TOKEN: 'the API token is not known to this node',
  TOKEN_REVOKED: 'the API token was revoked',
  SESSION_EXPIRED: 'the sign-in has expired or ended; sign in again',
  ACCOUNT_DISABLED: 'the officer account is disabled',
});
export type AuthFailureCode = keyof typeof AUTH_FAILURES;

export type AuthResult = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly code: AuthFailureCode };

export interface Credentials {
  readonly authorization?: string | undefined;
  readonly sessionCookie?: string | undefined;
}

export async function authenticate(credentials: Credentials, lookup: AccessLookup, sessions: SessionTable): Promise<AuthResult> {
  const { authorization, sessionCookie } = credentials;
  if (authorization !== undefined && sessionCookie !== undefined) return fail('TWO_CREDENTIALS');
  if (authorization !== undefined) return authenticateToken(authorization, lookup);
  if (sessionCookie !== undefined) return authenticateSession(sessionCookie, lookup, sessions);
  return fail('NO_CREDENTIALS');
}

async function authenticateToken(authorization: string, lookup: AccessLookup): Promise<AuthResult> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const parsed = match ? parseApiToken(match[1] ?? '') : undefined;
  if (!parsed) return fail('MALFORMED_TOKEN');
  const record = await lookup.token(parsed.tokenId);
  if (!record || !secretMatches(parsed.secret, record.secretDigest)) return fail('UNKNOWN_TOKEN');
  if (record.revokedAtUnixMs !== undefined) return fail('TOKEN_REVOKED');
  return {
    ok: true,
    caller: { kind: 'token', id: record.tokenId, name: record.name, unit: record.unit, scopes: record.scopes, permissions: permissionsOfScopes(record.scopes) },
  };
}

async function authenticateSession(cookie: string, lookup: AccessLookup, sessions: SessionTable): Promise<AuthResult> {
  const session = sessions.touch(cookie);
  if (!session) return fail('SESSION_EXPIRED');
  let { role, unit } = session;
  if (session.via === 'local') {
    // The account as it is now: a role change or a disabled account applies to live sessions.
    const account = await lookup.officer(session.officerRef);
    if (!account || account.disabledAtUnixMs !== undefined) {
      sessions.end(cookie);
      return fail('ACCOUNT_DISABLED');
    }
    ({ role, unit } = account);
  }
  return {
    ok: true,
    caller: { kind: 'officer', id: session.officerRef, role, unit, via: session.via, permissions: ROLE_PERMISSIONS[role] },
  };
}

function fail(code: AuthFailureCode): AuthResult {
  return { ok: false, code };
}
