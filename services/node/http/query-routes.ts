// Hit/no-hit queries (the Prüm model): POST /api/queries asks the region whether identifiers are
// known and waits for the hub's answer; GET /api/queries/:messageId reads it later. The node hashes
// the identifiers with the matching key before anything leaves it. Send permission; every query
// is audited as 'query' with the number and kinds of identifiers and the hits, never a value.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hitQueryRequestSchema, LIMITS } from '../../core/mod.ts';
import { callerKey, type Caller } from '../../node-access/mod.ts';
import { hitQuerySubmission, type QueryOutcome } from '../hit-query-request.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import type { NodeApi } from './node-api.ts';
import { errorAnswer, idempotencyHeaders, messageIdParams } from './route-schemas.ts';

/** How long POST /api/queries waits for the hub by default, and at most (ms). */
export const QUERY_WAIT_MS = Object.freeze({ default: 10_000, max: 30_000 });

const queryWaitParams = z.object({
  waitMs: z.coerce.number().int().min(0).max(QUERY_WAIT_MS.max).optional()
    .meta({ description: `how long to wait for the hub's answer, in ms (default ${QUERY_WAIT_MS.default}, at most ${QUERY_WAIT_MS.max}); 0 answers at once` }),
});

const queryHit = z.object({ counterpartState: z.string(), hitId: z.string() });
const queryOutcomeAnswer = z.object({
  queryMessageId: z.string(),
  outcome: z.enum(['answered', 'refused', 'pending']),
  answeredAtUnixMs: z.number().optional(),
  results: z.array(z.object({ index: z.int(), kind: z.string(), hit: z.boolean(), hits: z.array(queryHit) })).optional()
    .meta({ description: 'one per identifier, in the order asked: hit or no-hit, and for a hit the counterpart states with a hit id each (nothing else)' }),
  reasonCode: z.string().optional().meta({ description: "for 'refused': the hub's reason code, e.g. RATE_LIMITED" }),
  reason: z.string().optional(),
  error: z.string().optional().meta({ description: "for 'refused': the reason code again, as every error answer carries it" }),
  message: z.string().optional(),
});

/** The body of an outcome: a refusal also carries error and message, like every error answer of the API. */
export function outcomeBody(outcome: QueryOutcome): Record<string, unknown> {
  return outcome.outcome === 'refused' ? { ...outcome, error: outcome.reasonCode, message: outcome.reason } : { ...outcome };
}

/** The HTTP status an outcome is answered with: 200 answered, 202 still pending, 429 rate-limited, 422 refused otherwise. */
export function statusOfOutcome(outcome: QueryOutcome): 200 | 202 | 422 | 429 {
  if (outcome.outcome === 'answered') return 200;
  if (outcome.outcome === 'pending') return 202;
  return outcome.reasonCode === 'RATE_LIMITED' ? 429 : 422;
}

/** The audit detail of a query: sizes and kinds, never a value or a hash. */
export function queryAuditDetail(kinds: readonly string[], outcome: QueryOutcome): string {
  const asked = `identifiers=${kinds.length} kinds=${[...new Set(kinds)].sort().join(',')}`;
  if (outcome.outcome === 'answered') {
    const hits = outcome.results.filter((result) => result.hit).length;
    const states = [...new Set(outcome.results.flatMap((result) => result.hits.map((hit) => hit.counterpartState)))].sort();
    return `${asked} answered hits=${hits}${states.length ? ` counterparts=${states.join(',')}` : ''}`;
  }
  return outcome.outcome === 'refused' ? `${asked} refused=${outcome.reasonCode}` : `${asked} pending`;
}

export function queryRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder): void {
  app.post('/api/queries', {
    config: { permission: 'send' },
    schema: {
      summary: 'Ask the region whether identifiers are known (hit/no-hit), without sending anything to any state',
      description: `Up to ${LIMITS.maxQueryIdentifiers} identifiers in clear; the node hashes them with the regional matching key, signs a hit-query and waits for the hub's answer: per identifier, hit or no-hit and the counterpart states with a hit id. scope is the distribution searched (default the whole region). Each counterpart is told that this state's query matched what it holds. Needs permission send.`,
      tags: ['queries'], body: hitQueryRequestSchema, querystring: queryWaitParams, headers: idempotencyHeaders,
      response: { 200: queryOutcomeAnswer, 202: queryOutcomeAnswer, 400: errorAnswer, 422: queryOutcomeAnswer.or(errorAnswer), 429: queryOutcomeAnswer, 503: errorAnswer },
    },
  }, async (request, reply) => {
    const caller = request.caller as Caller;
    const body = request.body as z.output<typeof hitQueryRequestSchema>;
    const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
    const { waitMs } = request.query as z.output<typeof queryWaitParams>;
    const sent = await node.submit(hitQuerySubmission(body, caller.unit), { ...(key === undefined ? {} : { idempotencyKey: key }), callerId: callerKey(caller) });
    const outcome = await node.awaitQueryOutcome(sent.messageId, waitMs ?? QUERY_WAIT_MS.default)
      ?? { queryMessageId: sent.messageId, outcome: 'pending' as const };
    await audit.record({
      action: 'query', outcome: outcome.outcome === 'refused' ? 'failed' : 'ok', actor: actorOf(caller), from: request.ip,
      messageId: sent.messageId, detail: queryAuditDetail(body.identifiers.map((identifier) => identifier.kind), outcome),
    });
    return reply.code(statusOfOutcome(outcome)).send(outcomeBody(outcome));
  });

  app.get('/api/queries/:messageId', {
    config: { permission: 'read' },
    schema: {
      summary: "The hub's answer (or refusal) to a hit/no-hit query this node sent",
      tags: ['queries'], params: messageIdParams, response: { 200: queryOutcomeAnswer, 202: queryOutcomeAnswer, 404: errorAnswer, 422: queryOutcomeAnswer, 429: queryOutcomeAnswer },
    },
  }, async (request, reply) => {
    const { messageId } = request.params as z.output<typeof messageIdParams>;
    const outcome = node.queryOutcome(messageId);
    if (!outcome) return reply.code(404).send({ error: 'UNKNOWN_QUERY', message: `this node sent no hit/no-hit query ${messageId}` });
    return reply.code(statusOfOutcome(outcome)).send(outcomeBody(outcome));
  });
}
