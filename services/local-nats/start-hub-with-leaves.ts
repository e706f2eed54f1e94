import { LocalNatsError, LocalNatsErrorCode, hubAccounts, validateLeafNames, type Credentials, hubLeafnodeUrls, hubNodeConfigs, leafServerConfig, generateHubCredentials, type HubCredentials, type FixedPorts } from '../nats-config/mod.ts';
import { leafConnections } from './monitoring.ts';
import { startServerProcess } from './nats-server-process.ts';
import type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
import { allocateServerLayout } from './server-layout.ts';
import { startClusterProcesses, type NatsClusterHandle } from './start-cluster.ts';
import { waitUntil } from './wait-until.ts';

export interface StartHubOptions {
  /** One leaf node per code, e.g. ['IDN', 'KHM']; each gets its own account on the hub. */
  readonly states: readonly string[];
  /** A single hub server or an odd-sized JetStream cluster such as 3 (default 1). */
  readonly hubNodes?: number | undefined;
  /** Cluster name of a clustered hub (default 'hub'). */
  readonly clusterName?: string | undefined;
  /** The hub's JetStream domain (default 'hub'). */
  readonly jetstreamDomain?: string | undefined;
  /** max_payload of every server (default LIMITS.maxServerPayloadBytes). */
  readonly maxPayloadBytes?: number | undefined;
  /** Default: fresh random passwords; must cover every state when given. */
  readonly credentials?: HubCredentials | undefined;
  /** Ports to use as given; every port left out is chosen free at start. */
  readonly fixedPorts?: {
    /** By hub node index. */
    readonly hub?: readonly (FixedPorts | undefined)[] | undefined;
    /** By state code. */
    readonly leaves?: Readonly<Record<string, FixedPorts | undefined>> | undefined;
  };
  readonly keepData?: boolean | undefined;
  readonly readyTimeoutMs?: number | undefined;
}

export interface HubWithLeavesHandle extends AsyncDisposable {
  /** The hub; a one-node "cluster" when hubNodes is 1. */
  readonly hub: NatsClusterHandle;
  /** Each state's leaf server, by state code. */
  readonly leaves: Readonly<Record<string, NatsServerHandle>>;
  readonly hubUrls: string[];
  /** For hub services: every hub node, logged in to the HUB account. */
  readonly hubConnectOptions: NatsConnectOptions;
  /** Client URL of a state's leaf. */
  leafUrl(state: string): string;
  /** For a state's own software: its leaf, logged in as the `apps` user of that state. */
  leafConnectOptions(state: string): NatsConnectOptions;
  /** Takes a state's leaf down gracefully (an outage), keeping its JetStream store. */
  stopLeaf(state: string): Promise<void>;
  /** Brings a state's leaf back on the same ports and store, once it has reconnected to the hub. */
  startLeaf(state: string): Promise<void>;
  stop(): Promise<void>;
}

const defaultReadyTimeoutMs = 20_000;

/** Starts the hub and one leaf per state; ready once every leaf is connected to the hub. */
export async function startHubWithLeaves(options: StartHubOptions): Promise<HubWithLeavesHandle> {
  validateLeafNames(options.states);
  const hubNodes = options.hubNodes ?? 1;
  validateHubNodeCount(hubNodes);
  const readyTimeoutMs = options.readyTimeoutMs ?? defaultReadyTimeoutMs;
  const credentials = options.credentials ?? generateHubCredentials(options.states);
  const hubLayouts = await Promise.all(
    Array.from({ length: hubNodes }, (_, index) =>
      allocateServerLayout(`hub-${index + 1}`, {
        cluster: hubNodes > 1,
        leafnodeListener: true,
        fixedPorts: options.fixedPorts?.hub?.[index],
        keepData: options.keepData,
      }),
    ),
  );
  const leafUsers = Object.fromEntries(options.states.map((state) => [state, credentialsOf(credentials.leafUsers, state, 'leaf')]));
  const accounts = hubAccounts({ hubUser: credentials.hubUser, leafUsers });
  const configs = hubNodeConfigs(hubLayouts, accounts, options);
  const hub = await startClusterProcesses({ name: 'hub', layouts: hubLayouts, configs, jetstream: true, readyTimeoutMs });

  const leaves: Record<string, NatsServerHandle> = {};
  const hubConnectOptions = { servers: hub.urls, user: credentials.hubUser.user, pass: credentials.hubUser.password };
  const topology = new HubWithLeaves(hub, leaves, hubConnectOptions, credentials, readyTimeoutMs);
  try {
    const started = await Promise.allSettled(
      options.states.map(async (state) => {
        const layout = await allocateServerLayout(`leaf-${state}`, {
          fixedPorts: options.fixedPorts?.leaves?.[state],
          keepData: options.keepData,
        });
        const config = leafServerConfig(layout, {
          state,
          hubLeafnodeUrls: hubLeafnodeUrls(hubLayouts),
          leafUser: credentialsOf(credentials.leafUsers, state, 'leaf'),
          localApps: credentialsOf(credentials.appsUsers, state, 'apps').password,
          maxPayloadBytes: options.maxPayloadBytes,
        });
        leaves[state] = await startServerProcess({ layout, config, readyTimeoutMs });
      }),
    );
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    await Promise.all(options.states.map((state) => topology.waitUntilConnected(state)));
  } catch (error) {
    await topology.stop();
    throw error;
  }
  return topology;
}

/** One server or an odd number of them, so a JetStream cluster always has a majority. */
export function validateHubNodeCount(hubNodes: number): void {
  if (!Number.isInteger(hubNodes) || hubNodes < 1 || hubNodes % 2 === 0) {
    throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `hubNodes must be 1 or an odd number of at least 3, not ${hubNodes}`);
  }
}

function credentialsOf(table: Readonly<Record<string, Credentials>>, state: string, role: string): Credentials {
  const found = table[state];
  if (found === undefined) throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `no ${role} credentials for state ${state}`);
  return found;
}

class HubWithLeaves implements HubWithLeavesHandle {
  readonly hubUrls: string[];

  constructor(
    readonly hub: NatsClusterHandle,
    readonly leaves: Readonly<Record<string, NatsServerHandle>>,
    readonly hubConnectOptions: NatsConnectOptions,
    private readonly credentials: HubCredentials,
    private readonly readyTimeoutMs: number,
  ) {
    this.hubUrls = hub.urls;
  }

  leafUrl(state: string): string {
    return this.leaf(state).url;
  }

  leafConnectOptions(state: string): NatsConnectOptions {
    const apps = credentialsOf(this.credentials.appsUsers, state, 'apps');
    return { servers: [this.leaf(state).url], user: apps.user, pass: apps.password };
  }

  async stopLeaf(state: string): Promise<void> {
    await this.leaf(state).stop({ keepData: true });
  }

  async startLeaf(state: string): Promise<void> {
    await this.leaf(state).restart();
    await this.waitUntilConnected(state);
  }

  async waitUntilConnected(state: string): Promise<void> {
    const leaf = this.leaf(state);
    const connected = await waitUntil(async () => (await leafConnections(leaf.httpPort)).length > 0, {
      timeoutMs: this.readyTimeoutMs,
    });
    if (!connected) {
      throw new LocalNatsError(
        LocalNatsErrorCode.notReady,
        `leaf ${leaf.name} did not connect to the hub within ${this.readyTimeoutMs} ms; see ${leaf.dataDir}/nats-server.log`,
      );
    }
  }

  async stop(): Promise<void> {
    // Leaves first, so they do not log reconnect attempts against a hub that is going away.
    await Promise.all(Object.values(this.leaves).map((leaf) => leaf.stop()));
    await this.hub.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private leaf(state: string): NatsServerHandle {
    const leaf = this.leaves[state];
    if (leaf === undefined) {
      throw new LocalNatsError(LocalNatsErrorCode.unknownServer, `no leaf for state ${state}; leaves: ${Object.keys(this.leaves).join(', ')}`);
    }
    return leaf;
  }
}
