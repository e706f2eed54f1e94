// The OpenAPI 3 document of the node's API, generated from the routes' zod schemas and served at
// /openapi.json. A copy is kept in docs/openapi.json for national integrators; a test fails when
// the copy and the routes drift apart (`npm run openapi` rewrites it).
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { NodeEvents } from '../node-events.ts';
import type { NodeApi } from './node-api.ts';
import { toJsonSchema } from './zod-route-schemas.ts';

export const OPENAPI_INFO: Record<string, unknown> = {
  openapi: '3.0.3',
  info: {
    title: 'tipnet node API',
    version: '1.0.0',
    description: "A member state's tipnet node: submit and read case alerts, intelligence, assistance requests and answers; officers' feeds; sign-in. Every /api and /auth route but sign-in needs credentials: a national system sends `Authorization: Bearer tipnet_<id>_<secret>` (an API token with scopes submit, read, acknowledge); an officer signs in and the browser sends the session cookie. State-changing requests are JSON (`Content-Type: application/json`; anything else is 415) and, from a browser, must come from the node's own origin. Errors are `{error, message, problems?, missingPermission?}`.",
  },
  components: {
    securitySchemes: {
      apiToken: { type: 'http', scheme: 'bearer', description: 'tipnet_<token id>_<secret>, created with `tipnet access token create`' },
      officerSession: { type: 'apiKey', in: 'cookie', name: 'tipnet_session_<STATE>', description: 'set by /auth/sign-in; __Host-tipnet_session_<STATE> when the node serves TLS' },
    },
  },
  security: [{ apiToken: [] }, { officerSession: [] }],
};

type Transform = (input: { schema: Record<string, unknown>; url: string; route: { config?: { public?: boolean } } }) => { schema: Record<string, unknown>; url: string };

/** Zod schemas become JSON Schema; public routes say they need no credentials. */
export function swaggerTransform(isZod: (value: unknown) => value is z.ZodType) {
  const transform: Transform = ({ schema, url, route }) => {
    const converted: Record<string, unknown> = {};
    for (const [part, value] of Object.entries(schema ?? {})) {
      if (part === 'response' && value && typeof value === 'object') {
        converted[part] = Object.fromEntries(Object.entries(value).map(([status, body]) => [status, isZod(body) ? toJsonSchema(body) : body]));
      } else {
        converted[part] = isZod(value) ? toJsonSchema(value) : value;
      }
    }
    if (route.config?.public) converted.security = [];
    return { schema: converted, url };
  };
  return transform as never;
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => openApiDocument(app));
}

export function openApiDocument(app: FastifyInstance): unknown {
  return (app as unknown as { swagger(): unknown }).swagger();
}

/** The document as checked into docs/openapi.json: built from the routes, no node or leaf needed. */
export async function renderOpenApiDocument(build: (node: NodeApi) => Promise<FastifyInstance>): Promise<string> {
  const unavailable = () => { throw new Error('documentation only'); };
  const app = await build({
    state: 'IDN', submit: unavailable, validate: unavailable, acknowledge: unavailable, status: unavailable, sent: unavailable, received: unavailable,
    receivedMessage: unavailable, due: unavailable, feed: unavailable, liveFeed: unavailable, inbox: unavailable, detail: unavailable,
    caseThread: unavailable, caseLinks: unavailable, exportStix: unavailable, exportMisp: unavailable, queryOutcome: unavailable, awaitQueryOutcome: unavailable,
    events: new NodeEvents(),
  });
  await app.ready();
  const text = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  await app.close();
  return text;
}
