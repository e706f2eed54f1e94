// Signing officers in and out with a local account, and telling the dashboard who is signed in.
// (OpenID Connect sign-in has its own routes in oidc-routes.ts.)
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  callerRole, hashPassword, verifyPassword, type AccessLookup, type Caller, type SessionIdentity, type SessionTable, type SignInGuard,
} from '../../node-access/mod.ts';
import type { AuditRecorder } from './http-types.ts';
import { actorOf } from './audit-actor.ts';
import { emptyBody, errorAnswer, signInBody } from './route-schemas.ts';
import type { SessionCookie } from './session-cookie.ts';

export interface AuthRouteDeps {
  readonly access: AccessLookup;
  readonly sessions: SessionTable;
  readonly guard: SignInGuard;
  readonly cookie: SessionCookie;
  readonly audit: AuditRecorder;
  /** Which state's node this is: the sign-in page says so before anyone signs in. */
  readonly state: string;
  /** What the sign-in page offers: local accounts always, the ministry's identity provider when configured. */
  readonly oidcProviderName?: string | undefined;
}

// Checked when the account does not exist, so a wrong reference costs as long as a wrong password.
const decoyHash = hashPassword('tipnet-decoy-password');

export function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { access, sessions, guard, cookie, audit } = deps;

  app.get('/auth/providers', {
    config: { public: true },
    schema: { summary: 'Which state this node is, and how officers may sign in on it', tags: ['sign-in'] },
  }, async () => ({ state: deps.state, local: true, oidc: deps.oidcProviderName ? { name: deps.oidcProviderName, start: '/auth/oidc/start' } : null }));

  app.post('/auth/sign-in', {
    config: { public: true },
    schema: { summary: 'Sign in with a local officer account; sets an HttpOnly, SameSite=Strict session cookie', tags: ['sign-in'], body: signInBody, response: { 401: errorAnswer, 429: errorAnswer } },
  }, async (request, reply) => {
    const { officer, password } = request.body as z.output<typeof signInBody>;
    const wait = guard.waitMs(officer, request.ip);
    if (wait > 0) {
      return reply.code(429).header('retry-after', String(Math.ceil(wait / 1000)))
        .send({ error: 'SIGN_IN_PAUSED', message: `too many failed sign-ins for this officer from this address; try again in ${Math.ceil(wait / 1000)} s` });
    }
    const account = await access.officer(officer);
    const passwordOk = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
    if (!account || !passwordOk || account.disabledAtUnixMs !== undefined) {
      guard.failed(officer, request.ip);
      await audit.record({ action: 'sign-in-refused', outcome: 'denied', actor: { kind: 'officer', id: officer.replace(/[^A-Za-z0-9_.-]/g, '?').slice(0, 64) }, from: request.ip, detail: 'method=local' });
      return reply.code(401).send({ error: 'SIGN_IN_REFUSED', message: 'the officer reference or the password is wrong, or the account is disabled' });
    }
    guard.succeeded(officer, request.ip);
    return startSession(reply, { officerRef: account.officerRef, role: account.role, unit: account.unit, via: 'local' }, request.ip);
  });

  app.get('/auth/session', {
    config: { permission: 'signed-in' },
    schema: { summary: 'Who is calling: officer or national system, role, unit and permissions', tags: ['sign-in'] },
  }, async (request) => describeCaller(request.caller as Caller));

  app.post('/auth/sign-out', {
    config: { permission: 'signed-in' },
    schema: { summary: 'End this sign-in', tags: ['sign-in'], body: emptyBody },
  }, async (request, reply) => {
    const value = cookie.read(request);
    if (value) sessions.end(value);
    await audit.record({ action: 'sign-out', outcome: 'ok', actor: actorOf(request.caller as Caller), from: request.ip });
    cookie.clear(reply);
    return { signedOut: true };
  });

  async function startSession(reply: FastifyReply, identity: SessionIdentity, from: string) {
    const { cookieValue, session } = sessions.start(identity);
    cookie.set(reply, cookieValue, sessions.cookieMaxAgeSeconds);
    await audit.record({ action: 'sign-in', outcome: 'ok', actor: { kind: 'officer', id: identity.officerRef, unit: identity.unit, role: identity.role }, from, detail: `method=${identity.via}` });
    return { officer: session.officerRef, role: session.role, unit: session.unit, expiresAtUnixMs: session.expiresAtUnixMs };
  }
}

export function describeCaller(caller: Caller) {
  return {
    kind: caller.kind, id: caller.id, unit: caller.unit, role: callerRole(caller), permissions: caller.permissions,
    ...(caller.kind === 'officer' ? { via: caller.via } : { name: caller.name, scopes: caller.scopes }),
  };
}
