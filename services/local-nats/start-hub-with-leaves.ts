import { randomBytes } from 'node:crypto';
import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
import { hubAccounts, leafUserName, validateLeafNames, type Credentials, type StateSubjects } from './hub-accounts.ts';
import { hubLeafnodeUrls, hubNodeConfigs, leafServerConfig } from './hub-config.ts';
import { leafConnections } from './monitoring.ts';
import { startServerProcess } from './nats-server-process.ts';
import type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
import { allocateServerLayout } from './server-layout.ts';
import { startClusterProcesses, type NatsClusterHandle } from './start-cluster.ts';
import { waitUntil } from './wait-until.ts';

export interface StartHubOptions {
  /** One leaf node per code, e.g. ['IDN', 'KHM']; each gets its own account on the hub. */
  readonly states: readonly string[];
  /** A single hub server or a 3-node JetStream cluster (default 1). */
  readonly hubNodes?: 1 | 3;
  readonly subjects?: StateSubjects;
  readonly keepData?: boolean;
  readonly readyTimeoutMs?: number;
}

export interface HubWithLeavesHandle extends AsyncDisposable {
  /** The hub; a one-node "cluster" when hubNodes is 1. */
  readonly hub: NatsClusterHandle;
  /** Each state's leaf server, by state code. */
  readonly leaves: Readonly<Record<string, NatsServerHandle>>;
  readonly hubUrls: string[];
  /** For hub services: every hub node, logged in to the HUB account. */
  readonly hubConnectOptions: NatsConnectOptions;
  /** Client URL of a state's leaf; its apps connect there without credentials. */
  leafUrl(state: string): string;
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
  const readyTimeoutMs = options.readyTimeoutMs ?? defaultReadyTimeoutMs;
  const hubNodes = options.hubNodes ?? 1;
  const hubLayouts = await Promise.all(
    Array.from({ length: hubNodes }, (_, index) =>
      allocateServerLayout(`hub-${index + 1}`, { cluster: hubNodes > 1, leafnodeListener: true, keepData: options.keepData }),
    ),
  );
  const hubUser: Credentials = { user: 'hub', password: randomSecret() };
  const leafUsers = Object.fromEntries(options.states.map((state) => [state, { user: leafUserName(state), password: randomSecret() }]));
  const accounts = hubAccounts({ hubUser, leafUsers, subjects: options.subjects });
  const configs = hubNodeConfigs(hubLayouts, accounts);
  const hub = await startClusterProcesses({ name: 'hub', layouts: hubLayouts, configs, jetstream: true, readyTimeoutMs });

  const leaves: Record<string, NatsServerHandle> = {};
  const topology = new HubWithLeaves(hub, leaves, { servers: hub.urls, user: hubUser.user, pass: hubUser.password }, readyTimeoutMs);
  try {
    const started = await Promise.allSettled(
      options.states.map(async (state) => {
        const layout = await allocateServerLayout(`leaf-${state}`, { keepData: options.keepData });
        const config = leafServerConfig(layout, {
          state,
          hubLeafnodeUrls: hubLeafnodeUrls(hubLayouts),
          leafUser: leafUsers[state] as Credentials,
          localAppsPassword: randomSecret(),
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

class HubWithLeaves implements HubWithLeavesHandle {
  readonly hubUrls: string[];

  constructor(
    readonly hub: NatsClusterHandle,
    readonly leaves: Readonly<Record<string, NatsServerHandle>>,
    readonly hubConnectOptions: NatsConnectOptions,
    private readonly readyTimeoutMs: number,
  ) {
    this.hubUrls = hub.urls;
  }

  leafUrl(state: string): string {
    return this.leaf(state).url;
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

/** Hex, so it can sit in a leaf remote URL without escaping. Never logged. */
function randomSecret(): string {
  return randomBytes(24).toString('hex');
}
