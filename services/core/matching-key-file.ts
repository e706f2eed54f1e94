// Reading and writing the regional matching key file (its format and rotation are in
// matching-keys.ts). Written with mode 0600 through a temporary file and a rename, so a node
// following the file never reads half of it; never overwritten unless the caller says so.
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { type MatchingKeySet, MatchingKeyFileError, matchingKeyFileJson, parseMatchingKeyFile } from './matching-keys.ts';

/** Reads and checks a matching key file; throws MatchingKeyFileError (not found, not JSON, or each bad field). */
export async function readMatchingKeyFile(path: string): Promise<MatchingKeySet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MatchingKeyFileError(path, [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`], { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message may quote the file's text, which holds a secret: only say it is not JSON.
    throw new MatchingKeyFileError(path, ['is not valid JSON']);
  }
  return parseMatchingKeyFile(json, path);
}

export class MatchingKeyFileExistsError extends Error {
  override readonly name = 'MatchingKeyFileExistsError';
  readonly code = 'MATCHING_KEY_FILE_EXISTS';
  constructor(readonly path: string) {
    super(`${path} already exists; not replacing a matching key (--force replaces it, --rotate rotates it)`);
  }
}

/**
 * Writes the key set (mode 0600). With replace false the file must not exist yet (checked
 * atomically: the file is created exclusively); with replace true it is swapped in whole by a rename.
 */
export async function writeMatchingKeyFile(path: string, keys: MatchingKeySet, options: { replace: boolean }): Promise<void> {
  const text = `${JSON.stringify(matchingKeyFileJson(keys), null, 2)}\n`;
  if (!options.replace) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new MatchingKeyFileExistsError(path);
      throw error;
    }
    await chmod(path, 0o600);
    return;
  }
  const temporary = join(dirname(path), `.matching-key-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
