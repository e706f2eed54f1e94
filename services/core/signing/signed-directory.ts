// The key directory as the hub operator publishes it: every entry, a version that only goes up,
// when it was issued, and the operator's Ed25519 signature over a canonical encoding of all of it
// (docs/wire-contract.md, "The signed key directory"). Nodes and hub services trust a directory
// only when this signature verifies with the operator key pinned in their configuration.
import { sign, verify, type KeyObject } from 'node:crypto';
import { LIMITS } from '../limits.ts';
import { FieldWriter } from './field-writer.ts';
import type { DirectoryEntry } from './key-directory.ts';
import { keyIdFor, publicKeyObject, type SigningKey } from './signing-keys.ts';

/** Domain separation: a directory signature can never pass for an envelope signature, nor back. */
export const DIRECTORY_SIGNING_CONTEXT = 'tipnet/asean.tip.v1/key-directory\n';

/** Owner named in the hub operator's key id and key file; not a state, and never in the directory. */
export const OPERATOR_KEY_OWNER = 'OPERATOR';

export interface DirectoryDocument {
  /** Goes up by at least one with every publication; a node applies only a higher one. */
  readonly version: number;
  readonly issuedAtUnixMs: number;
  /** keyIdFor(OPERATOR, operator public key): which operator key signed it. */
  readonly operatorKeyId: string;
  readonly keys: readonly DirectoryEntry[];
}

export interface SignedDirectory extends DirectoryDocument {
  /** Ed25519 over directorySigningInput(document), base64. */
  readonly signature: string;
}

/** The operator key a node or the hub trusts: its raw public key, as pinned in configuration. */
export interface OperatorAnchor {
  readonly keyId: string;
  readonly key: KeyObject;
}

export function operatorAnchor(publicKeyBase64: string): OperatorAnchor {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.byteLength !== 32) throw new RangeError('the operator public key must be the base64 of 32 raw Ed25519 bytes');
  return { keyId: keyIdFor(OPERATOR_KEY_OWNER, raw), key: publicKeyObject(raw) };
}

export function directorySigningInput(document: DirectoryDocument): Uint8Array {
  const out = new FieldWriter();
  out.raw(Buffer.from(DIRECTORY_SIGNING_CONTEXT, 'ascii'));
  out.int64(document.version);
  out.int64(document.issuedAtUnixMs);
  out.string(document.operatorKeyId);
  out.list(document.keys, (entry) => {
    out.string(entry.keyId);
    out.string(entry.owner);
    out.bytes(Buffer.from(entry.publicKey, 'base64'));
    out.int64(entry.notBeforeUnixMs);
    out.int64(entry.notAfterUnixMs);
    out.uint32(entry.revoked ? 1 : 0);
    out.int64(entry.revokedAtUnixMs ?? 0);
    out.string(entry.revocationReason ?? '');
  });
  return out.finish();
}

/** Signs with the operator's key; the document names that key. */
export function signDirectory(document: Omit<DirectoryDocument, 'operatorKeyId'>, operatorKey: SigningKey): SignedDirectory {
  const named: DirectoryDocument = { ...document, operatorKeyId: operatorKey.keyId };
  const signature = sign(null, directorySigningInput(named), operatorKey.privateKey);
  return { ...named, signature: signature.toString('base64') };
}

/** True when the signature is the anchor's over exactly this document. */
export function directorySignatureVerifies(signed: SignedDirectory, anchor: OperatorAnchor): boolean {
  const signature = Buffer.from(signed.signature, 'base64');
  if (signature.byteLength !== LIMITS.ed25519SignatureBytes) return false;
  return verify(null, directorySigningInput(signed), anchor.key, signature);
}
