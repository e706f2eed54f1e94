import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CandidatePool, SeededRandom } from '../../services/drill/mod.ts';

describe('the planner\'s candidate pool', () => {
  test('picks the same message as the k-th of the filtered plan, with times out of order and removals', () => {
    const random = new SeededRandom(7);
    const capacity = 2_000;
    const pool = new CandidatePool(capacity);
    const offered: Array<{ seq: number; atMs: number }> = [];
    const removed = new Set<number>();
    let threshold = 0;
    for (let seq = 0; seq < capacity; seq += 1) {
      // Mostly rising times, sometimes one far in the past (a scripted inject drawn late).
      const atMs = random.chance(0.1) ? random.int(0, seq * 10) : seq * 10 + random.int(0, 50);
      if (random.chance(0.7)) {
        pool.offer(seq, atMs);
        offered.push({ seq, atMs });
      }
      threshold += random.int(0, 12);
      const brute = offered.filter((m) => m.atMs < threshold && !removed.has(m.seq)).map((m) => m.seq);
      assert.equal(pool.count(threshold), brute.length);
      if (brute.length > 0 && random.chance(0.3)) {
        const index = random.int(0, brute.length - 1);
        assert.equal(pool.at(index), brute[index]);
        pool.remove(brute[index] as number);
        removed.add(brute[index] as number);
      }
      // A removal of a message not yet old enough keeps it out later too.
      if (offered.length > 0 && random.chance(0.05)) {
        const later = offered[offered.length - 1] as { seq: number };
        pool.remove(later.seq);
        removed.add(later.seq);
      }
    }
  });
});
