// The node's local HTTP API for national systems and officers, on 127.0.0.1 only:
//   POST /api/messages                  submission input JSON, Idempotency-Key header -> 202 {messageId, duplicate}
//                                       (400 bad input, 409 MESSAGE_ID_IN_USE, 503 UNAVAILABLE: retry with the same key)
//   GET  /api/messages                  what this node sent, with receipts
//   GET  /api/messages/:id/status       receipts per recipient for a message we sent
//   POST /api/messages/:id/acknowledge  {"status":"read"|"actioned"} for a message we received
//   GET  /api/received?<filter>         what other states sent us
//   GET  /api/received/:id              one received message
//   GET  /api/due                       assistance requests due, both directions
//   GET  /api/feed?<filter>[&officer=]  server-sent events: delivery, receipt, escalation
//   GET  /api/node                      which state this node is
//   GET  /                              the dashboard
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { InputValidationError, LIMITS, type Logger, LOWER_UUID, parseWithProblems } from '../core/mod.ts';
import { loadDashboardFiles, type DashboardFiles } from './dashboard-files.ts';
import { parseFeedFilter } from './feed-filter.ts';
import { errorAnswer, HttpInputError } from './http-errors.ts';
import type { RunningNode } from './node-service.ts';
import { streamFeed } from './sse.ts';

export type NodeApi = Pick<RunningNode,
  'state' | 'submit' | 'status' | 'sent' | 'acknowledge' | 'received' | 'receivedMessage' | 'due' | 'feed' | 'liveFeed'>;

export interface NodeHttpOptions {
  readonly node: NodeApi;
  readonly logger: Logger;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly dashboard?: DashboardFiles;
}

export interface RunningNodeHttp {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * LIMITS.maxEnvelopeBytes;
const acknowledgeSchema = z.strictObject({ status: z.enum(['read', 'actioned']) });
const idempotencyKeySchema = z.string().trim().min(1).max(200);

export async function startNodeHttp(options: NodeHttpOptions): Promise<RunningNodeHttp> {
  const dashboard = options.dashboard ?? (await loadDashboardFiles());
  const streams = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => answer(response, errorAnswer(error, options.logger)));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const { node } = options;
    const method = request.method ?? 'GET';
    const messagePath = /^\/api\/messages\/([^/]+)\/(status|acknowledge)$/.exec(path);

    if (method === 'POST' && path === '/api/messages') {
      const body = await readJsonBody(request);
      const key = request.headers['idempotency-key'];
      const idempotencyKey = key === undefined ? undefined : parseIdempotencyKey(key);
      const result = await node.submit(body, idempotencyKey === undefined ? {} : { idempotencyKey });
      return json(response, 202, result);
    }
    if (method === 'GET' && path === '/api/messages') return json(response, 200, node.sent());
    if (messagePath) {
      const id = parseMessageId(messagePath[1] ?? '');
      if (method === 'GET' && messagePath[2] === 'status') {
        const status = node.status(id);
        return status ? json(response, 200, status) : json(response, 404, { error: 'UNKNOWN_MESSAGE', message: `this node did not send ${id}` });
      }
      if (method === 'POST' && messagePath[2] === 'acknowledge') {
        const parsed = parseWithProblems(acknowledgeSchema, await readJsonBody(request));
        if (!parsed.ok) throw new InputValidationError('acknowledgement', parsed.problems);
        return json(response, 202, await node.acknowledge(id, parsed.data.status));
      }
    }
    if (method === 'GET' && path === '/api/received') return json(response, 200, node.received(parseFeedFilter(url.searchParams)));
    const receivedPath = /^\/api\/received\/([^/]+)$/.exec(path);
    if (method === 'GET' && receivedPath) {
      const message = node.receivedMessage(parseMessageId(receivedPath[1] ?? ''));
      return message ? json(response, 200, message) : json(response, 404, { error: 'UNKNOWN_MESSAGE', message: 'not received by this node' });
    }
    if (method === 'GET' && path === '/api/due') return json(response, 200, node.due());
    if (method === 'GET' && path === '/api/node') return json(response, 200, { state: node.state });
    if (method === 'GET' && path === '/api/feed') {
      const filter = parseFeedFilter(url.searchParams);
      const officer = url.searchParams.get('officer');
      const feed = officer ? await node.feed(officer, filter) : node.liveFeed(filter);
      return streamFeed(response, feed, (done) => {
        streams.add(done);
        void done.finally(() => streams.delete(done));
      });
    }
    const file = method === 'GET' ? dashboard.get(path) : undefined;
    if (file) {
      response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-cache' });
      response.end(file.body);
      return;
    }
    json(response, 404, { error: 'NOT_FOUND', message: `no ${method} ${path}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  options.logger.info({ url }, 'node HTTP API listening');
  return {
    url,
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.all([...streams]);
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

function answer(response: ServerResponse, result: ReturnType<typeof errorAnswer>): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  json(response, result.status, result.body);
}

function parseMessageId(text: string): string {
  const id = decodeURIComponent(text).toLowerCase();
  if (!LOWER_UUID.test(id)) throw new InputValidationError('request path', ['messageId: must be a UUID (8-4-4-4-12 hexadecimal digits with dashes)']);
  return id;
}

function parseIdempotencyKey(value: string | string[]): string {
  const parsed = idempotencyKeySchema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) throw new InputValidationError('request headers', ['Idempotency-Key: must be 1 to 200 characters']);
  return parsed.data;
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw new HttpInputError(413, 'BODY_TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new InputValidationError('request body', ['(body): is empty; send a JSON document']);
  try {
    return JSON.parse(text);
  } catch {
    // The position is enough to find the mistake; the text may hold identifiers, so it is not quoted.
    throw new InputValidationError('request body', ['(body): is not valid JSON']);
  }
}
