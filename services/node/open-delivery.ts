// What a receiving state does with each delivery: decode it, check the sender's signature against
// the key directory itself (it does not take the hub's word), and decode the payload.
import { decodeEnvelope, decodePayload, type DecodedPayload } from '../core/codec.ts';
import type { Envelope } from '../core/proto.ts';
import { verifyEnvelope, type KeyDirectory } from '../core/signing/mod.ts';

export interface OpenedDelivery {
  readonly envelope: Envelope;
  readonly decoded: DecodedPayload;
}

/** Throws a RejectionError (code and readable reason) when the delivery cannot be trusted. */
export function openDelivery(bytes: Uint8Array, directory: KeyDirectory): OpenedDelivery {
  const envelope = decodeEnvelope(bytes);
  verifyEnvelope(envelope, directory);
  return { envelope, decoded: decodePayload(envelope) };
}
