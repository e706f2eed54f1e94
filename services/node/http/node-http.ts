// The node's HTTP API and dashboard, on Fastify. Every /api and /auth route except sign-in is
// authenticated (an officer's session cookie or a national system's API token) and needs a
// permission; before any route runs, the Host must be one the node answers to, state-changing
// requests must be JSON from the node's own origin, and answers carry security headers. Routes are
// validated with zod schemas, documented as OpenAPI (openapi.ts), and audited.
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { ACCESS_LIMITS, createLogger, LIMITS, type Logger } from '../../core/mod.ts';
import { SessionTable, SignInGuard, type AccessLookup } from '../../node-access/mod.ts';
import { loadDashboardFiles, type DashboardFiles } from '../dashboard-files.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { installAuthentication } from './authentication-hooks.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { frameworkErrorAnswer, installErrorAnswers } from './error-answers.ts';
import { feedRoutes, type FeedTracking } from './feed-routes.ts';
import { NO_AUDIT, type AuditRecorder } from './http-types.ts';
import { oidcRoutes, type OidcRouteSettings } from './oidc-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { workbenchRoutes } from './workbench-routes.ts';
import { queryRoutes } from './query-routes.ts';
import { auditHits } from '../hit-audit.ts';
import { exportRoutes } from './export-routes.ts';
import { linkRoutes } from './link-routes.ts';
import type { NodeApi } from './node-api.ts';
import { OPENAPI_INFO, openApiRoute, renderOpenApiDocument, swaggerTransform } from './openapi.ts';
import { installRequestGuards } from './request-guard-hooks.ts';
import { allowedHostsFor } from './request-guards.ts';
import { sessionCookie } from './session-cookie.ts';
import { validateRoute } from './validate-route.ts';
import { isZodSchema, zodValidatorCompiler } from './zod-route-schemas.ts';

export interface NodeHttpOptions {
  readonly node: NodeApi;
  readonly logger: Logger;
  /** Officer accounts and API tokens (AccessStore on a node). */
  readonly access: AccessLookup;
  readonly audit?: AuditRecorder;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Further Host header values the node answers to (e.g. "tipnet.idn.example:8443" behind a name). */
  readonly allowedHosts?: readonly string[];
  /** Serve HTTPS with this key and certificate (PEM); cookies are then Secure. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer } | undefined;
  readonly dashboard?: DashboardFiles;
  readonly sessions?: SessionTable;
  readonly requestsPerMinute?: number;
  readonly maxOpenFeedsPerCaller?: number;
  /** Sign-in through the ministry's identity provider, besides local accounts. */
  readonly oidc?: OidcRouteSettings | undefined;
}

export interface RunningNodeHttp {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * LIMITS.maxEnvelopeBytes;

export async function buildNodeHttp(options: NodeHttpOptions, hostsAfterListen: () => ReadonlySet<string>): Promise<{ app: FastifyInstance; feeds: FeedTracking }> {
  const tls = options.tls !== undefined;
  const audit = options.audit ?? NO_AUDIT;
  const sessions = options.sessions ?? new SessionTable();
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Longer than any client's idle keep-alive, so the server never closes a connection a client
    // is about to reuse; and longer than a submission may wait for the hub.
    keepAliveTimeout: 72_000,
    requestTimeout: 4 * LIMITS.submitDeadlineMs,
    frameworkErrors: frameworkErrorAnswer,
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.setValidatorCompiler(zodValidatorCompiler);
  // Answers are plain JSON of what the handler returned: response schemas document, they do not filter.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeContentTypeParser(['text/plain']);
  installErrorAnswers(app, options.logger);
  installRequestGuards(app, { hosts: hostsAfterListen, tls });
  await app.register(fastifyCookie);
  await app.register(helmet, helmetOptions(tls));
  await app.register(swagger, { openapi: OPENAPI_INFO, transform: swaggerTransform(isZodSchema) });
  const cookie = sessionCookie(tls, options.node.state);
  installAuthentication(app, { access: options.access, sessions, cookie, audit });
  await app.register(rateLimit, {
    global: true, hook: 'preHandler', max: options.requestsPerMinute ?? ACCESS_LIMITS.requestsPerMinute, timeWindow: 60_000,
    keyGenerator: (request) => (request.caller ? `${request.caller.kind}:${request.caller.id}` : `address:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, error: 'RATE_LIMITED', message: `more than ${context.max} requests a minute; slow down and retry after ${context.after}` }),
  });
  const feeds: FeedTracking = { streams: new Set(), openPerCaller: new Map() };
  authRoutes(app, { state: options.node.state, access: options.access, sessions, guard: new SignInGuard(), cookie, audit, oidcProviderName: options.oidc?.name });
  if (options.oidc) oidcRoutes(app, { settings: options.oidc, sessions, sessionCookie: cookie, audit, tls, state: options.node.state });
  messageRoutes(app, options.node, audit);
  validateRoute(app, options.node, options.logger);
  feedRoutes(app, options.node, audit, feeds, options.maxOpenFeedsPerCaller);
  workbenchRoutes(app, options.node, audit);
  linkRoutes(app, options.node, audit);
  exportRoutes(app, options.node, audit);
  queryRoutes(app, options.node, audit);
  const stopAuditingHits = auditHits(options.node.events, audit, options.node.state);
  app.addHook('onClose', async () => stopAuditingHits());
  auditRoutes(app, audit);
  app.get('/api/node', { config: { permission: 'signed-in' }, schema: { summary: 'Which state this node acts for', tags: ['node'] } }, async () => ({ state: options.node.state }));
  openApiRoute(app);
  dashboardRoutes(app, options.dashboard ?? (await loadDashboardFiles()));
  return { app, feeds };
}

export async function startNodeHttp(options: NodeHttpOptions): Promise<RunningNodeHttp> {
  const host = options.host ?? '127.0.0.1';
  let allowed: ReadonlySet<string> = new Set();
  const { app, feeds } = await buildNodeHttp(options, () => allowed);
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowed = allowedHostsFor(host, port, options.allowedHosts);
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.logger.info({ url }, 'node HTTP API listening');
  return {
    url, port, app,
    async close() {
      const closed = app.close();
      app.server.closeAllConnections();
      await closed;
      await Promise.all([...feeds.streams]);
    },
  };
}

/** The security headers, CSP included; the dashboard test harness serves with the same ones. */
export function helmetOptions(tls: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
        fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
      },
    },
    // HSTS only means something over TLS; on plain loopback it would be ignored or harmful.
    strictTransportSecurity: tls ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' as const },
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
  };
}


/** The OpenAPI document of these routes (docs/openapi.json). */
export function nodeOpenApiText(): Promise<string> {
  const logger = createLogger({ service: 'node', level: 'silent' });
  const access = { officer: async () => undefined, token: async () => undefined };
  // Documented as a node with an identity provider serves them: every route a node may have.
  const oidc = { name: 'documentation', defaultUnit: 'IDN-LIAISON', signIn: () => Promise.reject(new Error('documentation only')) };
  return renderOpenApiDocument(async (node) => (await buildNodeHttp({ node, logger, access, oidc }, () => new Set())).app);
}
