// `tipnet keys matching`: the regional matching key file the member states hash identifiers with.
// Made once by one operator and copied to every state's node (never to the hub); rotated with an
// overlap during which both keys match, so states can take the new file one after another. A
// running node follows its file (services/node/matching-key-follower.ts); no restart is needed.
import { resolve } from 'node:path';
import {
  describeMatchingKeys, generateMatchingKey, MatchingKeyFileError, MatchingKeyFileExistsError, MatchingKeyRotationError, readMatchingKeyFile,
  rotateMatchingKeys, writeMatchingKeyFile,
} from '../../core/mod.ts';
import { parseDuration } from '../../drill/mod.ts';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export const DEFAULT_MATCHING_KEY_FILE = '.tipnet/keys/matching-key.json';
export const DEFAULT_MATCHING_OVERLAP = '30d';

function refuse(message: string): number {
  console.error(`tipnet keys matching: ${message}`);
  return 2;
}

export async function matchingKeyCommand(values: Values): Promise<number> {
  const path = resolve(String(values.out ?? DEFAULT_MATCHING_KEY_FILE));
  try {
    return values.rotate === true ? await rotate(path, values) : await create(path, values.force === true);
  } catch (error) {
    if (error instanceof MatchingKeyFileError || error instanceof MatchingKeyFileExistsError || error instanceof MatchingKeyRotationError) {
      return refuse(error.message);
    }
    throw error;
  }
}

async function create(path: string, force: boolean): Promise<number> {
  const keys = { current: generateMatchingKey(Date.now()) };
  await writeMatchingKeyFile(path, keys, { replace: force });
  console.log(`matching key ${keys.current.id} written to ${path} (mode 0600)${force ? ', replacing the file that was there' : ''}`);
  console.log('copy it to every member state\'s node (its matchingKeyFile), never to the hub');
  return 0;
}

async function rotate(path: string, values: Values): Promise<number> {
  const overlapText = String(values.overlap ?? DEFAULT_MATCHING_OVERLAP);
  const overlapMs = parseDuration(overlapText);
  if (overlapMs === undefined || overlapMs <= 0) return refuse(`--overlap: "${overlapText}" is not a duration such as 90m, 24h or 30d`);
  const nowMs = Date.now();
  const before = await readMatchingKeyFile(path);
  const after = rotateMatchingKeys(before, generateMatchingKey(nowMs), { overlapMs, nowMs, endOverlapNow: values.force === true });
  await writeMatchingKeyFile(path, after, { replace: true });
  const { currentKeyId, previousKeyId, previousUntil } = describeMatchingKeys(after);
  console.log(`matching key rotated in ${path}: new key ${currentKeyId}; ${previousKeyId} still matches until ${previousUntil}`);
  console.log('copy the file to every member state\'s node before then (never to the hub); running nodes take it without a restart');
  return 0;
}
