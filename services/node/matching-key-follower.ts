// The node follows its matching key file without a restart: an operator rotates the key (`tipnet
// keys matching --rotate`) or copies in a file from the member states, and the next submission is
// hashed with the new keys. fs.watch on the folder sees most replacements at once; a re-read every
// rereadMs catches what it misses (some editors, network file systems, a rename across folders).
// A file that cannot be read or is invalid is logged (its problems, never a secret) and the keys
// in use are kept, so a half-copied file never stops the node hashing.
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describeMatchingKeys, type Logger, type MatchingKeySet, MatchingKeyFileError, readMatchingKeyFile } from '../core/mod.ts';

export const DEFAULT_MATCHING_KEY_REREAD_MS = 30_000;
/** Changes come in bursts (write, rename, chmod): one re-read after the burst. */
const SETTLE_MS = 100;

export interface MatchingKeyFollower {
  /** The keys in use now (the node asks at every submission). */
  keys(): MatchingKeySet;
  /** Reads the file again; true when the keys in use changed. Never throws. */
  reload(): Promise<boolean>;
  stop(): void;
}

/** What a log line may say of a key set: ids and the overlap's end. */
function logged(path: string, keys: MatchingKeySet): Record<string, string> {
  const { currentKeyId, previousKeyId, previousUntil } = describeMatchingKeys(keys);
  return { file: path, matchingKeyId: currentKeyId, ...(previousKeyId ? { previousMatchingKeyId: previousKeyId, previousUntil: previousUntil ?? '' } : {}) };
}

/** Whether two sets hold the same key ids and overlap end (a re-read of an unchanged file). */
function sameKeys(a: MatchingKeySet, b: MatchingKeySet): boolean {
  return JSON.stringify(describeMatchingKeys(a)) === JSON.stringify(describeMatchingKeys(b))
    && Buffer.from(a.current.secret).equals(Buffer.from(b.current.secret));
}

/** Reads the file once (a node cannot start without a valid key: this throws) and follows it from then on. */
export async function followMatchingKeyFile(path: string, options: { logger: Logger; rereadMs?: number }): Promise<MatchingKeyFollower> {
  let current = await readMatchingKeyFile(path);
  const { logger } = options;
  logger.info(logged(path, current), 'matching key loaded');
  let reading: Promise<boolean> | undefined;
  const reload = (): Promise<boolean> => {
    reading ??= readMatchingKeyFile(path).then((next) => {
      if (sameKeys(current, next)) return false;
      current = next;
      logger.info(logged(path, next), 'matching key file changed: new keys in use');
      return true;
    }, (error: unknown) => {
      const problems = error instanceof MatchingKeyFileError ? error.problems : ['cannot be read'];
      logger.warn({ file: path, detail: problems.join('; '), matchingKeyId: current.current.id }, 'matching key file not usable; the keys in use are kept');
      return false;
    }).finally(() => {
      reading = undefined;
    });
    return reading;
  };
  let settle: NodeJS.Timeout | undefined;
  const soon = () => {
    clearTimeout(settle);
    settle = setTimeout(() => void reload(), SETTLE_MS);
    settle.unref();
  };
  const watcher = watchFolder(path, soon, logger);
  const timer = setInterval(() => void reload(), options.rereadMs ?? DEFAULT_MATCHING_KEY_REREAD_MS);
  timer.unref();
  return {
    keys: () => current,
    reload,
    stop() {
      clearInterval(timer);
      clearTimeout(settle);
      watcher?.close();
    },
  };
}

/** The folder, not the file: a replacement by rename gives the file a new inode a file watch would lose. */
function watchFolder(path: string, changed: () => void, logger: Logger): FSWatcher | undefined {
  const name = basename(path);
  try {
    const watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) changed();
    });
    watcher.on('error', (error) => logger.warn({ err: error }, 'matching key folder watch failed; the periodic re-read goes on'));
    return watcher;
  } catch (error) {
    logger.warn({ err: error }, 'matching key folder cannot be watched; the periodic re-read goes on');
    return undefined;
  }
}
