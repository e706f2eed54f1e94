// "Would this be sent?" without sending: the dashboard's forms and national systems check a
// document against every rule the node applies before publishing (input schema, contract rules,
// the hub's routing rules in the hub's words), with the same body and permission as
// POST /api/messages. Nothing is signed onto the wire, recorded or audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { NodeApi } from './node-api.ts';
import type { Logger } from '../../core/mod.ts';
import { errorAnswer as answerFor } from '../http-errors.ts';
import { errorAnswer, submissionBody } from './route-schemas.ts';

export function validateRoute(app: FastifyInstance, node: NodeApi, logger: Logger): void {
  app.post('/api/messages/validate', {
    config: { permission: 'submission' },
    schema: {
      summary: 'Check a submission against every rule the node and the hub apply, without sending it',
      description: 'The same body and permission as POST /api/messages. 200 `{ ok: true }` when the node would send it; otherwise 422 with the body POST /api/messages answers (INVALID_INPUT with problems naming each field and rule, or the hub\'s reason code, words and field for a message the hub would refuse). Nothing is published.',
      tags: ['messages'], body: submissionBody,
      response: { 200: z.object({ ok: z.literal(true) }), 422: errorAnswer, 503: errorAnswer },
    },
    // Schema problems reach the handler, so they are answered 422 like every other rule.
    attachValidation: true,
  }, async (request, reply) => {
    try {
      if (request.validationError) throw request.validationError;
      node.validate(request.body);
    } catch (error) {
      const answer = answerFor(error, logger);
      // A document that breaks a rule is this route's answer, not a bad request: always 422.
      return reply.code(answer.status >= 500 ? 503 : 422).header('cache-control', 'no-store').send(answer.body);
    }
    return reply.code(200).send({ ok: true });
  });
}
