// A checkpoint signs the chain so far with the state's Ed25519 key. The signed text is fixed and
// domain-separated, so the signature can never be replayed as an envelope's or anything else's:
//   "tipnet/audit-checkpoint/v1\n<state>\n<seq>\n<atUnixMs>\n<keyId>\n<prev>"
// where seq, atUnixMs and keyId are the checkpoint entry's own, and prev is the hash of the
// entry before it, which by the chain stands for every entry before it.
import { sign, verify } from 'node:crypto';
import type { KeyDirectory, SigningKey } from '../core/mod.ts';

export const CHECKPOINT_CONTEXT = 'tipnet/audit-checkpoint/v1';

export interface CheckpointFields {
  readonly state: string;
  readonly seq: number;
  readonly atUnixMs: number;
  readonly keyId: string;
  readonly prev: string;
}

export function checkpointSigningText(fields: CheckpointFields): string {
  return [CHECKPOINT_CONTEXT, fields.state, String(fields.seq), String(fields.atUnixMs), fields.keyId, fields.prev].join('\n');
}

/** Base64 Ed25519 signature over the checkpoint's signing text. */
export function signCheckpoint(fields: Omit<CheckpointFields, 'keyId'>, key: SigningKey): { keyId: string; signature: string } {
  const text = checkpointSigningText({ ...fields, keyId: key.keyId });
  return { keyId: key.keyId, signature: sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64') };
}

export interface CheckpointFault {
  /** 'key': not a usable key of this state; 'signature': the key is right, the signed text is not. */
  readonly reason: 'state' | 'key' | 'signature';
  /** Completes "checkpoint entry <seq> ...". */
  readonly message: string;
}

/** Why the checkpoint does not hold, or undefined when it does. */
export function checkpointFault(fields: CheckpointFields & { signature: string }, state: string, directory: KeyDirectory): CheckpointFault | undefined {
  if (fields.state !== state) return { reason: 'state', message: `is for ${fields.state}, not ${state}` };
  const resolved = directory.usableKey(fields.keyId, fields.atUnixMs);
  if (!resolved) {
    return { reason: 'key', message: `is signed with key ${fields.keyId}, which the key directory does not hold as valid at ${new Date(fields.atUnixMs).toISOString()}` };
  }
  if (resolved.entry.owner !== state) return { reason: 'key', message: `is signed with key ${fields.keyId} of ${resolved.entry.owner}, not with one of ${state}'s keys` };
  const signature = Buffer.from(fields.signature, 'base64');
  if (verify(null, Buffer.from(checkpointSigningText(fields), 'utf8'), resolved.key, signature)) return undefined;
  return { reason: 'signature', message: `has a signature by ${fields.keyId} that does not verify over the chain as it now stands` };
}
