// The key directory a long-running process verifies with, replaced whole when a newer signed
// directory is applied: every lookup reads one immutable snapshot, so a swap is atomic (no
// verification sees half of an update) and needs no lock. No I/O here; the router and the node
// feed it (services/router/key-directory-source.ts, services/node/key-directory-follower.ts).
import { judgeDirectoryUpdate, type DirectoryUpdateVerdict } from './directory-update.ts';
import { KeyDirectory, type DirectoryEntry, type KeyLookup, type ResolvedKey } from './key-directory.ts';
import type { KeyStatus } from './key-status.ts';
import type { OperatorAnchor, SignedDirectory } from './signed-directory.ts';

export class LiveKeyDirectory implements KeyLookup {
  private snapshot: KeyDirectory;
  private signed: SignedDirectory | undefined;

  /** Starts from a signed directory (already judged), or from an unsigned one until the first update. */
  constructor(private readonly anchor: OperatorAnchor, initial: SignedDirectory | readonly DirectoryEntry[]) {
    if (isSigned(initial)) {
      this.snapshot = new KeyDirectory(initial.keys);
      this.signed = initial;
    } else {
      this.snapshot = new KeyDirectory(initial);
    }
  }

  /** The version in use; undefined while the directory is the unsigned one it started from. */
  get version(): number | undefined {
    return this.signed?.version;
  }

  /** The signed directory in use, to hand on or persist. */
  current(): SignedDirectory | undefined {
    return this.signed;
  }

  /** Applies `candidate` if the rules allow it (directory-update.ts); the verdict says what happened. */
  offer(candidate: SignedDirectory): DirectoryUpdateVerdict {
    const verdict = judgeDirectoryUpdate(this.version, candidate, this.anchor);
    if (verdict.kind === 'apply') {
      const next = new KeyDirectory(candidate.keys);
      this.signed = candidate;
      this.snapshot = next;
    }
    return verdict;
  }

  usableKey(keyId: string, atUnixMs: number): ResolvedKey | undefined {
    return this.snapshot.usableKey(keyId, atUnixMs);
  }

  keyStatus(keyId: string, atUnixMs: number): KeyStatus | 'unknown' {
    return this.snapshot.keyStatus(keyId, atUnixMs);
  }

  entry(keyId: string): DirectoryEntry | undefined {
    return this.snapshot.entry(keyId);
  }

  list(): readonly DirectoryEntry[] {
    return this.snapshot.list();
  }
}

function isSigned(value: SignedDirectory | readonly DirectoryEntry[]): value is SignedDirectory {
  return !Array.isArray(value);
}
