// What a receiving state does with each delivery: decode it, check the sender's signature against
// the key directory itself (it does not take the hub's word), and decode the payload.
import { type DecodedPayload, decodeEnvelope, decodePayload, type Envelope, type KeyLookup, verifyEnvelope } from '../core/mod.ts';

export interface OpenedDelivery {
  readonly envelope: Envelope;
  readonly decoded: DecodedPayload;
}

/** Throws a RejectionError (code and readable reason) when the delivery cannot be trusted. */
export function openDelivery(bytes: Uint8Array, directory: KeyLookup): OpenedDelivery {
  const envelope = decodeEnvelope(bytes);
  verifyEnvelope(envelope, directory);
  return { envelope, decoded: decodePayload(envelope) };
}
