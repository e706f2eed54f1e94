// The year replay's books: every case owes five arrivals, and each is counted against the case's
// alert id, so nothing lost and nothing doubled can be checked at the end. Pure: the wiring tells
// it what arrived; it says when a case is complete.
import { performance } from 'node:perf_hooks';

/**
 * What one rescue request IDN sends to a destination brings about (docs/wire-contract.md, section
 * 10): the alert in the destination's inbox, its DELIVERED receipt in IDN's, the destination's READ
 * acknowledgement and its assistance response in IDN's, and the response's DELIVERED receipt in the
 * destination's (acknowledgements get no receipt).
 */
export const CASE_ARRIVALS = ['alert', 'alertReceipt', 'read', 'response', 'responseReceipt'] as const;
export type CaseArrival = (typeof CASE_ARRIVALS)[number];

/** The destination's own replies, as opposed to the hub's receipts. */
const REPLIES: ReadonlySet<CaseArrival> = new Set(['read', 'response']);

export type ArrivalVerdict = 'first' | 'duplicate' | 'unexpected';

export interface YearTallyCounts {
  readonly cases: number;
  readonly completeCases: number;
  /** Arrivals owed and not (yet) seen. */
  readonly lost: number;
  /** Arrivals seen more than once. */
  readonly duplicated: number;
  /** Arrivals of no case of the replay (a rejection, a hit notice, a leftover). */
  readonly unexpected: number;
  readonly arrived: Readonly<Record<CaseArrival, number>>;
  /** performance.now() of the last first arrival of a reply (READ or response), and of anything. */
  readonly lastReplyAtMs: number | undefined;
  readonly lastArrivalAtMs: number | undefined;
}

export class YearTally {
  private readonly seen = new Map<string, Set<CaseArrival>>();
  private readonly waiting = new Map<string, () => void>();
  private readonly arrived = Object.fromEntries(CASE_ARRIVALS.map((kind) => [kind, 0])) as Record<CaseArrival, number>;
  private duplicated = 0;
  private unexpected = 0;
  private completeCases = 0;
  private lastReplyAtMs: number | undefined;
  private lastArrivalAtMs: number | undefined;
  /** The first few unexpected arrivals, described, for the error when a replay stalls. */
  readonly unexpectedSamples: string[] = [];

  /** Registers a case by its alert id; resolves once all of its arrivals are in. Call before sending. */
  expectCase(alertId: string): Promise<void> {
    if (this.seen.has(alertId)) throw new RangeError(`case ${alertId} is expected twice`);
    this.seen.set(alertId, new Set());
    return new Promise((resolve) => this.waiting.set(alertId, resolve));
  }

  /** Counts one arrival of `kind` for the case whose alert is `alertId`. */
  arrive(kind: CaseArrival, alertId: string, atMs = performance.now()): ArrivalVerdict {
    const seen = this.seen.get(alertId);
    if (!seen) {
      this.noteUnexpected(`${kind} for unknown case ${alertId}`);
      return 'unexpected';
    }
    if (seen.has(kind)) {
      this.duplicated += 1;
      return 'duplicate';
    }
    seen.add(kind);
    this.arrived[kind] += 1;
    this.lastArrivalAtMs = atMs;
    if (REPLIES.has(kind)) this.lastReplyAtMs = atMs;
    if (seen.size === CASE_ARRIVALS.length) {
      this.completeCases += 1;
      this.waiting.get(alertId)?.();
      this.waiting.delete(alertId);
    }
    return 'first';
  }

  /** Something arrived that belongs to no case (described without content). */
  noteUnexpected(description: string): void {
    this.unexpected += 1;
    if (this.unexpectedSamples.length < 5) this.unexpectedSamples.push(description);
  }

  counts(): YearTallyCounts {
    const cases = this.seen.size;
    const owed = cases * CASE_ARRIVALS.length;
    const firstArrivals = CASE_ARRIVALS.reduce((sum, kind) => sum + this.arrived[kind], 0);
    return {
      cases,
      completeCases: this.completeCases,
      lost: owed - firstArrivals,
      duplicated: this.duplicated,
      unexpected: this.unexpected,
      arrived: { ...this.arrived },
      lastReplyAtMs: this.lastReplyAtMs,
      lastArrivalAtMs: this.lastArrivalAtMs,
    };
  }
}
