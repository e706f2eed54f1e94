// Verifying a trail, with no broker: the records as read (stream order or file lines) and the
// key directory in, a report out that names every changed, removed, reordered or inserted entry
// and every checkpoint that does not hold. Entries after the last valid checkpoint are reported
// as not yet covered: that is not a failure, but a truncation of that tail cannot be seen.
import type { KeyDirectory } from '../core/mod.ts';
import { checkCheckpoints, checkStretches } from './trail-checkpoints.ts';
import { checkContent, checkLinks } from './trail-links.ts';
import { checkOrder } from './trail-order.ts';
import type { TrailProblem } from './trail-problems.ts';
import { readSlots } from './trail-records.ts';

export interface VerifyTrailOptions {
  /** The state whose trail this is: every entry, and every checkpoint's key, must be its. */
  readonly state: string;
  readonly directory: KeyDirectory;
  /**
   * When set, more than this many entries in a row without a valid checkpoint after them (the
   * tail included) is a problem. Writers with a key checkpoint every 100 entries by default.
   */
  readonly maxEntriesBetweenCheckpoints?: number;
}

export interface TrailVerification {
  readonly ok: boolean;
  /** Records checked. */
  readonly entries: number;
  /** Checkpoints that hold. */
  readonly checkpoints: number;
  /** Seq of the last checkpoint that holds; 0 when there is none. */
  readonly lastCheckpointSeq: number;
  /** Entries after that checkpoint: consistent, but not yet signed. */
  readonly uncoveredEntries: number;
  /** In the order of the records they were found at. */
  readonly problems: readonly TrailProblem[];
}

export function verifyTrail(records: readonly unknown[], options: VerifyTrailOptions): TrailVerification {
  const read = readSlots(records);
  const order = checkOrder(read.slots);
  const content = checkContent(order.chain, options.state);
  const links = checkLinks(order.chain, content.intact);
  const checkpoints = checkCheckpoints(order.chain, options.state, options.directory);
  const stretches = checkStretches(order.chain, checkpoints.valid, options.maxEntriesBetweenCheckpoints ?? 0);
  const problems = [...read.problems, ...order.problems, ...content.problems, ...links, ...checkpoints.problems, ...stretches]
    .sort((a, b) => a.position - b.position);
  const lastCheckpointSeq = checkpoints.valid.at(-1) ?? 0;
  return {
    ok: problems.length === 0,
    entries: records.length,
    checkpoints: checkpoints.valid.length,
    lastCheckpointSeq,
    uncoveredEntries: order.chain.filter((slot) => slot.seq > lastCheckpointSeq).length,
    problems,
  };
}
