// What `tipnet keys` does to an existing key folder, decided without touching it: a state that
// already has a private key keeps it (unless forced), and the public directory keeps every entry it
// had, adding the new ones. A forced replacement retires the state's earlier keys (not_after = now)
// instead of deleting them, so messages they signed before still verify. Pure.
import type { DirectoryEntry } from '../core/mod.ts';

/** The directory after adding these entries and retiring these owners' earlier keys, in a stable order. */
export function mergeDirectory(existing: readonly DirectoryEntry[], added: readonly DirectoryEntry[], retireOwners: ReadonlySet<string>, nowMs: number): DirectoryEntry[] {
  const addedIds = new Set(added.map((entry) => entry.keyId));
  const kept = existing
    .filter((entry) => !addedIds.has(entry.keyId))
    .map((entry) => (retireOwners.has(entry.owner) && (entry.notAfterUnixMs === 0 || entry.notAfterUnixMs > nowMs) ? { ...entry, notAfterUnixMs: nowMs } : entry));
  return [...kept, ...added].sort((a, b) => a.owner.localeCompare(b.owner) || a.notBeforeUnixMs - b.notBeforeUnixMs || a.keyId.localeCompare(b.keyId));
}
