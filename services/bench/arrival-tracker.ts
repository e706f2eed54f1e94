// Matches what arrives at the far end to what was sent, by message id, and records the moment of
// arrival when the message is handled, not when an awaiting sender gets round to noticing.
import { performance } from 'node:perf_hooks';

export class ArrivalTracker {
  private readonly waiting = new Map<string, (arrivedAtMs: number) => void>();
  private readonly early = new Map<string, number>();
  /** Arrivals nobody waited for: redeliveries, or leftovers of an earlier phase. */
  unexpected = 0;

  /** Resolves with the performance.now() of the arrival of `id`. Call before sending it. */
  expect(id: string): Promise<number> {
    const arrivedAtMs = this.early.get(id);
    if (arrivedAtMs !== undefined) {
      this.early.delete(id);
      return Promise.resolve(arrivedAtMs);
    }
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  arrived(id: string, arrivedAtMs = performance.now()): void {
    const resolve = this.waiting.get(id);
    if (resolve) {
      this.waiting.delete(id);
      resolve(arrivedAtMs);
    } else {
      this.unexpected += 1;
    }
  }

  get pending(): number {
    return this.waiting.size;
  }
}
