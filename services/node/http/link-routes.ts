// GET /api/cases/:caseReference/links: a case's link graph (links/case-links.ts). Read permission;
// audited as a read. The answer names counterpart states and hit ids only, never another state's
// message, case or content, and our other cases by reference only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../../node-access/mod.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import type { NodeApi } from './node-api.ts';
import { errorAnswer } from './route-schemas.ts';
import { caseReferenceParams } from './workbench-routes.ts';

const followUpAnswer = z.object({
  messageId: z.string(),
  direction: z.enum(['sent', 'received']),
  atUnixMs: z.number(),
}).meta({ description: 'an assistance request following the hit up (followsUpHitId)' });

const counterpartAnswer = z.object({
  hitId: z.string(),
  counterpartState: z.string().meta({ description: 'ISO alpha-3 code of the state holding the match' }),
  via: z.enum(['report', 'query-by-them', 'query-by-us']).meta({
    description: "report: their message holds an identifier of ours; query-by-them: their hit/no-hit query matched ours; query-by-us: our query matched their holding",
  }),
  ourMessageId: z.string().meta({ description: 'our own message the hit concerns (the query, for query-by-us)' }),
  identifierKind: z.string().optional(),
  matchedIdentifiers: z.number().optional(),
  atUnixMs: z.number().meta({ description: 'when the hub found the hit (or answered our query)' }),
  exercise: z.boolean(),
  followUps: z.array(followUpAnswer),
});

export const caseLinksAnswer = z.object({
  caseReference: z.string(),
  messages: z.array(z.object({ messageId: z.string(), payloadName: z.string(), createdAtUnixMs: z.number() }))
    .meta({ description: "this state's own messages of the case, oldest first" }),
  counterparts: z.array(counterpartAnswer).meta({ description: 'one per hit, oldest first: a state and a hit id, nothing of its message' }),
  linkedCases: z.array(z.object({ caseReference: z.string(), sharedIdentifiers: z.number(), identifierKinds: z.array(z.string()) }))
    .meta({ description: "this state's other cases whose own messages carry the same keyed identifiers (computed on the node from keyed digests)" }),
});

export function linkRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder): void {
  app.get('/api/cases/:caseReference/links', {
    config: { permission: 'read' },
    schema: {
      summary: "A case's links: the states the hub reported hits with on our messages of it, each hit's follow-ups, our other cases sharing identifiers",
      description: 'Counterparts by state and hit id only; linked cases are our own, by reference. 404 UNKNOWN_CASE when this node sent nothing in the case. Audited as read.',
      tags: ['workbench'], params: caseReferenceParams, response: { 200: caseLinksAnswer, 404: errorAnswer },
    },
  }, async (request, reply) => {
    const { caseReference } = request.params as z.output<typeof caseReferenceParams>;
    const links = node.caseLinks(caseReference);
    if (!links) return reply.code(404).send({ error: 'UNKNOWN_CASE', message: `this node sent no message in case ${caseReference}, so it has no links` });
    // The case reference stays out of `detail`: its run of digits is refused there as a possible identifier.
    await audit.record({ action: 'read', outcome: 'ok', actor: actorOf(request.caller as Caller), from: request.ip, detail: 'case links' });
    return links;
  });
}
