// The directory of public keys: which key id belongs to which state, and when it may sign. A
// KeyDirectory is an immutable snapshot; a live directory (live-key-directory.ts) swaps whole
// snapshots, so a verification never sees half of an update.
import type { KeyObject } from 'node:crypto';
import { keyStatusAt, type KeyStatus } from './key-status.ts';
import { publicKeyObject } from './signing-keys.ts';

export interface DirectoryEntry {
  readonly keyId: string;
  /** The owning state's ISO code, or HUB. */
  readonly owner: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  /** Unix ms from which the key may sign. */
  readonly notBeforeUnixMs: number;
  /** Unix ms after which the key may no longer sign (a rotation's overlap end); 0 for no end. */
  readonly notAfterUnixMs: number;
  readonly revoked: boolean;
  /** When the operator revoked it (0 or absent when not revoked). */
  readonly revokedAtUnixMs?: number | undefined;
  /** The operator's words on why ('' or absent when not revoked). */
  readonly revocationReason?: string | undefined;
}

export interface ResolvedKey {
  readonly entry: DirectoryEntry;
  readonly key: KeyObject;
}

/** What verifying a signature needs of a directory; a snapshot and a live directory both answer it. */
export interface KeyLookup {
  /** The key if it exists and is valid at `atUnixMs`. */
  usableKey(keyId: string, atUnixMs: number): ResolvedKey | undefined;
  /** The key's standing at `atUnixMs`, or 'unknown' when the directory does not hold it. */
  keyStatus(keyId: string, atUnixMs: number): KeyStatus | 'unknown';
  entry(keyId: string): DirectoryEntry | undefined;
  list(): readonly DirectoryEntry[];
}

export class KeyDirectory implements KeyLookup {
  private readonly entries: ReadonlyMap<string, ResolvedKey>;

  constructor(entries: readonly DirectoryEntry[] = []) {
    this.entries = new Map(entries.map((entry) => [entry.keyId, { entry: Object.freeze({ ...entry }), key: publicKeyObject(Buffer.from(entry.publicKey, 'base64')) }]));
    Object.freeze(this);
  }

  usableKey(keyId: string, atUnixMs: number): ResolvedKey | undefined {
    const resolved = this.entries.get(keyId);
    return resolved && keyStatusAt(resolved.entry, atUnixMs) === 'valid' ? resolved : undefined;
  }

  keyStatus(keyId: string, atUnixMs: number): KeyStatus | 'unknown' {
    const resolved = this.entries.get(keyId);
    return resolved ? keyStatusAt(resolved.entry, atUnixMs) : 'unknown';
  }

  entry(keyId: string): DirectoryEntry | undefined {
    return this.entries.get(keyId)?.entry;
  }

  list(): readonly DirectoryEntry[] {
    return [...this.entries.values()].map((resolved) => resolved.entry);
  }
}

export function directoryEntryFor(key: { keyId: string; owner: string; publicKey: Uint8Array }, notBeforeUnixMs = 0): DirectoryEntry {
  return {
    keyId: key.keyId,
    owner: key.owner,
    publicKey: Buffer.from(key.publicKey).toString('base64'),
    notBeforeUnixMs,
    notAfterUnixMs: 0,
    revoked: false,
  };
}
