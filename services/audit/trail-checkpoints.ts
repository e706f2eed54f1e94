// Checkpoints: each must be signed by a key the directory holds for this state, over the chain as
// it stands. An attacker who changes entries and recomputes every hash after them keeps the chain
// consistent, but cannot re-sign: the next checkpoint fails and names the stretch it covered.
// Optionally, a stretch longer than a writer would leave unsigned is a problem too: it is what a
// rewrite that dropped the checkpoints altogether looks like.
import type { KeyDirectory } from '../core/mod.ts';
import { checkpointFault } from './checkpoint-signature.ts';
import { entryRange, problem, type TrailProblem } from './trail-problems.ts';
import type { EntrySlot } from './trail-records.ts';

export interface CheckpointFindings {
  readonly problems: TrailProblem[];
  /** Seqs of the checkpoints that hold, ascending. */
  readonly valid: number[];
}

export function checkCheckpoints(chain: readonly EntrySlot[], state: string, directory: KeyDirectory): CheckpointFindings {
  const problems: TrailProblem[] = [];
  const valid: number[] = [];
  for (const { position, seq, entry } of chain) {
    if (entry?.action !== 'checkpoint' || entry.keyId === undefined || entry.signature === undefined) continue;
    const fault = checkpointFault({ ...entry, keyId: entry.keyId, signature: entry.signature }, state, directory);
    if (!fault) {
      valid.push(seq);
      continue;
    }
    const covered = fault.reason === 'signature' ? rewrittenStretch((valid.at(-1) ?? 0) + 1, seq - 1) : '';
    problems.push(problem(position, seq, 'bad-checkpoint', `checkpoint entry ${seq} ${fault.message}${covered}`));
  }
  return { problems, valid };
}

function rewrittenStretch(first: number, last: number): string {
  if (first > last) return ': the checkpoint was forged';
  const which = first === last ? `entry ${first}` : `an entry among entries ${first} to ${last}`;
  return `: ${which} was changed and the hashes after it recomputed, or the checkpoint was forged`;
}

/** Stretches of more than `max` entries with no valid checkpoint after them (the tail included). */
export function checkStretches(chain: readonly EntrySlot[], valid: readonly number[], max: number): TrailProblem[] {
  const last = chain.at(-1);
  if (!last || max <= 0) return [];
  const problems: TrailProblem[] = [];
  let start = 1;
  for (const end of [...valid, last.seq + 1]) {
    const length = end - start;
    if (length > max) {
      const first = chain.find((slot) => slot.seq >= start);
      problems.push(problem(first?.position ?? 1, start, 'missing-checkpoint',
        `${entryRange(start, end - 1)} have no valid checkpoint: more than ${max} entries in a row unsigned (a rewrite that dropped the checkpoints looks like this)`));
    }
    start = end + 1;
  }
  return problems;
}
