// The drill against a deployment it did not start (`tipnet drill --against <dir>`): each state's
// node is reached over its HTTP API with the state's API token, as the state's national system;
// an independent witness of its own reads each state's inbox from now on; liaison officers are
// the states' real officers, except where a state asked for the simulation. Nothing of the
// deployment is stopped or restarted: close() only lets go of what the drill opened.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsConnectOptions } from '../nats-client/mod.ts';
import { ConfigurationError, KeyDirectory, readKeyDirectory, readSigningKey, type SigningKey, type StateCode } from '../core/mod.ts';
import type { DeploymentDescription } from '../deployment/mod.ts';
import type { StateConnectionFile } from '../nats-config/mod.ts';
import { readConnectionFile } from '../topology/mod.ts';
import type { FeedItem } from '../node/mod.ts';
import type { DrillNode } from './drill-node.ts';
import type { EscalationRecord, FaultRecord } from './drill-records.ts';
import type { DrillRuntimes } from './drill-runtimes.ts';
import { observeInbox, type InboxObserver, type Observation } from './inbox-observer.ts';
import { followNodeFeed, nodeApiDrillNode, type NodeApiAccess } from './node-api-drill-node.ts';
import { SimulatedOfficer } from './officer-simulation.ts';
import type { Scenario } from './scenario-schema.ts';

export interface AttachedRuntimeOptions {
  readonly description: DeploymentDescription;
  readonly scenario: Scenario;
  readonly drillId: string;
  readonly participants: readonly StateCode[];
  /** Participants whose officers the drill plays; every other participant's officers are real people. */
  readonly simulated: readonly StateCode[];
  readonly escalations: EscalationRecord[];
  readonly errors: string[];
}

interface AttachedState {
  readonly state: StateCode;
  readonly nc: NatsConnection;
  readonly observer: InboxObserver;
  readonly node?: DrillNode;
  readonly officer?: SimulatedOfficer | undefined;
  readonly feed?: { stop(): void };
}

export class AttachedRuntimes implements DrillRuntimes {
  private readonly states = new Map<StateCode, AttachedState>();
  private readonly keys = new Map<StateCode, SigningKey>();

  constructor(private readonly options: AttachedRuntimeOptions) {}

  /** Every state of the deployment gets a witness; participants also their node's API and feed. */
  async open(): Promise<void> {
    for (const state of deployedStates(this.options.description)) await this.openState(state);
  }

  node(state: StateCode): DrillNode | undefined {
    return this.states.get(state)?.node;
  }

  connection(state: StateCode): NatsConnection {
    const attached = this.states.get(state);
    if (!attached) throw new RangeError(`${state} is not in this deployment`);
    return attached.nc;
  }

  /** The state's own signing key, where the deployment folder holds it (bad injects sign with it). */
  signingKey(state: StateCode): SigningKey | undefined {
    return this.keys.get(state);
  }

  stopNode(state: StateCode): Promise<void> {
    return Promise.reject(new Error(`the drill does not stop ${state}'s node: the deployment is not the drill's own`));
  }

  restartNode(state: StateCode, record: FaultRecord): Promise<void> {
    record.restoreFailed = `the drill does not restart ${state}'s node: the deployment is not the drill's own`;
    return Promise.resolve();
  }

  observations(): Observation[] {
    return [...this.states.values()].flatMap((attached) => attached.observer.observations);
  }

  officerStats(): Record<string, SimulatedOfficer['stats']> {
    return Object.fromEntries([...this.states.values()].flatMap((attached) => (attached.officer ? [[attached.state, { ...attached.officer.stats }]] : [])));
  }

  async close(): Promise<void> {
    for (const attached of this.states.values()) {
      attached.officer?.stop();
      attached.feed?.stop();
    }
    for (const attached of this.states.values()) {
      await attached.observer.stop().catch(() => undefined);
      await attached.nc.close().catch(() => undefined);
    }
    this.states.clear();
  }

  private async openState(state: StateCode): Promise<void> {
    const { description, participants, drillId } = this.options;
    const entry = description.states[state]!;
    const connection = readConnectionFile(entry.connectionFile);
    const directory = await directoryOf(connection);
    if (connection.signingKeyFile) this.keys.set(state, await readSigningKey(connection.signingKeyFile));
    const nc = await connect({ ...natsConnectOptions(connection), name: `drill ${state}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const observer = await observeInbox(nc, state, directory, { ownConsumer: witnessName(drillId) }).catch(async (error: unknown) => {
      await nc.close();
      throw error;
    });
    if (!participants.includes(state)) {
      this.states.set(state, { state, nc, observer });
      return;
    }
    const access = await nodeAccessOf(state, description);
    const node = nodeApiDrillNode(access);
    const officer = this.options.simulated.includes(state) ? this.officerFor(state, node) : undefined;
    const feed = followNodeFeed(access, (item) => this.onFeedItem(state, item, officer), (error) => this.options.errors.push(`${state}'s node feed: ${String(error)}`));
    this.states.set(state, { state, nc, observer, node, officer, feed });
    await feed.ready;
  }

  private officerFor(state: StateCode, node: DrillNode): SimulatedOfficer {
    const { scenario } = this.options;
    return new SimulatedOfficer({
      state, behaviour: scenario.participants[state]!.behaviour, speed: scenario.speed, seed: scenario.seed + state.charCodeAt(0) * 31 + state.charCodeAt(2),
      node: () => node, onError: (what, error) => this.options.errors.push(`${what}: ${String(error)}`),
    });
  }

  private onFeedItem(state: StateCode, item: FeedItem, officer: SimulatedOfficer | undefined): void {
    if (item.event === 'delivery') officer?.onDelivery(item);
    if (item.event === 'escalation' && item.escalation) {
      this.options.escalations.push({ state, requestMessageId: item.escalation.requestMessageId, atWallMs: Date.now() });
    }
  }
}

/** The deployment's states that have a connection file, in a stable order. */
export function deployedStates(description: DeploymentDescription): StateCode[] {
  return (Object.keys(description.states) as StateCode[]).sort();
}

/** Every participant must be deployed with a node the drill can reach; all problems at once. */
export function checkParticipants(description: DeploymentDescription, participants: readonly StateCode[], simulated: readonly StateCode[]): void {
  const problems: string[] = [];
  for (const state of participants) {
    const entry = description.states[state];
    if (!entry) problems.push(`${state}: takes part in the scenario but has no leaf in this deployment (${deployedStates(description).join(', ')})`);
    else if (!entry.node) problems.push(`${state}: takes part in the scenario but runs no node service in this deployment`);
  }
  for (const state of simulated) {
    if (!participants.includes(state)) problems.push(`--simulate: ${state} is not a participant of the scenario (${participants.join(', ')})`);
  }
  if (problems.length > 0) throw new ConfigurationError('drill --against', problems);
}

/** One witness per drill, so two drills (or a drill and a leftover) never share a position. */
function witnessName(drillId: string): string {
  return `drill-witness-${createHash('sha256').update(drillId).digest('hex').slice(0, 16)}`;
}

async function directoryOf(connection: StateConnectionFile): Promise<KeyDirectory> {
  if (!connection.keyDirectoryFile) throw new ConfigurationError(`${connection.state}'s connection file`, ['keyDirectoryFile: the drill needs the key directory to verify what it witnesses']);
  return new KeyDirectory(await readKeyDirectory(connection.keyDirectoryFile));
}

async function nodeAccessOf(state: StateCode, description: DeploymentDescription): Promise<NodeApiAccess> {
  const node = description.states[state]!.node!;
  let token: unknown;
  try {
    token = (JSON.parse(await readFile(node.credentialsFile, 'utf8')) as { token?: unknown }).token;
  } catch (error) {
    throw new ConfigurationError(node.credentialsFile, [`cannot read ${state}'s API token: ${(error as Error).message}`]);
  }
  if (typeof token !== 'string' || token === '') throw new ConfigurationError(node.credentialsFile, ['token: missing; the drill acts as the state\'s national system with its API token']);
  return { state, url: node.url, token };
}
