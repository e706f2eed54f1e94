// What the drill runs against: the states it witnesses and drives, the hub it reads verdicts
// from, the keys its bad injects sign with, and whether it owns the processes (only then can it
// stop leaves, hub servers or the router as faults). Either its own local deployment or one it
// came to (drill-against.ts).
import type { NatsConnection } from '@nats-io/transport-node';
import type { SigningKey, StateCode } from '../core/mod.ts';
import type { LocalDeployment } from '../deployment/mod.ts';
import type { DrillConduct } from './drill-records.ts';
import type { DrillRuntimes } from './drill-runtimes.ts';
import type { StateRuntimes } from './state-runtimes.ts';

export interface DrillTarget {
  /** Every state with a leaf on the hub, participants or not. */
  readonly hubStates: readonly StateCode[];
  readonly runtimes: DrillRuntimes;
  /** The HUB account, for the hub's verdicts (dead letters); undefined when the drill may not read them. */
  readonly hub: NatsConnection | undefined;
  /** Set only when the drill started the deployment itself: process faults need it. */
  readonly local: LocalDeployment | undefined;
  signingKey(state: StateCode): SigningKey | undefined;
  /** The key id a state signs with now (spoofed injects claim it). */
  keyIdOf(state: StateCode): string | undefined;
  readonly conduct: DrillConduct;
}

/** The drill's own deployment: it owns every process, and the simulation plays every officer. */
export function ownDeploymentTarget(deployment: LocalDeployment, runtimes: StateRuntimes, participants: readonly StateCode[]): DrillTarget {
  const keys = deployment.keys.signingKeys;
  return {
    hubStates: deployment.states, runtimes, hub: deployment.hub, local: deployment,
    signingKey: (state) => keys[state],
    keyIdOf: (state) => keys[state]?.keyId,
    conduct: { mode: 'self-contained', officers: Object.fromEntries(participants.map((state) => [state, 'simulated' as const])), skippedFaults: [] },
  };
}
