// Order: the records should run seq 1, 2, 3... A seq seen twice is an insertion; records out of
// sequence are found as those outside the longest increasing run of seqs, so one entry moved far
// away is one problem (not one per entry it jumped over), and two swapped entries are named as a pair.
import { problem, type TrailProblem, type TrailSlot } from './trail-problems.ts';

export interface OrderFindings<Entry> {
  readonly problems: TrailProblem[];
  /** One slot per seq (the first seen), sorted by seq: the chain as its positions say it should be. */
  readonly chain: TrailSlot<Entry>[];
}

export function checkOrder<Entry>(slots: readonly TrailSlot<Entry>[]): OrderFindings<Entry> {
  const problems: TrailProblem[] = [];
  const firstBySeq = new Map<number, TrailSlot<Entry>>();
  const unique: TrailSlot<Entry>[] = [];
  for (const slot of slots) {
    const first = firstBySeq.get(slot.seq);
    if (first) {
      problems.push(problem(slot.position, slot.seq, 'inserted', `entry ${slot.seq} appears twice: at position ${first.position} and again at position ${slot.position}`));
      continue;
    }
    firstBySeq.set(slot.seq, slot);
    unique.push(slot);
  }
  const inOrder = longestIncreasingRun(unique.map((slot) => slot.seq));
  unique.forEach((slot, index) => {
    if (!inOrder.has(index)) problems.push(problem(slot.position, slot.seq, 'reordered', outOfOrderMessage(unique, index)));
  });
  return { problems, chain: [...unique].sort((a, b) => a.seq - b.seq) };
}

function outOfOrderMessage(slots: readonly TrailSlot<unknown>[], index: number): string {
  const seq = slots[index]!.seq;
  const before = slots[index - 1];
  const after = slots[index + 1];
  if (before?.seq === seq + 1) return `entries ${seq} and ${seq + 1} are out of order: ${seq + 1} comes before ${seq}`;
  if (after?.seq === seq - 1) return `entries ${seq - 1} and ${seq} are out of order: ${seq} comes before ${seq - 1}`;
  if (before) return `entry ${seq} is out of order: it comes after entry ${before.seq} (position ${before.position})`;
  return `entry ${seq} is out of order: it comes before entry ${after?.seq ?? '?'}`;
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, n log n). */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const parent: number[] = [];
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    parent[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails.at(-1) ?? -1; index >= 0; index = parent[index]!) kept.add(index);
  return kept;
}
