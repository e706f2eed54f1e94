// A fingerprint of what a message says, not of how its bytes happen to be laid out: the decoded
// payload re-encoded drops unknown fields and fixes field order, so appending a field or
// re-encoding differently does not make TLP:RED or AMBER+STRICT content look new.
import { createHash } from 'node:crypto';
import { type DecodedPayload, encodePayload, type PayloadByName } from '../core/mod.ts';

export function contentDigest(decoded: DecodedPayload): string {
  const canonical = encodePayload(decoded.name, decoded.message as PayloadByName[typeof decoded.name]);
  return createHash('sha256').update(`${decoded.name}\u0000`).update(canonical).digest('hex');
}

export function envelopeDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
