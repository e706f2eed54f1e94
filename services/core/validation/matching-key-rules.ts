// A rule across a message's keyed identifiers, whatever the payload: they use at most
// LIMITS.maxMatchingKeyIdsPerMessage matching key ids (the current key and, during a rotation's
// overlap, the previous one). More would let one message fish under keys no longer in force.
import type { DecodedPayload } from '../codec.ts';
import { keyedIdentifiersOf } from '../keyed-identifiers.ts';
import { LIMITS } from '../limits.ts';
import type { v1 } from '../proto.ts';

/** Every keyed identifier of a payload, hit queries included (keyedIdentifiersOf leaves queries out: asking is not holding). */
export function allKeyedIdentifiersOf(decoded: DecodedPayload): v1.IKeyedIdentifier[] {
  return decoded.name === 'hit-query' ? decoded.message.identifiers : keyedIdentifiersOf(decoded);
}

/** The problem when a payload uses too many matching key ids; empty when it does not. */
export function matchingKeyProblems(decoded: DecodedPayload, root: string): string[] {
  const keyIds = new Set(allKeyedIdentifiersOf(decoded).map((identifier) => identifier.hashKeyId ?? ''));
  if (keyIds.size <= LIMITS.maxMatchingKeyIdsPerMessage) return [];
  return [`${root}: keyed identifiers use ${keyIds.size} matching key ids; at most ${LIMITS.maxMatchingKeyIdsPerMessage} (the current key and, during a rotation's overlap, the previous one)`];
}
