// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
// it), Secure and __Host- prefixed when the node serves TLS (never sent in clear, bound to this
// host), and expiring with the session. Its name carries the state, because browsers share
// cookies between ports of one host: two local nodes must not sign each other's officers out.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SessionCookie {
  readonly name: string;
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, value: string, maxAgeSeconds: number): void;
  clear(reply: FastifyReply): void;
}

export function sessionCookie(tls: boolean, state: string): SessionCookie {
  const name = `${tls ? '__Host-' : ''}tipnet_session_${state}`;
  const attributes = { httpOnly: true, sameSite: 'strict' as const, secure: tls, path: '/' };
  return {
    name,
    read: (request) => request.cookies[name] || undefined,
    set: (reply, value, maxAgeSeconds) => void reply.setCookie(name, value, { ...attributes, maxAge: maxAgeSeconds }),
    clear: (reply) => void reply.clearCookie(name, attributes),
  };
}
