// What the officer's workbench reads: the inbox page by page (filtered, sorted, searched), one
// message in full (an officer's look is recorded as opened and audited as read), and a case as a
// thread. Query strings are parsed by parseInboxQuery (every bad parameter named at once, 400);
// the zod schema here only documents them, so it takes any text.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CASE_REFERENCE } from '../../core/mod.ts';
import type { Caller } from '../../node-access/mod.ts';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, parseInboxQuery } from '../workbench/inbox-query.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import { searchParams } from './message-routes.ts';
import type { NodeApi } from './node-api.ts';
import { errorAnswer, feedQuery, messageIdParams } from './route-schemas.ts';

export const inboxQueryDoc = feedQuery.extend({
  box: z.string().optional().meta({ description: 'received (default), sent, or all' }),
  nationalities: z.string().optional().meta({ description: "comma-separated state codes: any victim group's nationality" }),
  unread: z.string().optional().meta({ description: 'true: only what the signed-in officer has not opened' }),
  overdue: z.string().optional().meta({ description: 'true: only requests whose deadline in force has passed unanswered' }),
  q: z.string().optional().meta({ description: 'free text over headlines, summaries and place names (every word, as a prefix)' }),
  sort: z.string().optional().meta({ description: 'time (default), priority, deadline (those without one last)' }),
  order: z.string().optional().meta({ description: 'desc (default) or asc' }),
  page: z.string().optional().meta({ description: '1-based page number (default 1)' }),
  pageSize: z.string().optional().meta({ description: `rows a page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` }),
});

export const caseReferenceParams = z.object({
  caseReference: z.string().regex(CASE_REFERENCE, 'must look like "IDN-2026-000123"'),
}).meta({ description: 'caseReference: e.g. IDN-2026-000123' });

/** The signed-in officer whose reading counts; a national system reads without leaving marks. */
function officerOf(caller: Caller): string | undefined {
  return caller.kind === 'officer' ? caller.id : undefined;
}

export function workbenchRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder): void {
  app.get('/api/inbox', {
    config: { permission: 'read' },
    schema: {
      summary: 'One page of messages received and/or sent, filtered, sorted and searched (acknowledgements folded into what they acknowledge)',
      description: 'Lists are comma-separated or repeated parameters. A bad parameter is answered 400 naming it.',
      tags: ['workbench'], querystring: inboxQueryDoc, response: { 400: errorAnswer },
    },
  }, async (request) => node.inbox(parseInboxQuery(searchParams(request)), officerOf(request.caller as Caller)));

  app.get('/api/messages/:messageId/detail', {
    config: { permission: 'read' },
    schema: {
      summary: 'One message received or sent, in full: envelope, decoded payload (identifiers as kind and key id only), answers, receipts, marks',
      description: "For a signed-in officer, records that they opened it (their unread state; node-local, not on the wire). Audited as read.",
      tags: ['workbench'], params: messageIdParams, response: { 404: errorAnswer },
    },
  }, async (request, reply) => {
    const caller = request.caller as Caller;
    const { messageId } = request.params as z.output<typeof messageIdParams>;
    const detail = node.detail(messageId, officerOf(caller));
    if (!detail) return reply.code(404).send({ error: 'UNKNOWN_MESSAGE', message: `this node neither sent nor received ${messageId}` });
    await audit.record({ action: 'read', outcome: 'ok', actor: actorOf(caller), from: request.ip, messageId });
    return detail;
  });

  app.get('/api/cases/:caseReference', {
    config: { permission: 'read' },
    schema: {
      summary: 'Every message of a case, both directions, oldest first, with receipts, answers and withdrawn or corrected marks',
      tags: ['workbench'], params: caseReferenceParams, response: { 404: errorAnswer },
    },
  }, async (request, reply) => {
    const { caseReference } = request.params as z.output<typeof caseReferenceParams>;
    const thread = node.caseThread(caseReference, officerOf(request.caller as Caller));
    return thread ?? reply.code(404).send({ error: 'UNKNOWN_CASE', message: `this node has no message of case ${caseReference}` });
  });
}
