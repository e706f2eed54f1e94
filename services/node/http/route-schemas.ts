// The zod schemas of the API's paths, queries, headers and bodies: Fastify validates with them and
// the OpenAPI document is generated from them.
import { z } from 'zod';
import { LOWER_UUID, submissionInputSchema } from '../../core/mod.ts';

export const messageIdParams = z.object({
  messageId: z.string().transform((text) => text.toLowerCase()).pipe(z.string().regex(LOWER_UUID, 'must be a UUID (8-4-4-4-12 hexadecimal digits with dashes)')),
}).meta({ description: 'messageId: a UUID' });

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(1, 'must be 1 to 200 characters').max(200, 'must be 1 to 200 characters').optional()
    .meta({ description: 'Makes a retry safe: the same key with the same body returns the same messageId; with a different body it is refused (422).' }),
});

export const acknowledgeBody = z.strictObject({ status: z.enum(['read', 'actioned']) });

export const feedQuery = z.object({
  states: z.string().optional().meta({ description: 'comma-separated state codes' }),
  roles: z.string().optional().meta({ description: 'origin, transit, destination, sender' }),
  kinds: z.string().optional().meta({ description: 'payload or alert kinds, e.g. rescue-request' }),
  priorities: z.string().optional().meta({ description: 'immediate, urgent, routine' }),
  handling: z.string().optional().meta({ description: 'clear, green, amber, amber-strict, red' }),
  caseReference: z.string().optional(),
  traffic: z.enum(['real', 'exercise']).optional(),
});

export const feedStreamQuery = feedQuery.extend({
  durable: z.enum(['true', 'false']).optional().meta({ description: "true: the signed-in officer's own durable feed (resumes where they left off); officers only" }),
});

export const signInBody = z.strictObject({
  officer: z.string().min(1).max(64),
  password: z.string().min(1).max(1_024),
});

export const emptyBody = z.strictObject({}).meta({ description: 'an empty JSON object: {}' });

/** The submission body is validated by the node itself (prepareSubmission), with every rule of the contract; the schema documents it. */
export const submissionBody = submissionInputSchema;

export const errorAnswer = z.object({
  error: z.string().meta({ description: 'a searchable code, e.g. INVALID_INPUT, FORBIDDEN, UNAUTHENTICATED' }),
  message: z.string(),
  problems: z.array(z.string()).optional().meta({ description: 'for INVALID_INPUT: one line per problem, naming the field and the rule; for a hub rule (422): "<field>: <REASON_CODE>: <the hub\'s words>"' }),
  reasonCode: z.string().optional().meta({ description: 'for a message the hub would refuse (422): the hub\'s reason code, e.g. RED_NEEDS_NAMED_RECIPIENTS' }),
  reason: z.string().optional().meta({ description: 'for a message the hub would refuse (422): the hub\'s words' }),
  missingPermission: z.string().optional().meta({ description: 'for FORBIDDEN: the permission the caller lacks' }),
  retryable: z.boolean().optional(),
});
