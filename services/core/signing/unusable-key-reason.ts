// The readable words of an UNKNOWN_KEY refusal. One code covers every unusable key (the contract
// keeps it so), but the sender is told which case it is, e.g. that its key was revoked and when.
import type { KeyLookup } from './key-directory.ts';

export function unusableKeyReason(directory: KeyLookup, keyId: string, atUnixMs: number): string {
  const entry = directory.entry(keyId);
  switch (directory.keyStatus(keyId, atUnixMs)) {
    case 'revoked': {
      const at = entry?.revokedAtUnixMs ? ` at ${new Date(entry.revokedAtUnixMs).toISOString()}` : '';
      const why = entry?.revocationReason ? ` (${entry.revocationReason})` : '';
      return `key_id "${keyId}" was revoked${at}${why}`;
    }
    case 'not-yet-valid':
      return `key_id "${keyId}" is not valid before ${new Date(entry?.notBeforeUnixMs ?? 0).toISOString()}, after created_at`;
    case 'expired':
      return `key_id "${keyId}" expired at ${new Date(entry?.notAfterUnixMs ?? 0).toISOString()}, before created_at`;
    default:
      return `key_id "${keyId}" is not in the key directory`;
  }
}
