// OpenID Connect sign-in against a real provider (oidc-provider 8 on a loopback port) over real
// HTTP: the scripted user agent signs in on the provider's own login and consent pages, and the
// node's side (createOidcSignIn) redeems the code and maps the released claims.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import {
  createOidcSignIn, oidcConfigSchema, OidcSignInError,
  type OidcConfig, type OidcSignIn, type OidcSignInErrorCode, type OidcSignInOptions, type OidcTransaction,
} from '../../services/oidc-sign-in/mod.ts';
import {
  ScriptedUserAgent, signInAtProvider, startOidcProvider, type TestOidcProvider, type TestProviderOptions,
} from '../support/oidc-provider.ts';

const REDIRECT_URI = 'http://127.0.0.1:8088/auth/oidc/callback';

const ACCOUNTS = {
  siti: { preferred_username: 'siti_rahma', tipnet_role: 'supervisor', tipnet_unit: 'Bareskrim TPPO desk' },
  dara: { preferred_username: 'dara', tipnet_role: 'analyst', tipnet_unit: 'Anti-Trafficking Police' },
  nobody: { preferred_username: 'nobody', tipnet_unit: 'Records' },
};

async function startProvider(t: TestContext, options: Partial<TestProviderOptions> = {}): Promise<TestOidcProvider> {
  return startOidcProvider(t, { accounts: ACCOUNTS, redirectUris: [REDIRECT_URI], ...options });
}

function configFor(provider: TestOidcProvider, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return { ...oidcConfigSchema.parse(provider.configBlock(REDIRECT_URI, '/run/secrets/oidc-client')), ...overrides };
}

async function signInFor(provider: TestOidcProvider, options: Partial<OidcSignInOptions> = {}) {
  return createOidcSignIn(configFor(provider), { clientSecret: provider.clientSecret, ...options });
}

async function refusal(promise: Promise<unknown>, code: OidcSignInErrorCode): Promise<OidcSignInError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(error instanceof OidcSignInError, `expected an OidcSignInError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}

test('an officer who signs in at the provider gets the role and unit it released, with PKCE, state and nonce on the way', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const sent = authorizationUrl.searchParams;
  assert.equal(sent.get('code_challenge_method'), 'S256');
  assert.equal(sent.get('state'), transaction.state);
  assert.equal(sent.get('nonce'), transaction.nonce);
  assert.equal(sent.get('scope'), 'openid profile');
  assert.ok(!authorizationUrl.href.includes(transaction.codeVerifier) && !authorizationUrl.href.includes(provider.clientSecret));

  const callbackUrl = await signInAtProvider(authorizationUrl, 'siti', 'not checked by the dev login');
  assert.ok(callbackUrl.href.startsWith(REDIRECT_URI), callbackUrl.href);
  assert.equal(callbackUrl.searchParams.get('state'), transaction.state);

  const identity = await signIn.finish(callbackUrl, transaction);
  assert.deepEqual(identity, { subject: 'siti', officerRef: 'siti_rahma', role: 'supervisor', unit: 'Bareskrim TPPO desk', issuer: provider.issuer });
});

test('claims released in the ID token alone are used without calling userinfo, with client_secret_post', async (t) => {
  const provider = await startProvider(t, { claimsInIdToken: true, clientAuthMethod: 'client_secret_post' });
  const requested: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    requested.push(new URL(input instanceof Request ? input.url : input).pathname);
    return fetch(input, init);
  };
  const signIn = await createOidcSignIn(configFor(provider, { clientAuthMethod: 'client_secret_post' }), { clientSecret: provider.clientSecret, fetch: recordingFetch });
  const { authorizationUrl, transaction } = await signIn.begin();
  const identity = await signIn.finish(await signInAtProvider(authorizationUrl, 'siti'), transaction);
  assert.equal(identity.role, 'supervisor');
  assert.equal(identity.unit, 'Bareskrim TPPO desk');
  // No /userinfo; and no /jwks either: an ID token taken straight from the token endpoint is
  // authenticated by that connection (OIDC Core 3.1.3.7), which is why the issuer must be https.
  assert.deepEqual(requested, ['/.well-known/openid-configuration', '/token']);
});

test('an account whose role claim is "analyst" is refused with OIDC_ROLE_NOT_MAPPED naming the value', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const error = await refusal(signIn.finish(await signInAtProvider(authorizationUrl, 'dara'), transaction), 'OIDC_ROLE_NOT_MAPPED');
  assert.match(error.message, /"tipnet_role" claim holds "analyst"/);
  assert.equal(error.retryable, false);
});

test('an account with no role claim is refused with OIDC_NO_ROLE naming the claim', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const error = await refusal(signIn.finish(await signInAtProvider(authorizationUrl, 'nobody'), transaction), 'OIDC_NO_ROLE');
  assert.match(error.message, /no "tipnet_role" claim/);
});

test('an officer who cancels at the provider is refused with OIDC_AUTHORIZATION_DENIED naming the provider\'s error', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const callbackUrl = await signInAtProvider(authorizationUrl, 'siti', { cancel: true });
  assert.equal(callbackUrl.searchParams.get('error'), 'access_denied');
  const error = await refusal(signIn.finish(callbackUrl, transaction), 'OIDC_AUTHORIZATION_DENIED');
  assert.match(error.message, /\(access_denied\)/);
});

test('a callback whose state was changed is refused with OIDC_STATE_MISMATCH, before its code is redeemed', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const callbackUrl = await signInAtProvider(authorizationUrl, 'siti');
  const altered = new URL(callbackUrl);
  altered.searchParams.set('state', `${transaction.state.slice(1)}x`);
  const error = await refusal(signIn.finish(altered, transaction), 'OIDC_STATE_MISMATCH');
  assert.ok(!error.message.includes(callbackUrl.searchParams.get('code') ?? '-'));
  // The code was never sent to the provider, so the genuine answer still completes.
  assert.equal((await signIn.finish(callbackUrl, transaction)).officerRef, 'siti_rahma');
});

test('a callback used a second time (same code) is refused with OIDC_TOKEN_REFUSED', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider);
  const { authorizationUrl, transaction } = await signIn.begin();
  const callbackUrl = await signInAtProvider(authorizationUrl, 'siti');
  await signIn.finish(callbackUrl, transaction);
  const error = await refusal(signIn.finish(callbackUrl, transaction), 'OIDC_TOKEN_REFUSED');
  assert.match(error.message, /invalid_grant/);
  assert.ok(!error.message.includes(callbackUrl.searchParams.get('code') ?? '-'));
  assert.ok(provider.problems.some((problem) => problem.startsWith('grant.error')), provider.problems.join('\n'));
});

test('a node with the wrong client secret is refused with OIDC_CLIENT_REFUSED, and the secret is not repeated', async (t) => {
  const provider = await startProvider(t);
  const signIn = await signInFor(provider, { clientSecret: 'not-the-registered-secret' });
  const { authorizationUrl, transaction } = await signIn.begin();
  const error = await refusal(signIn.finish(await signInAtProvider(authorizationUrl, 'siti'), transaction), 'OIDC_CLIENT_REFUSED');
  assert.match(error.message, /invalid_client/);
  assert.ok(!error.message.includes('not-the-registered-secret') && !String(error.cause).includes('not-the-registered-secret'));
});

test('a sign-in finished more than ten minutes after it began is refused with OIDC_TRANSACTION_EXPIRED', async (t) => {
  const provider = await startProvider(t);
  let clock = Date.now();
  const signIn = await signInFor(provider, { now: () => clock });
  const { authorizationUrl, transaction } = await signIn.begin();
  const callbackUrl = await signInAtProvider(authorizationUrl, 'siti');
  clock += 10 * 60_000 + 1;
  await refusal(signIn.finish(callbackUrl, transaction), 'OIDC_TRANSACTION_EXPIRED');
});

test('an http issuer on a non-loopback host is refused at creation with OIDC_INSECURE_ISSUER, before any request', async () => {
  const requested: string[] = [];
  const noFetch: typeof fetch = async (input) => {
    requested.push(String(input));
    throw new Error('no request should be made');
  };
  const config = oidcConfigSchema.parse({ issuer: 'https://id.example.go.id', clientId: 'tipnet-node', clientSecretFile: '/run/secrets/oidc', redirectUri: 'https://tipnet.example.go.id/auth/oidc/callback' });
  const remoteHttp = { ...config, issuer: 'http://id.example.go.id', allowHttpIssuer: true };
  const error = await refusal(createOidcSignIn(remoteHttp, { clientSecret: 's', fetch: noFetch }), 'OIDC_INSECURE_ISSUER');
  assert.match(error.message, /http:\/\/id\.example\.go\.id uses plain http on id\.example\.go\.id, which is not a loopback address/);
  const loopbackNotAllowed = { ...config, issuer: 'http://127.0.0.1:9' };
  await refusal(createOidcSignIn(loopbackNotAllowed, { clientSecret: 's', fetch: noFetch }), 'OIDC_INSECURE_ISSUER');
  assert.deepEqual(requested, []);
});

test('a provider that does not answer is refused at creation with OIDC_PROVIDER_UNREACHABLE, marked retryable', async () => {
  const port = await closedPort();
  const config = oidcConfigSchema.parse({ issuer: `http://127.0.0.1:${port}`, clientId: 'tipnet-node', clientSecretFile: '/run/secrets/oidc', redirectUri: REDIRECT_URI, allowHttpIssuer: true });
  const error = await refusal(createOidcSignIn(config, { clientSecret: 's' }), 'OIDC_PROVIDER_UNREACHABLE');
  assert.equal(error.retryable, true);
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}/\\.well-known/openid-configuration`));
});

/** A loopback port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('the user agent signs in from a node\'s start URL, keeps each origin\'s cookies apart and stops at the callback', async (t) => {
  const provider = await startProvider(t, { redirectUris: [] });
  const node = await startStandInNode(t, provider);
  const agent = new ScriptedUserAgent();
  const callbackUrl = await signInAtProvider(`${node.url}/auth/oidc/start`, 'siti', { userAgent: agent });
  assert.ok(callbackUrl.href.startsWith(`${node.url}/auth/oidc/callback?`), callbackUrl.href);
  assert.ok(agent.cookies.names(node.url).includes('tipnet_oidc'));
  assert.ok(!agent.cookies.names(provider.issuer).includes('tipnet_oidc'), 'the node\'s cookie went to the provider');
  assert.ok(!agent.history.some((line) => line.includes('/auth/oidc/callback')), 'the agent requested the callback itself');

  const answer = await agent.request(callbackUrl);
  assert.equal(answer.status, 200);
  assert.deepEqual(await answer.json(), { officerRef: 'siti_rahma', role: 'supervisor' });
});

/**
 * Just enough of a node's sign-in routes to drive the helpers the way the node's own test will:
 * /auth/oidc/start keeps the transaction under a cookie and redirects; /auth/oidc/callback finishes.
 */
async function startStandInNode(t: TestContext, provider: TestOidcProvider): Promise<{ url: string }> {
  const transactions = new Map<string, OidcTransaction>();
  let signIn: OidcSignIn | undefined;
  const server = createHttpServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/auth/oidc/start' && signIn) {
        const { authorizationUrl, transaction } = await signIn.begin();
        transactions.set(transaction.state, transaction);
        response.writeHead(302, { location: authorizationUrl.href, 'set-cookie': `tipnet_oidc=${transaction.state}; Path=/auth/oidc; HttpOnly; SameSite=Lax` });
        return response.end();
      }
      const key = /tipnet_oidc=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
      const transaction = transactions.get(key);
      if (url.pathname !== '/auth/oidc/callback' || !signIn || !transaction) return response.writeHead(404).end();
      const identity = await signIn.finish(url, transaction);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ officerRef: identity.officerRef, role: identity.role }));
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  provider.allowRedirectUri(`${url}/auth/oidc/callback`);
  const config = oidcConfigSchema.parse(provider.configBlock(`${url}/auth/oidc/callback`, '/run/secrets/oidc-client'));
  signIn = await createOidcSignIn(config, { clientSecret: provider.clientSecret });
  return { url };
}
