// The per-state figures of the report: what each participant received and how fast, how fast its
// officers acknowledged, the deadlines it was asked to meet, and the faults aimed at it. Each is
// a slice of a figure the report also shows in total, computed from the same list, so the
// per-state rows add up to the totals.
import { tallyDeadlines, type DeadlineFigures, type RequestOutcome } from './deadline-figures.ts';
import type { DrillRecords } from './drill-records.ts';
import type { FaultOutcome } from './fault-outcome.ts';
import { percentiles, type Percentiles } from './percentiles.ts';

/** One expected delivery: to whom, and its latency (wall ms) if it arrived. */
export interface DeliveryPair {
  readonly recipient: string;
  readonly latencyMs: number | undefined;
}

export interface AckTimes {
  readonly read: Percentiles;
  readonly actioned: Percentiles;
}

export interface StateFigures {
  readonly expectedDeliveries: number;
  readonly delivered: number;
  /** Submit to verified at this state, wall ms. */
  readonly deliveryMs: Percentiles;
  /** This state's acknowledgements as they reached the sender (the report's ackMs[state]). */
  readonly ack: AckTimes;
  /** Assistance requests asked of this state. */
  readonly deadlines: DeadlineFigures;
  /** Faults aimed at this state, as "kind target"; hub-wide faults hit every state and are not listed. */
  readonly faults: readonly string[];
}

const NO_ACKS: AckTimes = { read: percentiles([]), actioned: percentiles([]) };

export interface StateFigureInput {
  readonly records: DrillRecords;
  readonly pairs: readonly DeliveryPair[];
  readonly ackMs: Readonly<Record<string, AckTimes>>;
  readonly requests: readonly RequestOutcome[];
  readonly faults: readonly FaultOutcome[];
}

export function figuresByState({ records, pairs, ackMs, requests, faults }: StateFigureInput): Record<string, StateFigures> {
  const states = [...new Set([...records.participants, ...pairs.map((pair) => pair.recipient)])].sort();
  return Object.fromEntries(states.map((state) => {
    const mine = pairs.filter((pair) => pair.recipient === state);
    const latencies = mine.flatMap((pair) => (pair.latencyMs === undefined ? [] : [pair.latencyMs]));
    const figures: StateFigures = {
      expectedDeliveries: mine.length,
      delivered: latencies.length,
      deliveryMs: percentiles(latencies),
      ack: ackMs[state] ?? NO_ACKS,
      deadlines: tallyDeadlines(requests.filter((request) => request.requested === state), records.officers[state]?.assistanceLeftUnanswered ?? 0),
      faults: faults.filter((fault) => fault.states.includes(state)).map((fault) => `${fault.kind} ${fault.target}`),
    };
    return [state, figures];
  }));
}
