// The planned messages a later one may refer to (a retraction's target, the rescue a repatriation
// notice reports on), kept in plan order. The planner picks "the k-th of the messages older than
// T that nothing refers to yet"; scanning the whole plan for that on every step made planning
// cubic. Here a message waits (ordered by time) until it is old enough, then sits in a Fenwick
// tree over plan positions, so counting, picking the k-th and removing take log time, and the
// seeded pick lands on the same message as picking from the filtered plan.

export class CandidatePool {
  /** Fenwick tree (1-based) counting the candidates at each plan position. */
  private readonly tree: Int32Array;
  private readonly inTree: Uint8Array;
  private readonly referred: Uint8Array;
  private readonly waiting = new TimeHeap();
  private size = 0;

  constructor(capacity: number) {
    this.tree = new Int32Array(capacity + 1);
    this.inTree = new Uint8Array(capacity);
    this.referred = new Uint8Array(capacity);
  }

  /** A message that becomes a candidate once it is older than the threshold given to `count`. */
  offer(seq: number, atMs: number): void {
    this.waiting.push(atMs, seq);
  }

  /** A message something now refers to: it is no candidate any more, now or later. */
  remove(seq: number): void {
    this.referred[seq] = 1;
    if (this.inTree[seq] === 1) {
      this.inTree[seq] = 0;
      this.addAt(seq, -1);
    }
  }

  /** How many candidates were planned before `beforeMs` (the threshold only ever grows). */
  count(beforeMs: number): number {
    for (let seq = this.waiting.popBefore(beforeMs); seq !== undefined; seq = this.waiting.popBefore(beforeMs)) {
      if (this.referred[seq] === 1) continue;
      this.inTree[seq] = 1;
      this.addAt(seq, 1);
    }
    return this.size;
  }

  /** The plan position of the index-th candidate (0-based) in plan order. */
  at(index: number): number {
    let position = 0;
    let remaining = index + 1;
    for (let step = highestPowerOfTwo(this.tree.length - 1); step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && (this.tree[next] as number) < remaining) {
        position = next;
        remaining -= this.tree[next] as number;
      }
    }
    return position; // the 1-based position found is position + 1, i.e. seq = position
  }

  private addAt(seq: number, delta: number): void {
    this.size += delta;
    for (let i = seq + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] as number) + delta;
  }
}

function highestPowerOfTwo(n: number): number {
  let power = 1;
  while (power * 2 <= n) power *= 2;
  return n < 1 ? 0 : power;
}

/** A binary min-heap of plan positions by planned time. */
class TimeHeap {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];

  push(atMs: number, seq: number): void {
    let i = this.times.length;
    this.times.push(atMs);
    this.seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.times[parent] as number) <= atMs) break;
      this.move(parent, i);
      i = parent;
    }
    this.times[i] = atMs;
    this.seqs[i] = seq;
  }

  /** Takes out one position planned before `beforeMs`, if any. */
  popBefore(beforeMs: number): number | undefined {
    if (this.times.length === 0 || (this.times[0] as number) >= beforeMs) return undefined;
    const top = this.seqs[0];
    const lastTime = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    if (this.times.length > 0) this.siftDown(lastTime, lastSeq);
    return top;
  }

  private siftDown(atMs: number, seq: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.times.length) break;
      const right = left + 1;
      const child = right < this.times.length && (this.times[right] as number) < (this.times[left] as number) ? right : left;
      if ((this.times[child] as number) >= atMs) break;
      this.move(child, i);
      i = child;
    }
    this.times[i] = atMs;
    this.seqs[i] = seq;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
  }
}
