// Whether a directory entry may sign at a given time. Pure: the envelope check, the audit trail's
// checkpoint check and the operator tools all read a key's standing the same way.
import type { DirectoryEntry } from './key-directory.ts';

/**
 * - valid: the key may sign at that time;
 * - not-yet-valid: before its notBeforeUnixMs;
 * - expired: after its notAfterUnixMs (the end of a rotation's overlap, or a retirement);
 * - revoked: never again, whatever the time (the key may be in someone else's hands).
 */
export type KeyStatus = 'valid' | 'not-yet-valid' | 'expired' | 'revoked';

/** Both bounds are inclusive; notAfterUnixMs 0 means no end. */
export function keyStatusAt(entry: DirectoryEntry, atUnixMs: number): KeyStatus {
  if (entry.revoked) return 'revoked';
  if (atUnixMs < entry.notBeforeUnixMs) return 'not-yet-valid';
  if (entry.notAfterUnixMs !== 0 && atUnixMs > entry.notAfterUnixMs) return 'expired';
  return 'valid';
}
