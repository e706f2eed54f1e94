// A fresh signing key for each owner and the directory of their public keys: what a local
// deployment, the demo, the tests and the bench all start from.
import { directoryEntryFor, KeyDirectory } from './key-directory.ts';
import { generateSigningKey, type SigningKey } from './signing-keys.ts';

export interface KeyRing {
  readonly signingKeys: Readonly<Record<string, SigningKey>>;
  readonly directory: KeyDirectory;
}

export function generateKeyRing(owners: readonly string[]): KeyRing {
  const signingKeys = Object.fromEntries(owners.map((owner) => [owner, generateSigningKey(owner)]));
  return { signingKeys, directory: new KeyDirectory(Object.values(signingKeys).map((key) => directoryEntryFor(key))) };
}
