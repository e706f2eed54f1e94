// Public entry of node access: who may call a state's node and what they may do. Exports the roles
// and API-token scopes and the permissions they grant, officer accounts and API tokens (scrypt
// password hashes, SHA-256 token digests) in the KV bucket TIPNODE_ACCESS (AccessStore), sign-in
// sessions (SessionTable), the authenticator that turns credentials into a Caller, and the
// sign-in guard against password guessing. Used by the node's HTTP layer and the CLI.
export {
  PERMISSIONS, OFFICER_ROLES, ROLE_PERMISSIONS, TOKEN_SCOPES, SCOPE_PERMISSIONS, isOfficerRole, isTokenScope, permissionsOfScopes,
  permissionForSubmission, type Permission, type OfficerRole, type TokenScope,
} from './roles.ts';
export { hashPassword, verifyPassword, passwordProblems, DEFAULT_SCRYPT, MIN_PASSWORD_CHARS, type ScryptParameters } from './passwords.ts';
export { newApiToken, parseApiToken, secretMatches, TOKEN_ID_PATTERN, type NewApiToken } from './api-tokens.ts';
export {
  OFFICER_REF_PATTERN, officerRefSchema, unitSchema, tokenNameSchema, officerRoleSchema, tokenScopeSchema, officerListing, tokenListing,
  type OfficerAccount, type ApiTokenRecord, type OfficerListing, type TokenListing,
} from './access-records.ts';
export { AccessStore, type NewOfficer, type NewToken } from './access-store.ts';
export { AccessError, ACCESS_ERROR_CODES, type AccessErrorCode } from './access-error.ts';
export { callerKey, callerRole, mayDo, type Caller, type OfficerCaller, type TokenCaller } from './caller.ts';
export { SessionTable, type Session, type SessionIdentity, type SessionTableOptions } from './session-table.ts';
export { authenticate, AUTH_FAILURES, type AccessLookup, type AuthFailureCode, type AuthResult, type Credentials } from './authenticator.ts';
export { SignInGuard } from './sign-in-guard.ts';
