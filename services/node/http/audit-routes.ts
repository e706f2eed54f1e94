// The auditor's page through the audit trail: newest first, filtered, with a cursor to older
// entries. Reading the trail is itself an entry.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUDIT_ACTION_NAMES, AUDIT_PAGE_MAX } from '../../audit/mod.ts';
import type { Caller } from '../../node-access/mod.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import { errorAnswer } from './route-schemas.ts';

const auditQuery = z.strictObject({
  actor: z.string().min(1).max(200).optional().meta({ description: 'actor id: an officer reference or a token id' }),
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  messageId: z.string().toLowerCase().optional(),
  since: z.coerce.number().int().nonnegative().optional().meta({ description: 'Unix ms, inclusive' }),
  until: z.coerce.number().int().nonnegative().optional().meta({ description: 'Unix ms, inclusive' }),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  before: z.coerce.number().int().min(1).optional().meta({ description: "the previous page's nextBefore" }),
});

export function auditRoutes(app: FastifyInstance, audit: AuditRecorder): void {
  app.get('/api/audit', {
    config: { permission: 'audit' },
    schema: { summary: 'The audit trail, newest first (auditors only)', tags: ['audit'], querystring: auditQuery, response: { 400: errorAnswer, 403: errorAnswer, 503: errorAnswer } },
  }, async (request, reply) => {
    if (!audit.page) return reply.code(503).send({ error: 'UNAVAILABLE', message: 'this node keeps no audit trail' });
    const query = request.query as z.output<typeof auditQuery>;
    const page = await audit.page({
      limit: query.limit,
      ...(query.actor ? { actorId: query.actor } : {}), ...(query.action ? { action: query.action } : {}),
      ...(query.messageId ? { messageId: query.messageId } : {}), ...(query.since !== undefined ? { sinceUnixMs: query.since } : {}),
      ...(query.until !== undefined ? { untilUnixMs: query.until } : {}), ...(query.before !== undefined ? { before: query.before } : {}),
    });
    await audit.record({ action: 'audit-read', outcome: 'ok', actor: actorOf(request.caller as Caller), from: request.ip, detail: `entries=${page.entries.length}` });
    return page;
  });
}
