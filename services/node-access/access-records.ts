// What the node keeps about who may call it: officer accounts and API tokens. Secrets appear only
// as a scrypt hash (passwords) or a SHA-256 digest (token secrets).
import { z } from 'zod';
import { LIMITS, OFFICER_ID_PATTERN, OFFICER_ID_RULE } from '../core/mod.ts';
import { OFFICER_ROLES, TOKEN_SCOPES, type OfficerRole, type TokenScope } from './roles.ts';

/** An officer reference names a durable feed and appears on acknowledgements: no spaces, no personal name required. */
export const OFFICER_REF_PATTERN = OFFICER_ID_PATTERN;
const shortText = z.string().trim().min(1).max(LIMITS.maxShortTextChars).regex(/^[^\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/u, 'must not contain control characters');

export const officerRefSchema = z.string().regex(OFFICER_REF_PATTERN, `must be ${OFFICER_ID_RULE}`);
export const unitSchema = shortText;
export const tokenNameSchema = shortText;
export const officerRoleSchema = z.enum(OFFICER_ROLES);
export const tokenScopeSchema = z.enum(TOKEN_SCOPES);

export interface OfficerAccount {
  readonly officerRef: string;
  readonly role: OfficerRole;
  /** The unit named on what the officer acknowledges (the envelope's sender_unit). */
  readonly unit: string;
  readonly passwordHash: string;
  readonly createdAtUnixMs: number;
  readonly updatedAtUnixMs: number;
  readonly disabledAtUnixMs?: number;
}

export interface ApiTokenRecord {
  readonly tokenId: string;
  readonly name: string;
  readonly unit: string;
  readonly scopes: readonly TokenScope[];
  readonly secretDigest: string;
  readonly createdAtUnixMs: number;
  readonly revokedAtUnixMs?: number;
}

/** An account or token as lists show it: never its hash or digest. */
export type OfficerListing = Omit<OfficerAccount, 'passwordHash'>;
export type TokenListing = Omit<ApiTokenRecord, 'secretDigest'>;

export function officerListing({ passwordHash: _hash, ...rest }: OfficerAccount): OfficerListing {
  return rest;
}

export function tokenListing({ secretDigest: _digest, ...rest }: ApiTokenRecord): TokenListing {
  return rest;
}
