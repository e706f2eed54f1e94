// A tiny node for the dashboard alone: the real dashboard files and security headers (the same
// CSP), answering the workbench API from contract-shaped fixtures. It lets the browser tests
// drive every view quickly, without a hub; the real-topology tests walk the same views end to end.
import type { TestContext } from 'node:test';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { loadDashboardFiles } from '../../../services/node/dashboard-files.ts';
import { dashboardRoutes } from '../../../services/node/http/dashboard-routes.ts';
import { helmetOptions } from '../../../services/node/http/node-http.ts';
import { ROLE_PERMISSIONS, type OfficerRole } from '../../../services/node-access/mod.ts';
import type { InboxItem, InboxPage } from '../../../services/node/workbench/workbench-views.ts';
import { caseThreadOf, KHM, workbenchFixtures, type Fixtures } from './workbench-fixtures.ts';

export interface WorkbenchHarness {
  readonly url: string;
  readonly fixtures: Fixtures;
  /** Submissions the dashboard posted to /api/messages, in order. */
  readonly submitted: unknown[];
  /** Inbox queries the dashboard asked, as query strings. */
  readonly inboxQueries: string[];
  role: OfficerRole;
  /** Sends a server-sent event to every open feed, as a node does on a delivery or receipt. */
  push(event: 'delivery' | 'receipt' | 'escalation', data: unknown): void;
}

const PRIORITY_RANK: Record<string, number> = { immediate: 3, urgent: 2, routine: 1 };

export async function startWorkbenchHarness(t: TestContext, options: { role?: OfficerRole } = {}): Promise<WorkbenchHarness> {
  const fixtures = workbenchFixtures(Date.now());
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(helmet, helmetOptions(false));
  dashboardRoutes(app, await loadDashboardFiles());
  const feeds = new Set<FastifyReply>();
  const harness: WorkbenchHarness = {
    url: '', fixtures, submitted: [], inboxQueries: [], role: options.role ?? 'officer',
    push(event, data) { for (const feed of feeds) feed.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`); },
  };

  app.get('/auth/providers', async () => ({ state: KHM, local: true, oidc: null }));
  app.get('/auth/session', async () => ({ kind: 'officer', id: 'dara', unit: 'KHM-NCB-PHNOM-PENH', role: harness.role, permissions: ROLE_PERMISSIONS[harness.role], via: 'local' }));
  app.get('/api/node', async () => ({ state: KHM }));
  app.get('/api/inbox', async (request) => {
    const search = new URL(request.url, 'http://harness.invalid').searchParams;
    harness.inboxQueries.push(search.toString());
    return inboxPage(fixtures.items, search);
  });
  app.get('/api/messages/:messageId/detail', async (request, reply) => {
    const { messageId } = request.params as { messageId: string };
    const detail = fixtures.details.get(messageId);
    if (!detail) return reply.code(404).send({ error: 'UNKNOWN_MESSAGE', message: 'not here' });
    const item = fixtures.items.find((i) => i.messageId === messageId);
    if (item) Object.assign(item, { unread: false });
    return { ...detail, unread: false };
  });
  app.get('/api/cases/:caseReference/links', async (request, reply) => {
    const { caseReference } = request.params as { caseReference: string };
    return fixtures.links.get(caseReference) ?? reply.code(404).send({ error: 'UNKNOWN_CASE', message: `this node sent no message in case ${caseReference}, so it has no links` });
  });
  app.get('/api/cases/:caseReference', async (request) => caseThreadOf(fixtures.items, (request.params as { caseReference: string }).caseReference));
  app.get('/api/due', async () => ({
    toAnswer: fixtures.items.filter((i) => i.direction === 'received' && i.deadline?.state === 'open').map((i) => ({ messageId: i.messageId, summary: i.summary, deadline: i.deadline })),
    awaitingAnswer: fixtures.items.filter((i) => i.direction === 'sent' && i.deadline).map((i) => ({ messageId: i.messageId, summary: i.summary, deadline: i.deadline })),
  }));
  // The node's check, in its words: what the hub would refuse, before anything is sent.
  app.post('/api/messages/validate', async (request, reply) => {
    const body = request.body as { handling?: string; distribution?: { mode?: string }; payload?: { summary?: string } };
    const problems = [
      ...(body.handling === 'red' && body.distribution?.mode !== 'named' ? ['distribution: a TLP:RED message must name its recipient states (RED_NEEDS_NAMED_RECIPIENTS)'] : []),
      ...(body.payload?.summary?.includes('[refuse]') ? ['payload.summary: is refused by the harness (a test marker)'] : []),
    ];
    if (problems.length) return reply.code(422).send({ error: 'INVALID_INPUT', message: 'the input breaks the rules listed in problems', problems });
    return { ok: true };
  });
  app.post('/api/messages', async (request, reply) => {
    harness.submitted.push(request.body);
    return reply.code(202).send({ messageId: `0d000000-0000-4000-8000-${String(harness.submitted.length).padStart(12, '0')}`, duplicate: false });
  });
  app.post('/api/messages/:messageId/acknowledge', async (_request, reply) => reply.code(202).send({ messageId: '0e000000-0000-4000-8000-000000000001', duplicate: false }));
  app.get('/api/feed', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    reply.raw.write('event: ready\ndata: {}\n\n');
    feeds.add(reply);
    reply.raw.once('close', () => feeds.delete(reply));
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  Object.assign(harness, { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  t.after(async () => {
    for (const feed of feeds) feed.raw.end();
    app.server.closeAllConnections();
    await app.close();
  });
  return harness;
}

function inboxPage(all: readonly InboxItem[], search: URLSearchParams): InboxPage {
  const list = (key: string) => (search.get(key) ?? '').split(',').filter(Boolean);
  const box = search.get('box') ?? 'received';
  const words = (search.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const items = all
    .filter((item) => box === 'all' || item.direction === box)
    .filter((item) => !list('kinds').length || list('kinds').includes(item.summary.kind) || list('kinds').includes(item.summary.payloadName))
    .filter((item) => !list('priorities').length || list('priorities').includes(item.summary.priority))
    .filter((item) => !search.get('caseReference') || item.summary.caseReference === search.get('caseReference'))
    .filter((item) => search.get('unread') !== 'true' || item.unread)
    .filter((item) => search.get('overdue') !== 'true' || item.deadline?.overdue === true)
    .filter((item) => words.every((word) => item.summary.headline.toLowerCase().includes(word)));
  const sort = search.get('sort') ?? 'time';
  const sign = search.get('order') === 'asc' ? 1 : -1;
  const key = (item: InboxItem) => (sort === 'priority' ? PRIORITY_RANK[item.summary.priority] ?? 0 : sort === 'deadline' ? item.deadline?.atUnixMs ?? Number.MAX_SAFE_INTEGER : item.atUnixMs);
  items.sort((a, b) => sign * (key(a) - key(b)) || b.atUnixMs - a.atUnixMs);
  const page = Number(search.get('page') ?? 1);
  const pageSize = Number(search.get('pageSize') ?? 50);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}
