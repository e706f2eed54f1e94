// The rules for one identifier's list of sightings and for compare-and-set writes to the index
// bucket, shared by the in-memory index and the bucket's sighting keys. Pure, apart from reading
// a JetStream error's code.
import { hasJetStreamCode, JetStreamApiCodes } from '../core/mod.ts';
import { isLive, type IdentifierSighting } from './hit-matching.ts';

/** Sightings kept per identifier, one per state and traffic class: enough to tell every state that holds it. */
const MAX_SIGHTINGS = 64;

/**
 * The list with this sighting added, or undefined when nothing needs writing: the message is
 * there already (a redo), or its state already holds the identifier in this traffic class, as
 * visibly. One entry per state is all a hit needs, and it keeps the common case (a state
 * reporting the same person again) to a single read. Expired sightings are dropped on the way.
 */
export function withSighting(list: readonly IdentifierSighting[], sighting: IdentifierSighting, nowMs: number): IdentifierSighting[] | undefined {
  if (list.some((s) => s.messageId === sighting.messageId)) return undefined;
  const live = list.filter((s) => isLive(s, nowMs));
  const same = live.find((s) => s.state === sighting.state && s.traffic === sighting.traffic);
  // A TLP:RED sighting is replaced by a later one the state shared more widely, never the reverse.
  if (same && (same.audience === undefined || sighting.audience !== undefined)) return undefined;
  return [...live.filter((s) => s !== same), sighting].slice(-MAX_SIGHTINGS);
}

/**
 * Whether a compare-and-set write lost to another writer. nats.js v3 reports both a KV `create` on
 * a key that exists and an `update` at a stale revision as the PubAck error "wrong last sequence"
 * (JetStreamApiError, code StreamWrongLastSequence; StreamWrongLastSequenceUnknown on servers
 * that cannot tell the last sequence), so that code, not the text, is what a conflict looks like.
 */
export function isWriteConflict(error: unknown): boolean {
  return hasJetStreamCode(error, JetStreamApiCodes.StreamWrongLastSequence)
    || hasJetStreamCode(error, JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}
