// Keys of a local deployment: one Ed25519 signing key per state and for the hub (private files
// mode 0600), the hub operator's key and the key directory it signs (version 1; `tipnet keys
// rotate|revoke` publish the next ones), and the regional matching key for keyed hashes, which
// belongs to the states and is never handed to the hub services.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateKeyRing, generateMatchingKey, generateSigningKey, HUB_SENDER, type KeyDirectory, keyFilePath, type MatchingKey, nextDirectory, OPERATOR_KEY_OWNER, signDirectory, type SigningKey,
  writeMatchingKeyFile, writeSignedDirectory, writeSigningKey,
} from '../core/mod.ts';

export interface DeploymentKeys {
  readonly folder: string;
  readonly signingKeys: Readonly<Record<string, SigningKey>>;
  readonly directory: KeyDirectory;
  /** The operator-signed directory (version 1). */
  readonly directoryFile: string;
  /** The hub operator's public key, base64 of the raw 32 bytes: pinned in hub services and node configs. */
  readonly operatorPublicKey: string;
  readonly matchingKey: MatchingKey;
  readonly matchingKeyFile: string;
  signingKeyFile(owner: string): string;
}

export async function createDeploymentKeys(folder: string, states: readonly string[]): Promise<DeploymentKeys> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { signingKeys, directory } = generateKeyRing([...states, HUB_SENDER]);
  for (const key of Object.values(signingKeys)) await writeSigningKey(folder, key, { exclusive: true });
  const operatorKey = generateSigningKey(OPERATOR_KEY_OWNER);
  await writeSigningKey(folder, operatorKey, { exclusive: true });
  const directoryFile = join(folder, 'directory.json');
  await writeSignedDirectory(directoryFile, signDirectory(nextDirectory(undefined, directory.list(), Date.now()), operatorKey));
  // The same file `tipnet keys matching` makes, so `tipnet keys matching --rotate --out` rotates it in place.
  const matchingKey = generateMatchingKey(Date.now());
  const matchingKeyFile = join(folder, 'matching-key.json');
  await writeMatchingKeyFile(matchingKeyFile, { current: matchingKey }, { replace: false });
  return {
    folder,
    signingKeys,
    directory,
    directoryFile,
    operatorPublicKey: Buffer.from(operatorKey.publicKey).toString('base64'),
    matchingKey,
    matchingKeyFile,
    signingKeyFile: (owner) => keyFilePath(folder, owner),
  };
}
