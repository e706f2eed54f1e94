// From the claims a ministry's provider released to who the officer is on this node: a role the
// node knows, the unit, and a reference fit to name a durable feed. Pure, so every mapping rule is
// tested without a provider. A claim that cannot be used refuses the sign-in rather than guessing.
import { OFFICER_ID_PATTERN, OFFICER_ID_RULE } from '../core/mod.ts';
import type { NodeRole, OidcConfig } from './oidc-config.ts';
import { OidcSignInError } from './oidc-errors.ts';

export interface OidcIdentity {
  /** The provider's `sub`: stable for this account at this issuer. */
  readonly subject: string;
  /** Names the officer's durable feed and appears on acknowledgements. */
  readonly officerRef: string;
  readonly role: NodeRole;
  readonly unit?: string;
  readonly issuer: string;
}

export type ClaimMapping = Pick<OidcConfig, 'roleClaim' | 'roleMap' | 'unitClaim' | 'officerClaim'>;
export type ReleasedClaims = Readonly<Record<string, unknown>>;

const UNIT_MAX_CHARS = 200;
/** Control and format characters (line breaks, bidirectional overrides): kept out of messages and units. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const EVERY_UNPRINTABLE = new RegExp(UNPRINTABLE.source, 'gu');

export function identityFromClaims(claims: ReleasedClaims, mapping: ClaimMapping): OidcIdentity {
  const subject = requiredString(claims, 'sub');
  const issuer = requiredString(claims, 'iss');
  const role = roleFromClaims(claims, mapping);
  const officerRef = officerRefFromClaims(claims, mapping.officerClaim);
  const unit = unitFromClaims(claims, mapping.unitClaim);
  return Object.freeze({ subject, officerRef, role, ...(unit === undefined ? {} : { unit }), issuer });
}

function roleFromClaims(claims: ReleasedClaims, { roleClaim, roleMap }: ClaimMapping): NodeRole {
  const raw = claimValue(claims, roleClaim);
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw as unknown[] : [raw];
  if (values.length === 0 || values.every((value) => value === '')) {
    throw new OidcSignInError('OIDC_NO_ROLE', `the identity provider released no "${roleClaim}" claim for this account: it must carry one of ${listOf(Object.keys(roleMap))} (roleClaim names the claim, roleMap its values)`);
  }
  const words = values.filter((value): value is string => typeof value === 'string');
  if (words.length !== values.length) {
    throw new OidcSignInError('OIDC_ROLE_NOT_MAPPED', `the "${roleClaim}" claim must be a string or a list of strings`);
  }
  const mapped = new Set(words.flatMap((word) => (Object.hasOwn(roleMap, word) ? [roleMap[word] as NodeRole] : [])));
  if (mapped.size === 0) {
    throw new OidcSignInError('OIDC_ROLE_NOT_MAPPED', `the "${roleClaim}" claim holds ${listOf(words)}, which roleMap does not map to a node role (officer, supervisor or auditor)`);
  }
  if (mapped.size > 1) {
    throw new OidcSignInError('OIDC_ROLE_AMBIGUOUS', `the "${roleClaim}" claim holds ${listOf(words)}, which map to more than one node role (${[...mapped].join(', ')}); an account must have exactly one`);
  }
  return [...mapped][0] as NodeRole;
}

/** The configured claim, or `sub` when the provider does not release that claim at all; never a silent fallback from a bad value. */
function officerRefFromClaims(claims: ReleasedClaims, officerClaim: string): string {
  const fromClaim = claimValue(claims, officerClaim);
  const [name, value] = fromClaim === undefined ? ['sub', claims['sub']] : [officerClaim, fromClaim];
  if (typeof value !== 'string') {
    throw new OidcSignInError('OIDC_BAD_OFFICER_REF', `the "${name}" claim is not a string, so it cannot be an officer reference (${OFFICER_ID_RULE}); set officerClaim to a claim that is`);
  }
  if (!OFFICER_ID_PATTERN.test(value)) {
    throw new OidcSignInError('OIDC_BAD_OFFICER_REF', `the "${name}" claim cannot be an officer reference: it must be ${OFFICER_ID_RULE} (it names the officer's durable feed and appears on acknowledgements), and it ${officerRefFault(value)}; set officerClaim to a claim that fits`);
  }
  return value;
}

/** What is wrong with an officer reference, without repeating it (it may be an e-mail address). */
function officerRefFault(value: string): string {
  if (value.length === 0) return 'is empty';
  if (value.length > 64) return `has ${value.length} characters`;
  const bad = [...new Set(value.replace(/[A-Za-z0-9_.-]/g, ''))].slice(0, 5);
  return `contains ${listOf(bad)}`;
}

function unitFromClaims(claims: ReleasedClaims, unitClaim: string): string | undefined {
  const value = claimValue(claims, unitClaim);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > UNIT_MAX_CHARS || UNPRINTABLE.test(value)) {
    throw new OidcSignInError('OIDC_BAD_UNIT', `the "${unitClaim}" claim must be a single-line string of 1 to ${UNIT_MAX_CHARS} characters`);
  }
  return value;
}

function requiredString(claims: ReleasedClaims, name: 'sub' | 'iss'): string {
  const value = claims[name];
  if (typeof value !== 'string' || value === '') throw new OidcSignInError('OIDC_TOKEN_INVALID', `the identity provider's claims carry no "${name}"`);
  return value;
}

/** Own properties only (a claim named "constructor" is not Object's), and null counts as absent. */
function claimValue(claims: ReleasedClaims, name: string): unknown {
  return Object.hasOwn(claims, name) && claims[name] !== null ? claims[name] : undefined;
}

/** Quoted, shortened, printable: a claim value can be shown to the officer and written to logs. */
function listOf(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((value) => JSON.stringify(value.slice(0, 64).replace(EVERY_UNPRINTABLE, '\uFFFD')));
  const more = values.length > 5 ? ` and ${values.length - 5} more` : '';
  return `${shown.join(', ')}${more}`;
}
