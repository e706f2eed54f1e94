// A real OpenID Connect provider (oidc-provider 8) for sign-in tests, on a free loopback port: one
// confidential client that must use PKCE, accounts from the test's own table, and the provider's
// development login and consent pages. Stopped in t.after, also when the test fails. With it,
// signInAtProvider walks those pages like an officer's browser and returns the redirect back.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import Provider, { type Adapter, type Configuration } from 'oidc-provider';
import type { OidcConfigInput } from '../../services/oidc-sign-in/mod.ts';
import { linkEndingWith, ScriptedUserAgent } from './scripted-user-agent.ts';

export { ScriptedUserAgent, type NavigationOptions, type AgentRequest } from './scripted-user-agent.ts';
export { CookieJar } from './cookie-jar.ts';

/** Claims of one account besides `sub` (which is always the login), e.g. preferred_username, tipnet_role, tipnet_unit. */
export type ProviderAccountClaims = Readonly<Record<string, unknown>>;

export interface TestProviderOptions {
  /**
   * Login → claims. The development login page accepts any password; a login missing from the
   * table ends on the provider's error page (HTTP 500, server_error), which signInAtProvider throws with.
   */
  readonly accounts: Readonly<Record<string, ProviderAccountClaims>>;
  /** Redirect URIs registered for the client; more can be added with allowRedirectUri. */
  readonly redirectUris?: readonly string[];
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /**
   * Also put the profile claims in the ID token. By default they come only from the userinfo
   * endpoint, as OIDC Core says for the code flow (and as many ministry providers do).
   */
  readonly claimsInIdToken?: boolean;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>, without a trailing slash, as the discovery document states it. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registers one more redirect URI for the client (e.g. a node's callback once its port is known). */
  allowRedirectUri(uri: string): void;
  /** The node's `oidc` config block for this provider (allowHttpIssuer on: it is on loopback). */
  configBlock(redirectUri: string, clientSecretFile: string): OidcConfigInput;
  /** Errors the provider reported while answering (`grant.error: InvalidGrant ...`), for failure messages. */
  readonly problems: readonly string[];
  stop(): Promise<void>;
}

const PROFILE_CLAIMS = ['preferred_username', 'tipnet_role', 'tipnet_unit'];
const PROVIDER_EVENTS = ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error'];

export async function startOidcProvider(t: TestContext, options: TestProviderOptions): Promise<TestOidcProvider> {
  let handler: RequestListener | undefined;
  const server = createServer((request, response) => {
    if (handler) handler(request, response);
    else response.writeHead(503).end();
  });
  const stop = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  t.after(stop);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? 'tipnet-node';
  const clientSecret = options.clientSecret ?? randomBytes(32).toString('base64url');
  const redirectUris = new Set(options.redirectUris ?? []);
  const client = () => ({
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [...redirectUris],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: options.clientAuthMethod ?? 'client_secret_basic',
  });
  const provider = new Provider(issuer, await providerConfiguration(options, clientId, client));
  const problems: string[] = [];
  for (const event of PROVIDER_EVENTS) {
    provider.on(event, (_context: unknown, error: Error) => problems.push(`${event}: ${error.name} ${error.message}`));
  }
  handler = provider.callback();
  return {
    issuer, clientId, clientSecret, problems, stop,
    allowRedirectUri: (uri) => void redirectUris.add(uri),
    configBlock: (redirectUri, clientSecretFile) => ({
      issuer, clientId, clientSecretFile, redirectUri, allowHttpIssuer: true,
      clientAuthMethod: options.clientAuthMethod ?? 'client_secret_basic',
    }),
  };
}

async function providerConfiguration(options: TestProviderOptions, clientId: string, client: () => Record<string, unknown>): Promise<Configuration> {
  const releasable = new Set(PROFILE_CLAIMS);
  for (const claims of Object.values(options.accounts)) for (const name of Object.keys(claims)) if (name !== 'sub') releasable.add(name);
  return {
    // The client comes from the adapter, not `clients`, so redirect URIs can be added after start.
    adapter: memoryAdapter(clientId, client),
    claims: { openid: ['sub'], profile: [...releasable] },
    conformIdTokenClaims: options.claimsInIdToken !== true,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: true } },
    pkce: { methods: ['S256'], required: () => true },
    // Seconds; set so the provider does not print a notice per artefact about its defaults.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    jwks: { keys: [await signingKey()] },
    async findAccount(_context, id) {
      if (!Object.hasOwn(options.accounts, id)) return undefined;
      const claims = options.accounts[id];
      return { accountId: id, claims: () => ({ ...claims, sub: id }) };
    },
  };
}

async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
}

/** The provider's storage, in memory and private to this provider (the built-in one is shared by every provider in the process). */
function memoryAdapter(clientId: string, client: () => Record<string, unknown>): new (model: string) => Adapter {
  const store = new Map<string, Record<string, unknown>>();
  const sessionIdByUid = new Map<string, string>();
  const keysByGrant = new Map<string, string[]>();
  return class TestProviderAdapter implements Adapter {
    readonly #model: string;
    constructor(model: string) {
      this.#model = model;
    }
    async upsert(id: string, payload: Record<string, unknown>) {
      const key = `${this.#model}:${id}`;
      store.set(key, payload);
      if (this.#model === 'Session' && typeof payload['uid'] === 'string') sessionIdByUid.set(payload['uid'], id);
      if (typeof payload['grantId'] === 'string') keysByGrant.set(payload['grantId'], [...(keysByGrant.get(payload['grantId']) ?? []), key]);
    }
    async find(id: string) {
      if (this.#model === 'Client') return id === clientId ? client() : undefined;
      return store.get(`${this.#model}:${id}`);
    }
    async findByUid(uid: string) {
      const id = sessionIdByUid.get(uid);
      return id === undefined ? undefined : this.find(id);
    }
    async findByUserCode() {
      return undefined;
    }
    async consume(id: string) {
      const payload = store.get(`${this.#model}:${id}`);
      if (payload) payload['consumed'] = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(`${this.#model}:${id}`);
    }
    async revokeByGrantId(grantId: string) {
      for (const key of keysByGrant.get(grantId) ?? []) store.delete(key);
      keysByGrant.delete(grantId);
    }
  };
}

export interface SignInAtProviderOptions {
  /** Ignored by the development login page, which accepts any password (default: "password"). */
  readonly password?: string;
  /** Where to stop (the redirect URI); default: the redirect_uri of the authorization request met on the way. */
  readonly stopAt?: string;
  /** Bring your own agent to keep its cookies (the node's sign-in cookie, the provider's session). */
  readonly userAgent?: ScriptedUserAgent;
  /** Press [ Cancel ] on the provider's first page instead: it sends the browser back with error=access_denied. */
  readonly cancel?: boolean;
}

/**
 * Starts at any URL (the provider's authorization URL, or a node's /auth/oidc/start), follows the
 * redirects, signs in as `login` and consents on the provider's development pages, and returns the
 * URL the provider sent the browser back to (with `code` and `state`), without requesting it.
 */
export async function signInAtProvider(startUrl: URL | string, login: string, passwordOrOptions?: string | SignInAtProviderOptions): Promise<URL> {
  const options = typeof passwordOrOptions === 'string' ? { password: passwordOrOptions } : passwordOrOptions ?? {};
  const agent = options.userAgent ?? new ScriptedUserAgent();
  return agent.navigate(startUrl, {
    ...(options.stopAt === undefined ? {} : { stopAt: options.stopAt }),
    choose: ({ url, html }) => (options.cancel === true ? linkEndingWith(html, url, '/abort') : undefined),
    fill: (fields) => {
      if (fields.get('prompt') !== 'login') return;
      fields.set('login', login);
      fields.set('password', options.password ?? 'password');
    },
  });
}
