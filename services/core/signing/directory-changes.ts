// What the hub operator's tools do to the directory, decided without I/O: rotate a state's key
// (the new key valid from now, the old ones until the overlap ends) and revoke a key (refused
// from then on, whatever its messages' created_at). Each result is the next version to sign.
import { directoryEntryFor, type DirectoryEntry } from './key-directory.ts';
import type { DirectoryDocument, SignedDirectory } from './signed-directory.ts';
import type { SigningKey } from './signing-keys.ts';

export interface RotationTimes {
  readonly nowMs: number;
  /** How long the state's earlier keys stay valid beside the new one. */
  readonly overlapMs: number;
}

/** The entries with `newKey` added and its owner's earlier keys ending at now + overlap (or sooner, if they already did). */
export function rotateKey(entries: readonly DirectoryEntry[], newKey: SigningKey, times: RotationTimes): DirectoryEntry[] {
  if (entries.some((entry) => entry.keyId === newKey.keyId)) throw new RangeError(`key ${newKey.keyId} is already in the directory`);
  const overlapEnd = times.nowMs + times.overlapMs;
  const ended = entries.map((entry) => {
    if (entry.owner !== newKey.owner || entry.revoked) return entry;
    const endsLater = entry.notAfterUnixMs === 0 || entry.notAfterUnixMs > overlapEnd;
    return endsLater ? { ...entry, notAfterUnixMs: overlapEnd } : entry;
  });
  return [...ended, directoryEntryFor(newKey, times.nowMs)];
}

/** The entries with `keyId` revoked at `nowMs` for `reason`; an unknown or already revoked key is an error. */
export function revokeKey(entries: readonly DirectoryEntry[], keyId: string, reason: string, nowMs: number): DirectoryEntry[] {
  const target = entries.find((entry) => entry.keyId === keyId);
  if (!target) throw new RangeError(`key ${keyId} is not in the directory; known: ${entries.map((entry) => entry.keyId).join(', ') || 'none'}`);
  if (target.revoked) throw new RangeError(`key ${keyId} is already revoked`);
  return entries.map((entry) => (entry.keyId === keyId ? { ...entry, revoked: true, revokedAtUnixMs: nowMs, revocationReason: reason } : entry));
}

/** The unsigned next version: one above the previous signed directory, in a stable order. */
export function nextDirectory(previous: Pick<SignedDirectory, 'version'> | undefined, keys: readonly DirectoryEntry[], nowMs: number): Omit<DirectoryDocument, 'operatorKeyId'> {
  const ordered = [...keys].sort((a, b) => a.owner.localeCompare(b.owner) || a.notBeforeUnixMs - b.notBeforeUnixMs || a.keyId.localeCompare(b.keyId));
  return { version: (previous?.version ?? 0) + 1, issuedAtUnixMs: nowMs, keys: ordered };
}
