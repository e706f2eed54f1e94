// Hit/no-hit queries and the hub's answers. A query asks about keyed identifiers only, within a
// scope given by its envelope's distribution; the answer is the hub's, names no content, and says
// hit or no-hit for each identifier asked about.
import { z } from 'zod';
import { LIMITS, WIRE_LIMITS } from '../limits.ts';
import { HUB_SENDER } from '../member-states.ts';
import { v1 } from '../proto.ts';
import type { PayloadContext } from './payload-context.ts';
import { checkReference } from './payload-context.ts';
import { enumSet, keyedIdentifier, requiredText, stateCode, uuid } from './proto-fields.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function hitQuerySchema(context: PayloadContext) {
  return z.object({
    identifiers: z.array(keyedIdentifier)
      .min(1, 'must ask about at least one identifier')
      .max(WIRE_LIMITS.maxQueryKeyedIdentifiers, `must ask about at most ${WIRE_LIMITS.maxQueryKeyedIdentifiers} keyed identifiers (${LIMITS.maxQueryIdentifiers} identifiers under each matching key in force)`),
  }).superRefine((query, ctx) => {
    const seen = new Map<string, number>();
    query.identifiers.forEach((identifier, index) => {
      const key = `${identifier.kind}.${identifier.hashKeyId}.${hex(identifier.digest)}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['identifiers', index], message: `repeats identifiers[${first}]` });
      else seen.set(key, index);
    });
    if (context.envelope.inReplyTo !== '') ctx.addIssue({ code: 'custom', path: [], message: 'a query answers nothing: in_reply_to must be empty' });
  });
}

const queryHit = z.object({
  counterpartState: stateCode(),
  hitId: requiredText(LIMITS.maxShortTextChars),
});

export function hitQueryAnswerSchema(context: PayloadContext) {
  return z.object({
    queryMessageId: uuid,
    results: z.array(z.object({
      index: z.number().int().nonnegative(),
      identifierKind: enumSet(v1.IdentifierKind, 'IdentifierKind'),
      hit: z.boolean(),
      hits: z.array(queryHit),
    }).superRefine((result, ctx) => {
      if (result.hit !== (result.hits.length > 0)) ctx.addIssue({ code: 'custom', path: ['hits'], message: 'must name a state exactly when hit is true' });
    })).max(WIRE_LIMITS.maxQueryKeyedIdentifiers),
    answeredAtUnixMs: z.number().int().positive('must be set (a positive Unix time in milliseconds)'),
  }).superRefine((answer, ctx) => {
    checkReference(answer.queryMessageId, context, ctx, ['queryMessageId'], { inReplyToRequired: true });
    if (context.envelope.senderState !== HUB_SENDER) {
      ctx.addIssue({ code: 'custom', path: [], message: `is sent by the hub only (sender_state must be ${HUB_SENDER})` });
    }
  });
}
