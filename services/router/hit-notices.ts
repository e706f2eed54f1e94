// Records the keyed identifiers of a delivered message and tells both sides of every match with
// another state's earlier message, as far as each message's handling allows (hit-matching.ts).
// Redone after a crash, the notices keep their ids (de-duplicated) and the sightings are not added
// twice.
import type { JetStreamClient } from '@nats-io/jetstream';
import { type Logger, v1 } from '../core/mod.ts';
import type { Delivery } from './decide-submission.ts';
import { findHits, keyedIdentifiersOf, sightingKey } from './hit-matching.ts';
import { publishHubMessage, type HubIdentity } from './hub-outbox.ts';
import type { MessageIndex } from './message-index.ts';
import { hubHitNotice } from './receipts.ts';

export interface HitContext {
  readonly js: JetStreamClient;
  readonly index: MessageIndex;
  readonly hub: HubIdentity;
  readonly logger: Logger;
}

/** The distinct sighting keys of a delivery's keyed identifiers, with each identifier's kind and matching key id. */
export function sightingsOf(decision: Pick<Delivery, 'decoded'>): Array<{ key: string; identifierKind: number; hashKeyId: string }> {
  const byKey = new Map<string, { identifierKind: number; hashKeyId: string }>();
  for (const identifier of keyedIdentifiersOf(decision.decoded)) {
    byKey.set(sightingKey(identifier), { identifierKind: identifier.kind ?? 0, hashKeyId: identifier.hashKeyId ?? '' });
  }
  return [...byKey].map(([key, about]) => ({ key, ...about }));
}

export async function notifyHits(context: HitContext, decision: Delivery, nowMs: number): Promise<void> {
  const { envelope, recipients } = decision;
  const identifiers = sightingsOf(decision);
  if (identifiers.length === 0) return;
  const traffic = envelope.exercise ? `exercise:${envelope.drillId}` : 'real';
  // A TLP:RED message may reveal its sender's holding only to the states it was meant for.
  const audience = envelope.handling === v1.HandlingMark.HANDLING_MARK_RED ? [envelope.senderState, ...recipients] : undefined;
  const own = { state: envelope.senderState, messageId: envelope.messageId, traffic, expiresAtUnixMs: Number(envelope.expiresAtUnixMs), ...(audience ? { audience } : {}) };
  // Recording and reading are one atomic step per identifier, so concurrent routers cannot both miss the match.
  const earlier = await Promise.all(identifiers.map(async ({ key, identifierKind, hashKeyId }) => ({
    identifierKind,
    hashKeyId,
    earlier: await context.index.addSighting(key, { ...own, identifierKind }, nowMs),
  })));
  for (const hit of findHits(own, earlier, nowMs)) {
    const hitId = context.hub.ids.derive('hit', ...[envelope.messageId, hit.counterpart.messageId].sort());
    const common = { hitId, identifierKind: hit.identifierKind, matchedIdentifiers: hit.matchedIdentifiers, exercise: envelope.exercise, drillId: envelope.drillId, nowMs };
    const notices = [
      ...(hit.tellSender ? [{ to: envelope.senderState, yourMessageId: envelope.messageId, counterpartState: hit.counterpart.state }] : []),
      ...(hit.tellCounterpart ? [{ to: hit.counterpart.state, yourMessageId: hit.counterpart.messageId, counterpartState: envelope.senderState }] : []),
    ].map((side) => hubHitNotice({ ...common, ...side, messageId: context.hub.ids.derive('hit-notice', hitId, side.to) }, context.hub.key));
    await Promise.all(notices.map((notice) => publishHubMessage(context.js, notice)));
    await context.index.recordHit({
      hitId, fromQuery: false, traffic,
      parties: [
        { state: envelope.senderState, messageId: envelope.messageId, told: hit.tellSender },
        { state: hit.counterpart.state, messageId: hit.counterpart.messageId, told: hit.tellCounterpart },
      ],
    });
    context.logger.info({ hitId, states: [envelope.senderState, hit.counterpart.state], matched: hit.matchedIdentifiers, notices: notices.length }, 'hit');
  }
}

/** A retracted message no longer counts as holding its identifiers. */
export async function forgetSightings(index: MessageIndex, messageId: string): Promise<void> {
  const original = await index.get(messageId);
  await Promise.all((original?.sightingKeys ?? []).map((key) => index.removeSightings(key, messageId)));
}
