// The one way to build an outgoing envelope from typed values: national submissions (after their
// input was validated at the edge), a node's replies, acknowledgements and reminders, and the
// hub's receipts and hit notices. Values handed in are trusted (they come from validated input
// or from code); the composer only encodes the payload, signs and encodes the envelope, and hands
// back the typed payload with the bytes, so nobody decodes what they have just encoded.
import { randomUUID } from 'node:crypto';
import { encodeEnvelope, encodePayload, type DecodedPayload } from './codec.ts';
import { payloadKindByName } from './payload-registry.ts';
import { v1, type Envelope } from './proto.ts';
import { signEnvelope, type SigningKey } from './signing/mod.ts';
import type { TrafficClass } from './subjects.ts';

/** Who gets the message, as the envelope's distribution says it. */
export type Recipients =
  | { readonly mode: 'named'; readonly states: readonly string[] }
  | { readonly mode: 'route-roles'; readonly routeRoles: readonly v1.RouteRole[] }
  | { readonly mode: 'regional-broadcast' }
  | { readonly mode: 'sharing-group'; readonly group: string };

/** Real traffic belongs to no drill; exercise traffic always names its drill. */
export type Traffic = { readonly class: 'real' } | { readonly class: 'exercise'; readonly drillId: string };

export const REAL_TRAFFIC: Traffic = Object.freeze({ class: 'real' });

export interface EnvelopeDraft {
  /** Default: a new random UUID. */
  readonly messageId?: string;
  /** The sending state, or HUB. */
  readonly sender: string;
  readonly senderUnit: string;
  readonly recipients: Recipients;
  readonly handling: v1.HandlingMark;
  readonly priority: v1.Priority;
  readonly traffic: Traffic;
  readonly caseReference?: string;
  /** The message this one answers or concerns ('' or absent: none). */
  readonly inReplyTo?: string;
  readonly createdAtUnixMs: number;
  /** expires_at = created_at + lifetime. */
  readonly lifetimeMs: number;
  /** The payload message and its name: payload_type and payload come from it. */
  readonly payload: DecodedPayload;
}

export interface ComposedEnvelope {
  /** The signed envelope. */
  readonly envelope: Envelope;
  /** encodeEnvelope(envelope): what goes on the wire. */
  readonly bytes: Uint8Array;
  /** The payload as composed, typed: what decodePayload(envelope) would give. */
  readonly payload: DecodedPayload;
}

/** Encodes the payload, signs with `key` and encodes the envelope. Does not check contract rules. */
export function composeEnvelope(draft: EnvelopeDraft, key: SigningKey): ComposedEnvelope {
  const envelope = signEnvelope(envelopeFieldsOf(draft), key);
  return Object.freeze({ envelope, bytes: encodeEnvelope(envelope), payload: draft.payload });
}

/** The unsigned envelope fields a draft stands for (what contract rules are checked against before signing). */
export function envelopeFieldsOf(draft: EnvelopeDraft): Omit<v1.Envelope.$Properties, 'keyId' | 'signature'> {
  return {
    messageId: draft.messageId ?? randomUUID(),
    senderState: draft.sender,
    senderUnit: draft.senderUnit,
    distribution: distributionOf(draft.recipients),
    handling: draft.handling,
    priority: draft.priority,
    createdAtUnixMs: draft.createdAtUnixMs,
    expiresAtUnixMs: draft.createdAtUnixMs + draft.lifetimeMs,
    caseReference: draft.caseReference ?? '',
    inReplyTo: draft.inReplyTo ?? '',
    exercise: draft.traffic.class === 'exercise',
    drillId: draft.traffic.class === 'exercise' ? draft.traffic.drillId : '',
    payloadType: payloadKindByName(draft.payload.name).type,
    payload: encodePayload(draft.payload.name, draft.payload.message as never),
  };
}

/** The traffic a message is in, from its envelope (or a summary of one): replies keep it. */
export function trafficOf(message: { readonly exercise: boolean; readonly drillId: string } | { readonly traffic: TrafficClass; readonly drillId: string }): Traffic {
  const exercise = 'exercise' in message ? message.exercise : message.traffic === 'exercise';
  return exercise ? { class: 'exercise', drillId: message.drillId } : REAL_TRAFFIC;
}

function distributionOf(recipients: Recipients): v1.Distribution.$Properties {
  const M = v1.DistributionMode;
  switch (recipients.mode) {
    case 'named': return { mode: M.DISTRIBUTION_MODE_NAMED, states: [...recipients.states] };
    case 'route-roles': return { mode: M.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [...recipients.routeRoles] };
    case 'regional-broadcast': return { mode: M.DISTRIBUTION_MODE_REGIONAL_BROADCAST };
    case 'sharing-group': return { mode: M.DISTRIBUTION_MODE_SHARING_GROUP, sharingGroup: recipients.group };
  }
}
