// Bytes <-> messages. Decoding never throws anything but a RejectionError with a wire code, so a
// consumer can dead-letter bad input and go on.
import { RejectionError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { payloadKindByName, payloadKindByType, type PayloadByName, type PayloadName } from './payload-registry.ts';
import { tip, type Envelope } from './proto.ts';

export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return tip.Envelope.encode(envelope).finish();
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  if (bytes.byteLength > LIMITS.maxEnvelopeBytes) {
    throw new RejectionError('OVERSIZE', `envelope is ${bytes.byteLength} bytes; the limit is ${LIMITS.maxEnvelopeBytes}`);
  }
  try {
    return tip.Envelope.decode(bytes);
  } catch (cause) {
    throw new RejectionError('ENVELOPE_UNDECODABLE', `bytes are not an asean.tip.v1.Envelope: ${describe(cause)}`, { cause });
  }
}

/** The envelope, or undefined when the bytes are not one: for answering a refusal as precisely as the bytes allow. */
export function tryDecodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  try {
    return decodeEnvelope(bytes);
  } catch {
    return undefined;
  }
}

export function encodePayload<N extends PayloadName>(name: N, payload: PayloadByName[N]): Uint8Array {
  return payloadKindByName(name).messageClass.encode(payload).finish();
}

export type DecodedPayload = { [N in PayloadName]: { name: N; message: PayloadByName[N] } }[PayloadName];

/** Decodes the payload the envelope's payload_type names. */
export function decodePayload(envelope: Pick<Envelope, 'payloadType' | 'payload'>): DecodedPayload {
  const kind = payloadKindByType(envelope.payloadType);
  if (!kind) {
    throw new RejectionError('UNKNOWN_PAYLOAD_TYPE', `payload_type ${envelope.payloadType} is not known to contract asean.tip.v1`);
  }
  try {
    return { name: kind.name, message: kind.messageClass.decode(envelope.payload) } as DecodedPayload;
  } catch (cause) {
    throw new RejectionError('PAYLOAD_UNDECODABLE', `payload does not decode as ${kind.name}: ${describe(cause)}`, { cause });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
