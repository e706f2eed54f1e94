// What the drill runs for each state on the hub: its connection (as that state's apps), an inbox
// observer as independent witness, and for participants a node service and a simulated liaison
// officer. Faults stop and restart a state's node; close() stops everything, also after a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger, StateCode } from '../core/mod.ts';
import { natsConnectOptions } from '../nats-client/mod.ts';
import type { LocalDeployment } from '../deployment/mod.ts';
import { ensureInbox, startNodeService, type RunningNode } from '../node/mod.ts';
import type { EscalationRecord, FaultRecord } from './drill-records.ts';
import { sleep } from './drill-timeline.ts';
import { observeInbox, type InboxObserver, type Observation } from './inbox-observer.ts';
import { SimulatedOfficer } from './officer-simulation.ts';
import { inProcessDrillNode, type DrillNode } from './drill-node.ts';
import type { DrillRuntimes } from './drill-runtimes.ts';
import type { Scenario } from './scenario-schema.ts';

/** After an outage the connection may still be reconnecting: a restart is tried this long. */
const RESTART_TRY_MS = 30_000;
const RESTART_RETRY_MS = 500;

interface StateRuntime {
  readonly state: StateCode;
  readonly nc: NatsConnection;
  node: RunningNode | undefined;
  /** The same node as the drill's parts use it; undefined while the node is down. */
  drillNode: DrillNode | undefined;
  officer?: SimulatedOfficer;
  observer?: InboxObserver;
}

export interface StateRuntimeOptions {
  readonly deployment: LocalDeployment;
  readonly scenario: Scenario;
  readonly participants: readonly StateCode[];
  readonly logger: Logger;
  /** Escalations the nodes report are written here. */
  readonly escalations: EscalationRecord[];
  readonly errors: string[];
}

export class StateRuntimes implements DrillRuntimes {
  private readonly runtimes = new Map<StateCode, StateRuntime>();
  /** Each node's store lives in <dataRoot>/<STATE>, kept across a fault's restart, removed by close(). */
  private dataRoot: string | undefined;

  constructor(private readonly options: StateRuntimeOptions) {}

  /** Opens every hub state in turn; participants get their node and officer. */
  async open(): Promise<void> {
    for (const state of this.options.deployment.states) await this.openState(state);
  }

  node(state: StateCode): DrillNode | undefined {
    return this.runtimes.get(state)?.drillNode;
  }

  connection(state: StateCode): NatsConnection {
    return this.runtime(state).nc;
  }

  async stopNode(state: StateCode): Promise<void> {
    const runtime = this.runtime(state);
    const node = runtime.node;
    runtime.node = undefined;
    runtime.drillNode = undefined;
    await node?.stop();
  }

  /** Starts the state's node again; when it will not start, says so on the fault's record. */
  async restartNode(state: StateCode, record: FaultRecord): Promise<void> {
    const deadline = Date.now() + RESTART_TRY_MS;
    for (;;) {
      try {
        await this.startNode(this.runtime(state));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          record.restoreFailed = `${state}'s node service did not start again: ${String(error)}`;
          this.options.errors.push(record.restoreFailed);
          return;
        }
        await sleep(RESTART_RETRY_MS);
      }
    }
  }

  /** Every delivery the observers have seen so far, state by state. */
  observations(): Observation[] {
    return [...this.runtimes.values()].flatMap((runtime) => runtime.observer?.observations ?? []);
  }

  officerStats(): Record<string, SimulatedOfficer['stats']> {
    return Object.fromEntries([...this.runtimes.values()].flatMap((runtime) => (runtime.officer ? [[runtime.state, { ...runtime.officer.stats }]] : [])));
  }

  /** Stops officers first (no more acknowledgements), then each state's node, observer and connection. */
  async close(): Promise<void> {
    for (const runtime of this.runtimes.values()) runtime.officer?.stop();
    for (const runtime of this.runtimes.values()) {
      await runtime.node?.stop().catch(() => undefined);
      await runtime.observer?.stop().catch(() => undefined);
      await runtime.nc.close().catch(() => undefined);
    }
    if (this.dataRoot) rmSync(this.dataRoot, { recursive: true, force: true });
    this.dataRoot = undefined;
  }

  private runtime(state: StateCode): StateRuntime {
    const runtime = this.runtimes.get(state);
    if (!runtime) throw new RangeError(`${state} has no leaf in this drill`);
    return runtime;
  }

  private async openState(state: StateCode): Promise<void> {
    const { deployment, scenario } = this.options;
    const connection = deployment.connections[state]!;
    const nc = await connect({ ...natsConnectOptions(connection), name: `drill ${state}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const runtime: StateRuntime = { state, nc, node: undefined, drillNode: undefined };
    this.runtimes.set(state, runtime);
    await ensureInbox(nc, state);
    runtime.observer = await observeInbox(nc, state, deployment.keys.directory);
    if (!this.options.participants.includes(state)) return;
    runtime.officer = new SimulatedOfficer({
      state, behaviour: scenario.participants[state]!.behaviour, speed: scenario.speed, seed: scenario.seed + state.charCodeAt(0) * 31 + state.charCodeAt(2),
      node: () => runtime.drillNode, onError: (what, error) => this.options.errors.push(`${what}: ${String(error)}`),
    });
    await this.startNode(runtime);
  }

  private async startNode(runtime: StateRuntime): Promise<void> {
    const { keys } = this.options.deployment;
    this.dataRoot ??= mkdtempSync(join(tmpdir(), 'tipnet-drill-nodes-'));
    runtime.node = await startNodeService({
      state: runtime.state, nc: runtime.nc, dataDir: join(this.dataRoot, runtime.state), signingKey: keys.signingKeys[runtime.state]!, directory: keys.directory,
      matchingKey: keys.matchingKey, logger: this.options.logger, clockTickMs: 250,
    });
    runtime.drillNode = inProcessDrillNode(runtime.node);
    runtime.node.events.on('delivery', (item) => runtime.officer?.onDelivery(item));
    runtime.node.events.on('escalation', (item) => {
      if (item.escalation) this.options.escalations.push({ state: runtime.state, requestMessageId: item.escalation.requestMessageId, atWallMs: Date.now() });
    });
  }
}
