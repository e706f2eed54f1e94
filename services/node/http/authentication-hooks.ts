// Authentication on every non-public route (onRequest, before the body is read) and the
// permission check (preValidation, when the body is parsed: a submission's permission follows its
// type). 401 names why the credentials were not accepted; 403 names the missing permission and is
// audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, AUTH_FAILURES, callerRole, mayDo, permissionForSubmission, type AccessLookup, type Permission, type SessionTable } from '../../node-access/mod.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import type { SessionCookie } from './session-cookie.ts';

export interface AuthenticationDeps {
  readonly access: AccessLookup;
  readonly sessions: SessionTable;
  readonly cookie: SessionCookie;
  readonly audit: AuditRecorder;
}

export function installAuthentication(app: FastifyInstance, deps: AuthenticationDeps): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    // Unknown paths fall through to the 404 handler, which says nothing an outsider could use.
    if (config.public || request.routeOptions.url === undefined) return;
    const authorization = request.headers.authorization;
    const result = await authenticate({ authorization, sessionCookie: deps.cookie.read(request) }, deps.access, deps.sessions);
    if (!result.ok) {
      if (result.code === 'SESSION_EXPIRED' || result.code === 'ACCOUNT_DISABLED') deps.cookie.clear(reply);
      return reply.code(401).header('www-authenticate', 'Bearer realm="tipnet"').header('cache-control', 'no-store')
        .send({ error: 'UNAUTHENTICATED', reason: result.code, message: AUTH_FAILURES[result.code] });
    }
    request.caller = result.caller;
  });
  app.addHook('preValidation', async (request, reply) => {
    const { permission } = request.routeOptions.config;
    if (!request.caller || permission === undefined || permission === 'signed-in') return;
    const needed: Permission = permission === 'submission' ? permissionForSubmission(request.body) : permission;
    if (!mayDo(request.caller, needed)) return deny(request, reply, needed, deps.audit);
  });
}

async function deny(request: FastifyRequest, reply: FastifyReply, needed: Permission, audit: AuditRecorder): Promise<FastifyReply> {
  const caller = request.caller!;
  await audit.record({ action: 'access-denied', outcome: 'denied', actor: actorOf(caller), from: request.ip, detail: `permission=${needed} route=${request.method} ${request.routeOptions.url ?? '?'}` });
  const who = caller.kind === 'officer' ? `the role ${callerRole(caller)}` : `this API token (scopes ${caller.scopes.join(', ') || 'none'})`;
  return reply.code(403).header('cache-control', 'no-store')
    .send({ error: 'FORBIDDEN', missingPermission: needed, message: `${who} lacks the permission "${needed}"` });
}
