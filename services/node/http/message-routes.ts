// Submitting, reading and acknowledging messages: the routes national systems and officers use.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { callerKey, permissionForSubmission, type Caller } from '../../node-access/mod.ts';
import { parseFeedFilter } from '../feed-filter.ts';
import type { NodeApi } from './node-api.ts';
import type { AuditRecorder } from './http-types.ts';
import { actorOf } from './audit-actor.ts';
import { acknowledgeBody, errorAnswer, feedQuery, idempotencyHeaders, messageIdParams, submissionBody } from './route-schemas.ts';

const SUBMISSION_ACTIONS = { send: 'submit', answer: 'answer', retract: 'retract', acknowledge: 'acknowledge', read: 'read', audit: 'audit-read' } as const;

export function messageRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder): void {
  app.post('/api/messages', {
    config: { permission: 'submission' },
    schema: {
      summary: 'Submit a case alert, intelligence report, assistance request or answer, acknowledgement or retraction',
      description: 'The node validates the document (every problem at once), replaces personal identifiers by keyed hashes, signs it with the state key and publishes it. Needs permission send (answer for an assistance-response, retract for a retraction, acknowledge for an acknowledgement).',
      tags: ['messages'], body: submissionBody, headers: idempotencyHeaders,
      response: { 202: z.object({ messageId: z.string(), duplicate: z.boolean() }), 400: errorAnswer, 409: errorAnswer, 422: errorAnswer, 503: errorAnswer },
    },
  }, async (request, reply) => {
    const caller = request.caller as Caller;
    const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
    const result = await node.submit(request.body, { ...(key === undefined ? {} : { idempotencyKey: key }), callerId: callerKey(caller) });
    const type = (request.body as { type?: unknown }).type;
    await audit.record({
      action: SUBMISSION_ACTIONS[permissionForSubmission(request.body)], outcome: 'ok', actor: actorOf(caller), from: request.ip,
      messageId: result.messageId, detail: `type=${typeof type === 'string' ? type : '?'}${result.duplicate ? ' duplicate' : ''}`,
    });
    return reply.code(202).send(result);
  });

  app.get('/api/messages', {
    config: { permission: 'read' },
    schema: { summary: 'What this node sent, newest first, each with its receipts', tags: ['messages'] },
  }, async () => node.sent());

  app.get('/api/messages/:messageId/status', {
    config: { permission: 'read' },
    schema: { summary: 'Receipts and answers per recipient for a message this node sent', tags: ['messages'], params: messageIdParams, response: { 404: errorAnswer } },
  }, async (request, reply) => {
    const { messageId } = request.params as z.output<typeof messageIdParams>;
    const status = node.status(messageId);
    return status ?? reply.code(404).send({ error: 'UNKNOWN_MESSAGE', message: `this node did not send ${messageId}` });
  });

  app.post('/api/messages/:messageId/acknowledge', {
    config: { permission: 'acknowledge' },
    schema: {
      summary: 'Tell the sender this state has read or actioned a message it received (once per status); names the acting unit and officer',
      tags: ['messages'], params: messageIdParams, body: acknowledgeBody,
      response: { 202: z.object({ messageId: z.string(), duplicate: z.boolean() }), 404: errorAnswer, 409: errorAnswer },
    },
  }, async (request, reply) => {
    const caller = request.caller as Caller;
    const { messageId } = request.params as z.output<typeof messageIdParams>;
    const { status } = request.body as z.output<typeof acknowledgeBody>;
    const result = await node.acknowledge(messageId, status, actorFor(caller));
    await audit.record({ action: 'acknowledge', outcome: 'ok', actor: actorOf(caller), from: request.ip, messageId, detail: `status=${status}` });
    return reply.code(202).send(result);
  });

  app.get('/api/received', {
    config: { permission: 'read' },
    schema: { summary: 'What other states sent this state (acknowledgements excluded), oldest first, filtered', tags: ['received'], querystring: feedQuery },
  }, async (request) => node.received(parseFeedFilter(searchParams(request))));

  app.get('/api/received/:messageId', {
    config: { permission: 'read' },
    schema: { summary: 'One received message', tags: ['received'], params: messageIdParams, response: { 404: errorAnswer } },
  }, async (request, reply) => {
    const { messageId } = request.params as z.output<typeof messageIdParams>;
    const message = node.receivedMessage(messageId);
    if (!message) return reply.code(404).send({ error: 'UNKNOWN_MESSAGE', message: 'not received by this node' });
    await audit.record({ action: 'read', outcome: 'ok', actor: actorOf(request.caller as Caller), from: request.ip, messageId });
    return message;
  });

  app.get('/api/due', {
    config: { permission: 'read' },
    schema: { summary: 'Requests to answer and requests of ours awaiting an answer, each with its deadline in force (answers, delays, who is late); withdrawn requests are not listed', tags: ['received'] },
  }, async () => node.due());
}

/** Who acts on the wire: the officer's unit and reference, or the national system's unit and token name. */
export function actorFor(caller: Caller): { unit: string; officerRef: string } {
  return { unit: caller.unit, officerRef: caller.kind === 'officer' ? caller.id : `system-${caller.id}` };
}

/** Repeated and comma-separated query parameters as the feed filter parser reads them. */
export function searchParams(request: FastifyRequest): URLSearchParams {
  return new URL(request.url, 'http://node.invalid').searchParams;
}
