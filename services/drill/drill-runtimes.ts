// What the drill's parts need of the states while it runs, whether the drill started the
// deployment itself (StateRuntimes) or came to one that runs already (AttachedRuntimes).
import type { NatsConnection } from '@nats-io/transport-node';
import type { StateCode } from '../core/mod.ts';
import type { DrillNode } from './drill-node.ts';
import type { FaultRecord } from './drill-records.ts';
import type { Observation } from './inbox-observer.ts';
import type { OfficerStats } from './officer-simulation.ts';

export interface DrillRuntimes {
  open(): Promise<void>;
  /** The state's node as the drill uses it; undefined while it is down or for a non-participant. */
  node(state: StateCode): DrillNode | undefined;
  /** The drill's own connection to the state's leaf, as that state's apps. */
  connection(state: StateCode): NatsConnection;
  stopNode(state: StateCode): Promise<void>;
  restartNode(state: StateCode, record: FaultRecord): Promise<void>;
  /** Every delivery the witnesses have seen so far. */
  observations(): Observation[];
  officerStats(): Record<string, OfficerStats>;
  close(): Promise<void>;
}
