// The exact bytes an Ed25519 signature covers. Protobuf encoding is not canonical across
// implementations, so the signature does not cover the encoded envelope; it covers this fixed,
// length-prefixed layout of every envelope field except `signature`. docs/wire-contract.md
// ("Signing input") describes the same layout for implementers in other languages.
import type { Envelope } from '../proto.ts';
import { FieldWriter } from './field-writer.ts';

/** Domain separation: a signature over a tipnet v1 envelope can never be replayed as anything else. */
export const SIGNING_CONTEXT = 'tipnet/asean.tip.v1/envelope-signature\n';

type SignedFields = Omit<Envelope, 'signature' | 'toJSON' | '$unknowns'>;

export function envelopeSigningInput(envelope: SignedFields): Uint8Array {
  const out = new FieldWriter();
  out.raw(Buffer.from(SIGNING_CONTEXT, 'ascii'));
  out.string(envelope.messageId);
  out.string(envelope.senderState);
  out.string(envelope.senderUnit);
  const distribution = envelope.distribution;
  out.uint32(distribution?.mode ?? 0);
  out.list(distribution?.states ?? [], (state) => out.string(state));
  out.list(distribution?.routeRoles ?? [], (role) => out.uint32(role));
  out.string(distribution?.sharingGroup ?? '');
  out.uint32(envelope.handling);
  out.uint32(envelope.priority);
  out.int64(envelope.createdAtUnixMs);
  out.int64(envelope.expiresAtUnixMs);
  out.string(envelope.caseReference);
  out.string(envelope.inReplyTo);
  out.uint32(envelope.exercise ? 1 : 0);
  out.string(envelope.drillId);
  out.uint32(envelope.payloadType);
  out.string(envelope.keyId);
  out.bytes(envelope.payload);
  return out.finish();
}
