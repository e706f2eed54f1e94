// `tipnet keys rotate` and `tipnet keys revoke`: the hub operator changes the directory, signs the
// next version with the operator key, writes it to directory.json and publishes it to the running
// deployment's hub (TIP_KEY_DIRECTORY), from where the hub services and every node pick it up.
// A rotated-out private key is kept beside the new one under its key id, never overwritten.
import { access, rename } from 'node:fs/promises';
import { keyFilePath, generateSigningKey, isStateCode, readSigningKey, retiredKeyFilePath, REVOCATION_REASON_MAX, revokeKey, rotateKey, type SignedDirectory, writeSigningKey } from '../../core/mod.ts';
import { parseDuration } from '../../drill/mod.ts';
import { operatorKeyOf, publishToDeployment, readDirectoryOnDisk, writeNextDirectory } from '../operator-directory.ts';

const exists = (path: string) => access(path).then(() => true, () => false);
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Where the keys are and where the deployment runs. */
export interface KeyPlaces {
  readonly keyFolder: string;
  readonly runDir: string;
}

export const DEFAULT_OVERLAP = '24h';

export async function rotateStateKey(values: Values, places: KeyPlaces): Promise<number> {
  const state = String(values.state ?? '').toUpperCase();
  if (!isStateCode(state)) return refuse(`--state: "${state}" is not a state code known to tipnet`);
  const overlapMs = parseDuration(String(values.overlap ?? DEFAULT_OVERLAP));
  if (overlapMs === undefined) return refuse(`--overlap: "${String(values.overlap)}" is not a duration such as 90m, 24h or 7d`);
  const { key: operatorKey } = await operatorKeyOf(places.keyFolder);
  const onDisk = await readDirectoryOnDisk(places.keyFolder);
  const current = keyFilePath(places.keyFolder, state);
  if (await exists(current)) {
    // The old private key stays, renamed after its key id, for what it must still sign during the overlap.
    const old = await readSigningKey(current);
    const kept = retiredKeyFilePath(places.keyFolder, old);
    if (await exists(kept)) return refuse(`${kept} already exists; not replacing a private key`);
    await rename(current, kept);
    console.log(`${state}: old key ${old.keyId} kept in ${kept}, valid until the overlap ends`);
  }
  const key = generateSigningKey(state);
  await writeSigningKey(places.keyFolder, key, { exclusive: true });
  const signed = await writeNextDirectory(places.keyFolder, operatorKey, onDisk.signed, rotateKey(onDisk.entries, key, { nowMs: Date.now(), overlapMs }));
  console.log(`${state}: new key ${key.keyId} written to ${current}; earlier keys valid until ${new Date(Date.now() + overlapMs).toISOString()}`);
  return announce(signed, places);
}

export async function revokeStateKey(values: Values, places: KeyPlaces): Promise<number> {
  const state = String(values.state ?? '').toUpperCase();
  const keyId = String(values['key-id'] ?? '');
  const reason = String(values.reason ?? '').trim();
  if (!isStateCode(state)) return refuse(`--state: "${state}" is not a state code known to tipnet`);
  if (reason === '' || reason.length > REVOCATION_REASON_MAX) return refuse(`--reason: say why in 1 to ${REVOCATION_REASON_MAX} characters (it is quoted to the state in UNKNOWN_KEY refusals)`);
  const { key: operatorKey } = await operatorKeyOf(places.keyFolder);
  const onDisk = await readDirectoryOnDisk(places.keyFolder);
  const entry = onDisk.entries.find((candidate) => candidate.keyId === keyId);
  if (entry && entry.owner !== state) return refuse(`--key-id: ${keyId} belongs to ${entry.owner}, not ${state}`);
  let entries;
  try {
    entries = revokeKey(onDisk.entries, keyId, reason, Date.now());
  } catch (error) {
    return refuse(`--key-id: ${(error as Error).message}`);
  }
  const signed = await writeNextDirectory(places.keyFolder, operatorKey, onDisk.signed, entries);
  console.log(`${state}: key ${keyId} revoked (${reason}); refused from now on with UNKNOWN_KEY`);
  return announce(signed, places);
}

async function announce(signed: SignedDirectory, places: KeyPlaces): Promise<number> {
  console.log(`signed key directory version ${signed.version} written to ${places.keyFolder}/directory.json`);
  if (await publishToDeployment(places.runDir, signed)) {
    console.log(`published to the hub of the deployment in ${places.runDir}; hub services and nodes apply it within seconds`);
  } else {
    console.log(`not published: no deployment in ${places.runDir} (hub-services.json); publish it by running this against the deployment's --dir`);
  }
  return 0;
}

function refuse(message: string): number {
  console.error(`tipnet keys: ${message}`);
  return 2;
}
