// How the claims a ministry's identity provider releases become an officer on a node: one role the
// node knows, a unit, and a reference fit to name a durable feed. Pure: no provider needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityFromClaims, oidcConfigSchema, OidcSignInError, type ClaimMapping, type OidcSignInErrorCode } from '../../services/oidc-sign-in/mod.ts';

const DEFAULTS: ClaimMapping = oidcConfigSchema.parse({
  issuer: 'https://sso.kemenlu.go.id/realms/tipnet', clientId: 'tipnet-idn', clientSecretFile: '/run/secrets/oidc',
  redirectUri: 'https://tipnet.idn.example/auth/oidc/callback',
});
const ISSUER = 'https://sso.kemenlu.go.id/realms/tipnet';

function claims(extra: Record<string, unknown>): Record<string, unknown> {
  return { iss: ISSUER, sub: '3f1c9a52-77e0-4c1e-9d2b-0b8f5c6a1e44', aud: 'tipnet-idn', ...extra };
}

function refusal(run: () => unknown, code: OidcSignInErrorCode): OidcSignInError {
  let caught: unknown;
  try { run(); } catch (error) { caught = error; }
  assert.ok(caught instanceof OidcSignInError, `expected an OidcSignInError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

test('the default mapping gives the officer the role word the provider released, the unit and preferred_username', () => {
  for (const role of ['officer', 'supervisor', 'auditor'] as const) {
    const identity = identityFromClaims(claims({ tipnet_role: role, tipnet_unit: 'Direktorat Tindak Pidana Umum', preferred_username: 'siti_rahma' }), DEFAULTS);
    assert.deepEqual(identity, {
      subject: '3f1c9a52-77e0-4c1e-9d2b-0b8f5c6a1e44', officerRef: 'siti_rahma', role, unit: 'Direktorat Tindak Pidana Umum', issuer: ISSUER,
    });
    assert.ok(Object.isFrozen(identity));
  }
});

test('a configured roleMap, role and unit claims, and officer claim are followed', () => {
  const mapping: ClaimMapping = {
    roleClaim: 'groups', unitClaim: 'department', officerClaim: 'employee_id',
    roleMap: { 'TIP-Liaison': 'officer', 'TIP-Desk-Head': 'supervisor', 'Inspectorate': 'auditor' },
  };
  const identity = identityFromClaims(claims({ groups: 'TIP-Desk-Head', department: 'Immigration', employee_id: 'KHM-00412', tipnet_role: 'auditor' }), mapping);
  assert.equal(identity.role, 'supervisor');
  assert.equal(identity.unit, 'Immigration');
  assert.equal(identity.officerRef, 'KHM-00412');
  refusal(() => identityFromClaims(claims({ groups: 'officer', employee_id: 'x' }), mapping), 'OIDC_ROLE_NOT_MAPPED');
});

test('a role claim that is a list of groups maps through the one group roleMap knows', () => {
  const identity = identityFromClaims(claims({ tipnet_role: ['staff', 'vpn-users', 'auditor'], preferred_username: 'audit-01' }), DEFAULTS);
  assert.equal(identity.role, 'auditor');
});

test('a role claim whose values map to two node roles is refused with OIDC_ROLE_AMBIGUOUS', () => {
  const error = refusal(() => identityFromClaims(claims({ tipnet_role: ['officer', 'supervisor'] }), DEFAULTS), 'OIDC_ROLE_AMBIGUOUS');
  assert.match(error.message, /"officer", "supervisor"/);
  assert.match(error.message, /officer, supervisor/);
});

test('no role claim, null, an empty string or an empty list is refused with OIDC_NO_ROLE naming the claim', () => {
  for (const value of [undefined, null, '', []]) {
    const error = refusal(() => identityFromClaims(claims(value === undefined ? {} : { tipnet_role: value }), DEFAULTS), 'OIDC_NO_ROLE');
    assert.match(error.message, /no "tipnet_role" claim/);
    assert.match(error.message, /"officer", "supervisor", "auditor"/);
  }
  const custom = refusal(() => identityFromClaims(claims({ tipnet_role: 'officer' }), { ...DEFAULTS, roleClaim: 'groups' }), 'OIDC_NO_ROLE');
  assert.match(custom.message, /no "groups" claim/);
});

test('a role value roleMap does not know is refused with OIDC_ROLE_NOT_MAPPED naming the value', () => {
  const error = refusal(() => identityFromClaims(claims({ tipnet_role: 'analyst' }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
  assert.match(error.message, /"tipnet_role" claim holds "analyst"/);
  assert.equal(error.retryable, false);
  // Case matters: the provider's words are compared exactly.
  refusal(() => identityFromClaims(claims({ tipnet_role: 'Officer' }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
});

test('names an object inherits ("constructor", "__proto__", "toString") are not roles', () => {
  for (const value of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    refusal(() => identityFromClaims(claims({ tipnet_role: value }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
  }
});

test('a role claim that is not a string or a list of strings is refused', () => {
  for (const value of [3, true, { role: 'officer' }, ['officer', 7]]) {
    const error = refusal(() => identityFromClaims(claims({ tipnet_role: value }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
    assert.match(error.message, /must be a string or a list of strings/);
  }
});

test('a role value is shown shortened and with control and direction characters replaced', () => {
  const error = refusal(() => identityFromClaims(claims({ tipnet_role: `evil\u202e\nrole${'x'.repeat(200)}` }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
  assert.ok(!/[\u202e\n]/.test(error.message));
  assert.match(error.message, /"evil\uFFFD\uFFFDrolex+"/);
  assert.ok(error.message.length < 300);
  const many = refusal(() => identityFromClaims(claims({ tipnet_role: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), DEFAULTS), 'OIDC_ROLE_NOT_MAPPED');
  assert.match(many.message, /"e" and 2 more/);
});

test('without the officer claim the officer reference falls back to sub', () => {
  const identity = identityFromClaims(claims({ tipnet_role: 'officer' }), DEFAULTS);
  assert.equal(identity.officerRef, '3f1c9a52-77e0-4c1e-9d2b-0b8f5c6a1e44');
  assert.equal('unit' in identity, false);
});

test('an officer claim that cannot name a durable feed is refused with OIDC_BAD_OFFICER_REF, without falling back to sub or repeating it', () => {
  const email = refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', preferred_username: 'siti.rahma@polri.go.id' }), DEFAULTS), 'OIDC_BAD_OFFICER_REF');
  assert.match(email.message, /"preferred_username" claim/);
  assert.match(email.message, /contains "@"/);
  assert.equal(identityFromClaims(claims({ tipnet_role: 'officer', preferred_username: 'siti.rahma' }), DEFAULTS).officerRef, 'siti.rahma');
  assert.ok(!email.message.includes('siti'));
  const long = refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', preferred_username: 'a'.repeat(65) }), DEFAULTS), 'OIDC_BAD_OFFICER_REF');
  assert.match(long.message, /has 65 characters/);
  refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', preferred_username: '' }), DEFAULTS), 'OIDC_BAD_OFFICER_REF');
  refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', preferred_username: 42 }), DEFAULTS), 'OIDC_BAD_OFFICER_REF');
  const subject = refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', sub: 'auth0|5f7c8ec7c33c6c004bbafe82' }), DEFAULTS), 'OIDC_BAD_OFFICER_REF');
  assert.match(subject.message, /"sub" claim/);
});

test('a unit claim that is not one line of at most 200 characters is refused with OIDC_BAD_UNIT', () => {
  for (const value of ['', 'x'.repeat(201), 'Desk A\nDesk B', 12, ['A', 'B']]) {
    const error = refusal(() => identityFromClaims(claims({ tipnet_role: 'officer', tipnet_unit: value }), DEFAULTS), 'OIDC_BAD_UNIT');
    assert.match(error.message, /"tipnet_unit" claim/);
  }
  assert.equal(identityFromClaims(claims({ tipnet_role: 'officer', tipnet_unit: null }), DEFAULTS).unit, undefined);
});

test('claims without sub or iss are refused with OIDC_TOKEN_INVALID', () => {
  refusal(() => identityFromClaims({ iss: ISSUER, tipnet_role: 'officer' }, DEFAULTS), 'OIDC_TOKEN_INVALID');
  refusal(() => identityFromClaims({ sub: 'abc', tipnet_role: 'officer' }, DEFAULTS), 'OIDC_TOKEN_INVALID');
});
