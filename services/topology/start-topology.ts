// Runs a topology locally: the hub (its node count, cluster name, domain, fixed ports) and one leaf
// per state, as real nats-server processes, with the validated topology carried along for the
// services that run on top (the router reads its states and sharing groups from the handle).
import type { HubStreamOptions } from '../core/mod.ts';
import { LocalNatsError, LocalNatsErrorCode, startHubWithLeaves, type HubWithLeavesHandle } from '../local-nats/mod.ts';
import { requireGeneratedAuth } from './render-topology.ts';
import type { Topology } from './topology-schema.ts';
import { hubStreamOptionsOf, narrowTopology, routingTablesOf, stateCodesOf } from './topology-views.ts';

export interface StartTopologyOptions {
  /** Start only these states' leaves (default: every state of the topology). */
  readonly states?: readonly string[] | undefined;
  readonly keepData?: boolean | undefined;
  readonly readyTimeoutMs?: number | undefined;
}

export interface TopologyHandle extends HubWithLeavesHandle {
  /** The topology that is running (narrowed to `states` when given). */
  readonly topology: Readonly<Topology>;
  /** States and sharing groups, in the router's RoutingPolicy shape. */
  readonly routing: ReturnType<typeof routingTablesOf>;
  /** Replicas and retention of the hub's streams. */
  readonly streamOptions: HubStreamOptions;
}

export async function startTopology(full: Readonly<Topology>, options: StartTopologyOptions = {}): Promise<TopologyHandle> {
  const topology = options.states === undefined ? full : narrowTopology(full, options.states);
  requireGeneratedAuth(topology);
  if (topology.auth.mode !== 'password') {
    throw new LocalNatsError(
      LocalNatsErrorCode.unsupported,
      `startTopology runs the local deployment with generated passwords; auth.mode "${topology.auth.mode}" is for the per-host bundles of \`tipnet config\``,
    );
  }
  if (topology.tls !== undefined) {
    throw new LocalNatsError(
      LocalNatsErrorCode.unsupported,
      'startTopology runs the local deployment, whose readiness checks use the plain-HTTP monitoring port that TLS turns off; remove `tls` for local runs',
    );
  }
  const servers = await startHubWithLeaves({
    states: stateCodesOf(topology),
    hubNodes: topology.hub.nodes,
    clusterName: topology.hub.clusterName,
    jetstreamDomain: topology.hub.jetstreamDomain,
    maxPayloadBytes: topology.limits.maxPayloadBytes,
    fixedPorts: {
      hub: topology.hub.ports,
      leaves: Object.fromEntries(topology.states.map((state) => [state.code, state.ports])),
    },
    keepData: options.keepData,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return {
    topology,
    routing: routingTablesOf(topology),
    streamOptions: hubStreamOptionsOf(topology),
    hub: servers.hub,
    leaves: servers.leaves,
    hubUrls: servers.hubUrls,
    hubConnectOptions: servers.hubConnectOptions,
    leafUrl: (state) => servers.leafUrl(state),
    leafConnectOptions: (state) => servers.leafConnectOptions(state),
    stopLeaf: (state) => servers.stopLeaf(state),
    startLeaf: (state) => servers.startLeaf(state),
    stop: () => servers.stop(),
    [Symbol.asyncDispose]: () => servers.stop(),
  };
}
