// Hits: two states hold messages carrying the same keyed identifier (a passport, a phone, a mule
// account). The hub sees only keyed hashes, so it can match without learning the identifier, and
// it tells each side that the other holds a match: never the other's data, only that there is one,
// so they can ask each other for the detail. Pure: sightings in, hits out.
import { keyedIdentifiersOf, sightingKey } from '../core/mod.ts';

// Defined in core, where nodes find them too; the router's own entry keeps exporting them.
export { keyedIdentifiersOf, sightingKey };

/** One message of one state that carried a given keyed identifier. */
export interface IdentifierSighting {
  readonly state: string;
  readonly messageId: string;
  /** Real and exercise traffic never match each other; exercises only within one drill. */
  readonly traffic: string;
  readonly identifierKind: number;
  /** The message's expiry: after it the sighting no longer counts (absent in entries of older releases). */
  readonly expiresAtUnixMs?: number;
  /**
   * Set when the message was TLP:RED: only these states (its sender and named recipients) may
   * learn that its sender holds the identifier.
   */
  readonly audience?: readonly string[];
}

export interface Hit {
  /** The earlier message of the other state. */
  readonly counterpart: IdentifierSighting;
  readonly matchedIdentifiers: number;
  readonly identifierKind: number;
  /** Whether the new message's sender may be told of the counterpart (the counterpart's handling allows it). */
  readonly tellSender: boolean;
  /** Whether the counterpart may be told of the new message's sender. */
  readonly tellCounterpart: boolean;
}

export function isLive(sighting: IdentifierSighting, nowMs: number): boolean {
  return sighting.expiresAtUnixMs === undefined || sighting.expiresAtUnixMs > nowMs;
}

/** Whether a state may learn that the sighting's state holds the identifier. */
export function mayReveal(sighting: Pick<IdentifierSighting, 'audience'>, to: string): boolean {
  return sighting.audience === undefined || sighting.audience.includes(to);
}

/**
 * How many identifiers two messages share, from one count per matching key id: during a rotation's
 * overlap a node hashes each identifier under two keys, so the same identifier can match under
 * both; the largest count under one key is the number of identifiers, never twice it.
 */
export function sharedIdentifierCount(matchedByKeyId: ReadonlyMap<string, number>): number {
  return Math.max(0, ...matchedByKeyId.values());
}

/** One keyed identifier of a message and the earlier sightings of it (the same kind, key id and digest). */
export interface IdentifierLookup {
  readonly identifierKind: number;
  /** The matching key id its digest was made with (absent in callers of older releases: one key). */
  readonly hashKeyId?: string;
  readonly earlier: readonly IdentifierSighting[];
}

/**
 * Hits of a new message against earlier sightings: one per other state, however many of its
 * messages match, naming that state's latest recorded matching message (the index keeps one per
 * state) and how many of the new message's identifiers it shares with that state (counted per
 * matching key id, see sharedIdentifierCount). Expired sightings do not count. A side learns of
 * the other only where the other's handling allows it (TLP:RED sightings reveal their state only
 * to that message's own audience); a hit neither side may learn of is no hit.
 */
export function findHits(
  sighting: Omit<IdentifierSighting, 'identifierKind'>,
  earlierByIdentifier: readonly IdentifierLookup[],
  nowMs: number,
): Hit[] {
  const byState = new Map<string, { counterpart: IdentifierSighting; matchedByKeyId: Map<string, number>; kind: number }>();
  for (const { identifierKind, hashKeyId = '', earlier } of earlierByIdentifier) {
    const matches = earlier.filter((other) =>
      other.state !== sighting.state && other.traffic === sighting.traffic && other.messageId !== sighting.messageId && isLive(other, nowMs));
    for (const state of new Set(matches.map((other) => other.state))) {
      // Sightings are kept in arrival order, so the last is the state's latest message.
      const latest = matches.filter((other) => other.state === state).at(-1) as IdentifierSighting;
      const entry = byState.get(state) ?? { counterpart: latest, matchedByKeyId: new Map<string, number>(), kind: identifierKind };
      entry.counterpart = latest;
      entry.matchedByKeyId.set(hashKeyId, (entry.matchedByKeyId.get(hashKeyId) ?? 0) + 1);
      byState.set(state, entry);
    }
  }
  return [...byState.values()]
    .map((entry) => ({
      counterpart: entry.counterpart,
      matchedIdentifiers: sharedIdentifierCount(entry.matchedByKeyId),
      identifierKind: entry.kind,
      tellSender: mayReveal(entry.counterpart, sighting.state),
      tellCounterpart: mayReveal(sighting, entry.counterpart.state),
    }))
    .filter((hit) => hit.tellSender || hit.tellCounterpart);
}
