// Sign-in through the ministry's own identity provider (OpenID Connect, services/oidc-sign-in).
// /auth/oidc/start keeps the sign-in's transaction (state, nonce, PKCE verifier) in the node's
// memory under a random id, bound to this browser by an HttpOnly cookie; SameSite=Lax, because
// the provider's redirect back is a cross-site navigation that a Strict cookie would not ride.
// The callback takes the transaction out (one use), lets the module check and redeem the code,
// and opens the node's own session. A refusal returns the browser to the dashboard with its code.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_LIMITS, isCodedError } from '../../core/mod.ts';
import type { SessionTable } from '../../node-access/mod.ts';
import type { OidcSignIn, OidcTransaction } from '../../oidc-sign-in/mod.ts';
import type { AuditRecorder } from './http-types.ts';
import type { SessionCookie } from './session-cookie.ts';

export interface OidcRouteSettings {
  /** What the sign-in page calls the provider, e.g. "Kemlu SSO". */
  readonly name: string;
  /** Discovery happens on first use, so a node starts even while its provider is down. */
  readonly signIn: () => Promise<OidcSignIn>;
  /** The unit named for officers whose provider releases none. */
  readonly defaultUnit: string;
}

export interface OidcRouteDeps {
  readonly settings: OidcRouteSettings;
  readonly sessions: SessionTable;
  readonly sessionCookie: SessionCookie;
  readonly audit: AuditRecorder;
  readonly tls: boolean;
  readonly state: string;
}

/** Pending sign-ins a node holds at once: a flood of /auth/oidc/start cannot grow memory without bound. */
const MAX_PENDING = 1_000;

export function oidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const pending = new Map<string, OidcTransaction>();
  const cookieName = `${deps.tls ? '__Secure-' : ''}tipnet_oidc_${deps.state}`;
  const cookieAttributes = { httpOnly: true, sameSite: 'lax' as const, secure: deps.tls, path: '/auth/oidc' };
  let signIn: Promise<OidcSignIn> | undefined;
  const provider = () => {
    signIn ??= deps.settings.signIn().catch((error: unknown) => {
      signIn = undefined;
      throw error;
    });
    return signIn;
  };

  app.get('/auth/oidc/start', {
    config: { public: true },
    schema: { summary: "Sign in with the ministry's identity provider: redirects there", tags: ['sign-in'] },
  }, async (_request, reply) => {
    sweep(pending);
    if (pending.size >= MAX_PENDING) return reply.code(503).send({ error: 'UNAVAILABLE', message: 'too many sign-ins in progress; try again in a minute', retryable: true });
    const { authorizationUrl, transaction } = await (await provider()).begin();
    const id = randomBytes(24).toString('base64url');
    pending.set(id, transaction);
    reply.setCookie(cookieName, id, { ...cookieAttributes, maxAge: Math.floor(ACCESS_LIMITS.oidcTransactionMs / 1000) });
    return reply.redirect(authorizationUrl.href, 302);
  });

  app.get('/auth/oidc/callback', {
    config: { public: true },
    schema: { summary: 'Where the identity provider sends the officer back; opens the session', tags: ['sign-in'] },
  }, async (request, reply) => {
    const id = request.cookies[cookieName];
    const transaction = id ? pending.get(id) : undefined;
    if (id) pending.delete(id);
    reply.clearCookie(cookieName, cookieAttributes);
    if (!transaction) return refuse(request, reply, 'OIDC_NO_TRANSACTION');
    try {
      const identity = await (await provider()).finish(new URL(request.url, 'http://node.invalid'), transaction);
      const unit = identity.unit ?? deps.settings.defaultUnit;
      const { cookieValue } = deps.sessions.start({ officerRef: identity.officerRef, role: identity.role, unit, via: 'oidc' });
      deps.sessionCookie.set(reply, cookieValue, deps.sessions.cookieMaxAgeSeconds);
      await deps.audit.record({ action: 'sign-in', outcome: 'ok', actor: { kind: 'officer', id: identity.officerRef, unit, role: identity.role }, from: request.ip, detail: 'method=oidc' });
      return reply.redirect('/', 302);
    } catch (error) {
      if (!isCodedError(error)) throw error;
      return refuse(request, reply, error.code);
    }
  });

  async function refuse(request: FastifyRequest, reply: FastifyReply, code: string) {
    await deps.audit.record({ action: 'sign-in-refused', outcome: 'denied', actor: { kind: 'officer', id: 'unknown-oidc-user' }, from: request.ip, detail: `method=oidc code=${code}` });
    return reply.redirect(`/#sign-in-refused=${encodeURIComponent(code)}`, 302);
  }
}

function sweep(pending: Map<string, OidcTransaction>): void {
  const expired = Date.now() - ACCESS_LIMITS.oidcTransactionMs;
  for (const [id, transaction] of pending) if (transaction.createdAtUnixMs < expired) pending.delete(id);
}
