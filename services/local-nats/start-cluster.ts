import { clusterNodeConfigs, LocalNatsError, LocalNatsErrorCode, type NatsServerConfig, type ServerLayout } from '../nats-config/mod.ts';
import { jetStreamMetaLeader } from './monitoring.ts';
import { startServerProcess } from './nats-server-process.ts';
import type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
import { allocateServerLayout } from './server-layout.ts';
import { waitUntil } from './wait-until.ts';

export interface NatsClusterHandle extends AsyncDisposable {
  readonly name: string;
  readonly nodes: readonly NatsServerHandle[];
  /** Client URLs of every node, for nats.js `servers`. */
  readonly urls: string[];
  readonly connectOptions: NatsConnectOptions;
  /** Stops node `index` gracefully, keeping its ports and store for startNode(). */
  stopNode(index: number): Promise<void>;
  /** Starts node `index` again on the same ports and store dir. */
  startNode(index: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** Number of nodes (default 3); 1 gives a single server without a cluster block. */
  readonly size?: number;
  /** Default true. */
  readonly jetstream?: boolean;
  /** Cluster name, also the prefix of node names (default 'tipnet'). */
  readonly name?: string;
  readonly keepData?: boolean;
  readonly readyTimeoutMs?: number;
}

const defaultReadyTimeoutMs = 20_000;

/** Starts a cluster on free loopback ports; ready once every node is healthy and, with JetStream, a meta leader is elected. */
export async function startNatsCluster(options: StartClusterOptions = {}): Promise<NatsClusterHandle> {
  const name = options.name ?? 'tipnet';
  const size = options.size ?? 3;
  const jetstream = options.jetstream ?? true;
  const layouts = await Promise.all(
    Array.from({ length: size }, (_, index) =>
      allocateServerLayout(`${name}-${index + 1}`, { cluster: size > 1, keepData: options.keepData }),
    ),
  );
  const configs = clusterNodeConfigs(name, layouts, { jetstream });
  return startClusterProcesses({ name, layouts, configs, jetstream, readyTimeoutMs: options.readyTimeoutMs });
}

export interface ClusterProcessesInput {
  readonly name: string;
  readonly layouts: readonly ServerLayout[];
  /** One config per layout, in the same order. */
  readonly configs: readonly NatsServerConfig[];
  /** Whether to wait for a JetStream meta leader. */
  readonly jetstream: boolean;
  readonly readyTimeoutMs?: number | undefined;
}

/** Starts prepared cluster node configs; start-hub-with-leaves uses it for a clustered hub. */
export async function startClusterProcesses(input: ClusterProcessesInput): Promise<NatsClusterHandle> {
  const readyTimeoutMs = input.readyTimeoutMs ?? defaultReadyTimeoutMs;
  // Concurrently: a clustered JetStream node is not healthy until it has met its peers.
  const started = await Promise.allSettled(
    input.layouts.map((layout, index) => startServerProcess({ layout, config: input.configs[index] as NatsServerConfig, readyTimeoutMs })),
  );
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const cluster = new Cluster(input.name, nodes);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await cluster.stop();
    throw failure.reason;
  }
  if (input.jetstream && nodes.length > 1) {
    const elected = await waitUntil(
      async () => (await Promise.all(nodes.map((node) => jetStreamMetaLeader(node.httpPort)))).every(Boolean),
      { timeoutMs: readyTimeoutMs },
    );
    if (!elected) {
      await cluster.stop();
      throw new LocalNatsError(LocalNatsErrorCode.notReady, `cluster ${input.name} elected no JetStream meta leader within ${readyTimeoutMs} ms`);
    }
  }
  return cluster;
}

class Cluster implements NatsClusterHandle {
  readonly urls: string[];
  readonly connectOptions: NatsConnectOptions;

  constructor(
    readonly name: string,
    readonly nodes: readonly NatsServerHandle[],
  ) {
    this.urls = nodes.map((node) => node.url);
    this.connectOptions = { servers: this.urls };
  }

  async stopNode(index: number): Promise<void> {
    await this.node(index).stop({ keepData: true });
  }

  async startNode(index: number): Promise<void> {
    await this.node(index).restart();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private node(index: number): NatsServerHandle {
    const node = this.nodes[index];
    if (node === undefined) {
      throw new LocalNatsError(LocalNatsErrorCode.unknownServer, `cluster ${this.name} has no node ${index} (it has ${this.nodes.length})`);
    }
    return node;
  }
}
