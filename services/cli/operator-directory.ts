// The hub operator's side of the key directory, on disk and towards the hub: the operator key
// (made once, never replaced), the signed directory.json (each change the next version), and
// publishing a version into a running deployment's TIP_KEY_DIRECTORY bucket.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { natsConnectOptions } from '../nats-client/mod.ts';
import {
  type DirectoryEntry, generateSigningKey, isSignedDirectoryFile, keyFilePath, nextDirectory, OPERATOR_KEY_OWNER, readKeyDirectory,
  readSignedDirectory, readSigningKey, type SignedDirectory, signDirectory, type SigningKey, writeSignedDirectory, writeSigningKey,
} from '../core/mod.ts';
import { publishKeyDirectory, readHubServicesConfig } from '../router/mod.ts';

const exists = (path: string) => access(path).then(() => true, () => false);

export function directoryFilePath(folder: string): string {
  return join(folder, 'directory.json');
}

/** The operator key of the folder, made (exclusively, mode 0600) on first use. */
export async function operatorKeyOf(folder: string): Promise<{ key: SigningKey; made: boolean }> {
  const path = keyFilePath(folder, OPERATOR_KEY_OWNER);
  if (await exists(path)) return { key: await readSigningKey(path), made: false };
  const key = generateSigningKey(OPERATOR_KEY_OWNER);
  await writeSigningKey(folder, key, { exclusive: true });
  return { key, made: true };
}

export interface DirectoryOnDisk {
  /** The signed version in the file, if it is signed. */
  readonly signed: SignedDirectory | undefined;
  readonly entries: readonly DirectoryEntry[];
}

export async function readDirectoryOnDisk(folder: string): Promise<DirectoryOnDisk> {
  const path = directoryFilePath(folder);
  if (!(await exists(path))) return { signed: undefined, entries: [] };
  if (await isSignedDirectoryFile(path)) {
    const signed = await readSignedDirectory(path);
    return { signed, entries: signed.keys };
  }
  return { signed: undefined, entries: await readKeyDirectory(path) };
}

/** Signs the entries as the next version after `previous` and writes directory.json whole. */
export async function writeNextDirectory(folder: string, operatorKey: SigningKey, previous: SignedDirectory | undefined, entries: readonly DirectoryEntry[]): Promise<SignedDirectory> {
  const signed = signDirectory(nextDirectory(previous, entries, Date.now()), operatorKey);
  await writeSignedDirectory(directoryFilePath(folder), signed);
  return signed;
}

/** The hub services config `tipnet up` wrote in its run folder: how the operator reaches the hub. */
export function hubServicesConfigPath(runDir: string): string {
  return join(runDir, 'hub-services.json');
}

/** Puts the signed directory into the deployment's hub bucket; false when no deployment runs there. */
export async function publishToDeployment(runDir: string, signed: SignedDirectory): Promise<boolean> {
  const configPath = hubServicesConfigPath(runDir);
  if (!(await exists(configPath))) return false;
  const config = readHubServicesConfig(configPath);
  const nc = await connect({ ...natsConnectOptions(config), name: 'tipnet keys (hub operator)', timeout: 5_000 });
  try {
    await publishKeyDirectory(nc, signed, config.replicas);
  } finally {
    await nc.close();
  }
  return true;
}
