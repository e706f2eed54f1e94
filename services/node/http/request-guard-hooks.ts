// Applies request-guards.ts to every request, first of all hooks: a refused request reaches no
// route, no authentication and no body parser.
import type { FastifyInstance } from 'fastify';
import { refuse } from './http-answers.ts';
import { checkContentType, checkHost, checkOrigin, originsFor } from './request-guards.ts';

export interface GuardSettings {
  /** Host header values the node answers to (known once it listens). */
  readonly hosts: () => ReadonlySet<string>;
  readonly tls: boolean;
}

export function installRequestGuards(app: FastifyInstance, settings: GuardSettings): void {
  app.addHook('onRequest', async (request, reply) => {
    const hosts = settings.hosts();
    const verdict = checkHost(request.headers.host, hosts)
      ?? checkOrigin(request.method, { origin: header(request.headers.origin), secFetchSite: header(request.headers['sec-fetch-site']) }, originsFor(hosts, settings.tls))
      ?? checkContentType(request.method, header(request.headers['content-type']));
    if (verdict) return refuse(reply, verdict);
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
