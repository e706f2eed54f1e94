// Starting a live key directory from files: the signed directory a party was configured with, and
// the newer one it applied and kept since (a node's data folder), if any. Each is judged by the
// same rules as an update from the hub, so a tampered file is refused at start, not trusted.
import { access } from 'node:fs/promises';
import { ConfigurationError } from '../errors.ts';
import { judgeDirectoryUpdate } from './directory-update.ts';
import { readSignedDirectory } from './key-store.ts';
import { LiveKeyDirectory } from './live-key-directory.ts';
import { operatorAnchor } from './signed-directory.ts';

export interface LiveDirectoryFiles {
  /** The signed directory of the configuration (from `tipnet keys` or `tipnet up`). */
  readonly configured: string;
  /** Where the party keeps the newest version it applied; used when present and newer. */
  readonly kept?: string | undefined;
  /** The hub operator's public key, base64 of the raw 32 bytes: the trust anchor. */
  readonly operatorPublicKey: string;
}

export async function openLiveKeyDirectory(files: LiveDirectoryFiles): Promise<LiveKeyDirectory> {
  const anchor = operatorAnchor(files.operatorPublicKey);
  const configured = await readSignedDirectory(files.configured);
  const verdict = judgeDirectoryUpdate(undefined, configured, anchor);
  if (verdict.kind === 'refuse') throw new ConfigurationError(`signed key directory ${files.configured}`, [`${verdict.refusal}: ${verdict.detail}`]);
  const live = new LiveKeyDirectory(anchor, configured);
  if (files.kept !== undefined && (await exists(files.kept))) {
    const kept = live.offer(await readSignedDirectory(files.kept));
    // An older kept copy (the configuration was updated since) is simply not used.
    if (kept.kind === 'refuse' && kept.refusal !== 'NOT_NEWER') throw new ConfigurationError(`kept key directory ${files.kept}`, [`${kept.refusal}: ${kept.detail}`]);
  }
  return live;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
