// Which keyed identifiers a payload carries, and the one key two holdings of the same identifier
// share. The hub matches states' messages with them (services/router/hit-matching.ts); a node
// compares its own cases with them (services/node/links). One definition, so both agree on what
// counts as "the same identifier".
import { createHash } from 'node:crypto';
import type { DecodedPayload } from './codec.ts';
import type { v1 } from './proto.ts';

/** Every keyed identifier a payload carries (victims, assistance subjects, keyed indicators). */
export function keyedIdentifiersOf(decoded: DecodedPayload): v1.IKeyedIdentifier[] {
  switch (decoded.name) {
    case 'case-alert':
      return decoded.message.victims.flatMap((group) => group.identifiers);
    case 'assistance-request':
      return decoded.message.identifiers;
    case 'intelligence-report':
      return decoded.message.indicators.flatMap((indicator) => (indicator.keyed ? [indicator.keyed] : []));
    default:
      return [];
  }
}

/**
 * The index key of an identifier: a hash of its kind, matching-key id and digest, so the index
 * holds neither the digest itself nor anything a key-holder could look up directly.
 */
export function sightingKey(identifier: v1.IKeyedIdentifier): string {
  const hash = createHash('sha256');
  hash.update(`${identifier.kind ?? 0}\u0000${identifier.hashKeyId ?? ''}\u0000`);
  hash.update(identifier.digest ?? new Uint8Array());
  return hash.digest('hex');
}
