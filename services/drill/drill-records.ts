// What a running drill writes down; the report is computed from these alone.
import type { StateCode } from '../core/mod.ts';
import type { BadInject } from './bad-injects.ts';
import type { Observation } from './inbox-observer.ts';
import type { OfficerStats } from './officer-simulation.ts';
import type { PlannedMessage } from './traffic-plan.ts';

export interface SentRecord {
  readonly planned: PlannedMessage;
  readonly submittedAtWallMs: number;
  /** Set when the node refused to send it (it never left the state). */
  readonly error?: string;
  /** Assistance requests: the deadline, wall-clock Unix ms. */
  readonly deadlineWallMs?: number;
}

export interface FaultRecord {
  readonly kind: string;
  readonly target: string;
  readonly atDrillMs: number;
  readonly startWallMs: number;
  endWallMs: number;
  readonly happened: string;
  /** Set when what the fault stopped could not be started again. */
  restoreFailed?: string;
  /** For malformed and spoofed faults: the injects. */
  readonly injects?: BadInject[];
}

export interface EscalationRecord {
  readonly state: string;
  readonly requestMessageId: string;
  readonly atWallMs: number;
}

export interface DeadLetterRecord {
  readonly reason: string;
  readonly messageId: string;
}

export interface DrillRecords {
  readonly scenarioName: string;
  readonly drillId: string;
  readonly seed: number;
  readonly speed: number;
  readonly participants: readonly StateCode[];
  /** Every state with a leaf on the hub, participants or not. */
  readonly hubStates: readonly StateCode[];
  readonly startedAtWallMs: number;
  readonly trafficEndsAtWallMs: number;
  readonly endedAtWallMs: number;
  readonly sent: readonly SentRecord[];
  readonly observations: readonly Observation[];
  readonly faults: readonly FaultRecord[];
  readonly escalations: readonly EscalationRecord[];
  readonly deadLetters: readonly DeadLetterRecord[];
  /**
   * What the simulated liaison officers did, per state, by their own tally. The report's figures
   * come from the witness's observations instead (an officer also reads the drill-control message,
   * and its last acknowledgements may still be on their way when the drill ends).
   */
  readonly officers: Readonly<Record<string, Readonly<OfficerStats>>>;
  readonly errors: readonly string[];
  /** Absent in records of drills before --against existed: self-contained, every officer simulated. */
  readonly conduct?: DrillConduct;
}

/** How the drill was conducted: on its own topology, or against a deployment that runs already. */
export interface DrillConduct {
  readonly mode: 'self-contained' | 'against';
  /** With --against: the deployment folder. */
  readonly deployment?: string;
  /** Per participant: whose officers acknowledged and answered. */
  readonly officers: Readonly<Record<string, 'simulated' | 'people'>>;
  /** Scenario faults left out, each with why (the drill does not own a deployment it came to). */
  readonly skippedFaults: readonly SkippedFault[];
}

export interface SkippedFault {
  readonly kind: string;
  readonly target: string;
  readonly atDrillMs: number;
  readonly why: string;
}
