// The hub's directory of public keys: which key id belongs to which state, and when it is valid.
import type { KeyObject } from 'node:crypto';
import { publicKeyObject } from './signing-keys.ts';

export interface DirectoryEntry {
  readonly keyId: string;
  readonly owner: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  /** Unix ms from which the key may sign. */
  readonly notBeforeUnixMs: number;
  /** Unix ms after which the key may no longer sign; 0 for no end. */
  readonly notAfterUnixMs: number;
  readonly revoked: boolean;
}

export interface ResolvedKey {
  readonly entry: DirectoryEntry;
  readonly key: KeyObject;
}

export class KeyDirectory {
  private readonly entries = new Map<string, ResolvedKey>();

  constructor(entries: readonly DirectoryEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: DirectoryEntry): void {
    this.entries.set(entry.keyId, { entry, key: publicKeyObject(Buffer.from(entry.publicKey, 'base64')) });
  }

  /** The key if it exists, is not revoked, and `atUnixMs` falls in its validity window. */
  usableKey(keyId: string, atUnixMs: number): ResolvedKey | undefined {
    const resolved = this.entries.get(keyId);
    if (!resolved) return undefined;
    const { entry } = resolved;
    if (entry.revoked || atUnixMs < entry.notBeforeUnixMs) return undefined;
    if (entry.notAfterUnixMs !== 0 && atUnixMs > entry.notAfterUnixMs) return undefined;
    return resolved;
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
