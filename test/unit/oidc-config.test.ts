// The `oidc` block of a node's configuration, the client secret file, and the lifetime of a sign-in
// transaction: everything about OIDC sign-in that is checked before any provider is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../services/core/errors.ts';
import { parseWithProblems } from '../../services/core/validation/mod.ts';
import { oidcConfigSchema, oidcTransactionSchema, OIDC_TRANSACTION_TTL_MS, readClientSecretFile, OidcSignInError } from '../../services/oidc-sign-in/mod.ts';
import { assertTransactionFresh, newOidcTransaction } from '../../services/oidc-sign-in/oidc-transaction.ts';
import { isLoopbackHost } from '../../services/oidc-sign-in/issuer-transport.ts';

const MINIMAL = {
  issuer: 'https://sso.kemenlu.go.id/realms/tipnet',
  clientId: 'tipnet-idn',
  clientSecretFile: '/run/secrets/tipnet-oidc',
  redirectUri: 'https://tipnet.idn.example/auth/oidc/callback',
};

function problems(input: unknown): string[] {
  const result = parseWithProblems(oidcConfigSchema, input, 'oidc');
  return result.ok ? [] : result.problems;
}

test('a minimal block gets the documented defaults', () => {
  assert.deepEqual(oidcConfigSchema.parse(MINIMAL), {
    ...MINIMAL,
    clientAuthMethod: 'client_secret_basic',
    scopes: ['openid', 'profile'],
    roleClaim: 'tipnet_role',
    roleMap: { officer: 'officer', supervisor: 'supervisor', auditor: 'auditor' },
    unitClaim: 'tipnet_unit',
    officerClaim: 'preferred_username',
    allowHttpIssuer: false,
  });
});

test('scopes may be written as on the wire or as a list, and must include openid', () => {
  assert.deepEqual(oidcConfigSchema.parse({ ...MINIMAL, scopes: 'openid  profile tipnet' }).scopes, ['openid', 'profile', 'tipnet']);
  assert.deepEqual(oidcConfigSchema.parse({ ...MINIMAL, scopes: ['openid', 'email'] }).scopes, ['openid', 'email']);
  assert.match(problems({ ...MINIMAL, scopes: 'profile email' }).join('\n'), /oidc\.scopes: must include "openid"/);
});

test('a client secret written into the config is refused as an unknown field', () => {
  assert.deepEqual(problems({ ...MINIMAL, clientSecret: 'hunter2' }), ['oidc.clientSecret: is not a known field (check its spelling)']);
});

test('a plain http issuer is refused unless allowHttpIssuer is on and the host is loopback', () => {
  assert.match(problems({ ...MINIMAL, issuer: 'http://sso.kemenlu.go.id' }).join('\n'), /oidc\.issuer: uses plain http: an identity provider must be reached over https/);
  assert.match(problems({ ...MINIMAL, issuer: 'http://sso.kemenlu.go.id', allowHttpIssuer: true }).join('\n'), /not a loopback address/);
  assert.match(problems({ ...MINIMAL, issuer: 'http://127.0.0.1:4000' }).join('\n'), /uses plain http/);
  assert.deepEqual(problems({ ...MINIMAL, issuer: 'http://127.0.0.1:4000', allowHttpIssuer: true }), []);
  assert.deepEqual(problems({ ...MINIMAL, issuer: 'http://localhost:4000', allowHttpIssuer: true }), []);
  assert.match(problems({ ...MINIMAL, issuer: 'ftp://sso.kemenlu.go.id' }).join('\n'), /must be an https URL/);
});

test('loopback means 127.0.0.0/8, ::1 and localhost as the URL parser writes them, nothing that merely looks like it', () => {
  for (const url of ['http://127.0.0.1', 'http://127.1', 'http://127.200.3.4:80', 'http://[::1]:8080', 'http://LOCALHOST']) assert.ok(isLoopbackHost(new URL(url).hostname), url);
  for (const url of ['http://127.0.0.1.nip.io', 'http://localhost.example', 'http://10.0.0.1', 'http://[::ffff:7f00:1]', 'http://0.0.0.0']) assert.ok(!isLoopbackHost(new URL(url).hostname), url);
});

test('the redirect URI must be the node\'s https /auth/oidc/callback, http only on loopback', () => {
  assert.match(problems({ ...MINIMAL, redirectUri: 'https://tipnet.idn.example/callback' }).join('\n'), /oidc\.redirectUri: must be the node's own \/auth\/oidc\/callback URL/);
  assert.match(problems({ ...MINIMAL, redirectUri: 'https://tipnet.idn.example/auth/oidc/callback?x=1' }).join('\n'), /without query or fragment/);
  assert.match(problems({ ...MINIMAL, redirectUri: 'http://tipnet.idn.example/auth/oidc/callback' }).join('\n'), /must be https/);
  assert.deepEqual(problems({ ...MINIMAL, redirectUri: 'http://127.0.0.1:8080/auth/oidc/callback' }), []);
  assert.deepEqual(problems({ ...MINIMAL, redirectUri: 'https://gateway.example/idn/auth/oidc/callback' }), []);
});

test('every problem of a block is reported together, roleMap values included', () => {
  const found = problems({ issuer: 'not a url', clientId: '', redirectUri: 'https://x.example/auth/oidc/callback', roleMap: { analyst: 'analyst' }, officerClaim: '' });
  assert.ok(found.some((line) => line.startsWith('oidc.issuer:')), found.join('\n'));
  assert.ok(found.some((line) => line.startsWith('oidc.clientId:')));
  assert.ok(found.some((line) => line.startsWith('oidc.clientSecretFile: is required')));
  assert.ok(found.some((line) => line.startsWith('oidc.roleMap.analyst: must be one of "officer", "supervisor", "auditor"')), found.join('\n'));
  assert.ok(found.some((line) => line.startsWith('oidc.officerClaim:')));
  assert.match(problems({ ...MINIMAL, roleMap: {} }).join('\n'), /must map at least one claim value/);
});

test('the client secret file is read without its trailing newline; a missing or empty file is a ConfigurationError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-oidc-'));
  try {
    const path = join(dir, 'secret');
    writeFileSync(path, 's3cr3t-value\n');
    chmodSync(path, 0o600);
    assert.equal(await readClientSecretFile(path), 's3cr3t-value');
    writeFileSync(path, '\n');
    await assert.rejects(readClientSecretFile(path), (error: unknown) => error instanceof ConfigurationError && /one line/.test(error.message));
    await assert.rejects(readClientSecretFile(join(dir, 'absent')), (error: unknown) => error instanceof ConfigurationError && /file not found/.test(error.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a transaction is random, parses back from JSON, and is refused once older than ten minutes', () => {
  const start = Date.UTC(2026, 10, 18, 1, 0, 0);
  const first = newOidcTransaction(start);
  const second = newOidcTransaction(start);
  assert.notEqual(first.state, second.state);
  assert.notEqual(first.nonce, second.nonce);
  assert.notEqual(first.codeVerifier, second.codeVerifier);
  assert.deepEqual(oidcTransactionSchema.parse(JSON.parse(JSON.stringify(first))), first);
  assertTransactionFresh(first, start + OIDC_TRANSACTION_TTL_MS);
  assert.throws(() => assertTransactionFresh(first, start + OIDC_TRANSACTION_TTL_MS + 1), (error: unknown) => error instanceof OidcSignInError && error.code === 'OIDC_TRANSACTION_EXPIRED');
  assert.throws(() => assertTransactionFresh(first, start - 5 * 60_000), (error: unknown) => error instanceof OidcSignInError && error.code === 'OIDC_TRANSACTION_EXPIRED');
  assert.equal(OIDC_TRANSACTION_TTL_MS, 600_000);
});
