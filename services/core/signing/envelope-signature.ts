// Signing and verifying envelopes end to end: the sender signs, the hub and every recipient verify.
import { sign, verify } from 'node:crypto';
import { RejectionError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { tip, type Envelope, type v1 } from '../proto.ts';
import type { KeyLookup } from './key-directory.ts';
import { unusableKeyReason } from './unusable-key-reason.ts';
import { envelopeSigningInput } from './signing-input.ts';
import type { SigningKey } from './signing-keys.ts';

/** Returns a new envelope carrying the key id and the signature; the input is not changed. */
export function signEnvelope(fields: v1.Envelope.$Properties, key: SigningKey): Envelope {
  const envelope = tip.Envelope.create({ ...fields, keyId: key.keyId, signature: new Uint8Array() });
  envelope.signature = sign(null, envelopeSigningInput(envelope), key.privateKey);
  return envelope;
}

/**
 * Verifies origin: the key exists and was valid when the envelope was created, belongs to the
 * sending state, and the signature covers these exact fields. Throws a RejectionError otherwise.
 */
export function verifyEnvelope(envelope: Envelope, directory: KeyLookup): void {
  const resolved = directory.usableKey(envelope.keyId, envelope.createdAtUnixMs);
  if (!resolved) throw new RejectionError('UNKNOWN_KEY', unusableKeyReason(directory, envelope.keyId, envelope.createdAtUnixMs));
  if (resolved.entry.owner !== envelope.senderState) {
    throw new RejectionError('KEY_NOT_OWNED_BY_SENDER', `key_id "${envelope.keyId}" belongs to ${resolved.entry.owner}, not ${envelope.senderState}`);
  }
  if (envelope.signature.byteLength !== LIMITS.ed25519SignatureBytes) {
    throw new RejectionError('SIGNATURE_INVALID', `signature is ${envelope.signature.byteLength} bytes; Ed25519 signatures are 64`);
  }
  if (!verify(null, envelopeSigningInput(envelope), resolved.key, envelope.signature)) {
    throw new RejectionError('SIGNATURE_INVALID', `signature by ${envelope.keyId} does not verify over message ${envelope.messageId}`);
  }
}
