// The exact bytes an Ed25519 signature covers. Protobuf encoding is not canonical across
// implementations, so the signature does not cover the encoded envelope; it covers this fixed,
// length-prefixed layout of every envelope field except `signature`. docs/wire-contract.md
// ("Signing input") describes the same layout for implementers in other languages.
import type { Envelope } from '../proto.ts';

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

/** Big-endian, length-prefixed fields: trivial to reproduce in any language. */
class FieldWriter {
  private readonly chunks: Uint8Array[] = [];

  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
  }

  uint32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32BE(value >>> 0);
    this.chunks.push(chunk);
  }

  int64(value: number): void {
    const chunk = Buffer.alloc(8);
    chunk.writeBigInt64BE(BigInt(Math.trunc(value)));
    this.chunks.push(chunk);
  }

  bytes(value: Uint8Array): void {
    this.uint32(value.byteLength);
    this.chunks.push(value);
  }

  string(value: string): void {
    this.bytes(Buffer.from(value ?? '', 'utf8'));
  }

  list<T>(values: readonly T[], write: (value: T) => void): void {
    this.uint32(values.length);
    for (const value of values) write(value);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
