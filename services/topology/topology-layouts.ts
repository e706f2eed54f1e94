// Where each server of a topology lives: its name, host, ports (fixed in the topology, else free
// ones on a loopback host and the NATS defaults on any other) and data dir. Kept apart from
// rendering, which stays pure.
import { join, resolve } from 'node:path';
import { findFreePorts } from '../local-nats/mod.ts';
import type { FixedPorts, ServerLayout, ServerPorts } from '../nats-config/mod.ts';
import type { StateCode } from '../core/mod.ts';
import { DEFAULT_HOST, type Topology } from './topology-schema.ts';

export interface TopologyLayouts {
  /** One per hub node, in order. */
  readonly hub: readonly ServerLayout[];
  readonly leaves: Readonly<Partial<Record<StateCode, ServerLayout>>>;
}

interface WantedServer {
  readonly name: string;
  readonly host: string;
  readonly kinds: readonly (keyof ServerPorts)[];
  readonly fixed: FixedPorts;
}

export function hubNodeName(index: number): string {
  return `hub-${index + 1}`;
}

export function leafServerName(state: string): string {
  return `leaf-${state}`;
}

/** The ports nats-server itself defaults to: what a server on its own host uses unless told otherwise. */
export const NATS_DEFAULT_PORTS: ServerPorts = { client: 4222, cluster: 6222, leafnode: 7422, monitoring: 8222 };

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Layouts for generated configs: every server gets its data dir from `dataDirOf(name)` (default
 * `<dataRoot>/<name>`), and each port the topology leaves open is a free port of this machine at
 * generation time when the server is on a loopback host (several servers share this machine), and
 * the NATS default port on its own host.
 */
export async function planTopologyLayouts(topology: Topology, dataRoot: string, dataDirOf?: (name: string) => string): Promise<TopologyLayouts> {
  const clustered = topology.hub.nodes > 1;
  const hubWanted = Array.from({ length: topology.hub.nodes }, (_, index): WantedServer => ({
    name: hubNodeName(index),
    host: topology.hub.hosts?.[index] ?? DEFAULT_HOST,
    kinds: clustered ? ['client', 'cluster', 'leafnode', 'monitoring'] : ['client', 'leafnode', 'monitoring'],
    fixed: topology.hub.ports?.[index] ?? {},
  }));
  const leafWanted = topology.states.map((state): WantedServer => ({
    name: leafServerName(state.code),
    host: state.host ?? DEFAULT_HOST,
    kinds: ['client', 'monitoring'],
    fixed: state.ports ?? {},
  }));
  const wanted = [...hubWanted, ...leafWanted];
  const missing = (server: WantedServer) => server.kinds.filter((kind) => server.fixed[kind] === undefined);
  const missingCount = wanted.filter((server) => isLoopback(server.host)).reduce((count, server) => count + missing(server).length, 0);
  const free = await findFreePorts(missingCount);
  const layouts = wanted.map((server): ServerLayout => {
    const ports: Record<string, number> = {};
    for (const kind of server.kinds) {
      ports[kind] = server.fixed[kind] ?? (isLoopback(server.host) ? (free.shift() as number) : (NATS_DEFAULT_PORTS[kind] as number));
    }
    const dataDir = dataDirOf ? dataDirOf(server.name) : resolve(join(dataRoot, server.name));
    return { name: server.name, host: server.host, dataDir, keepData: true, ports: ports as unknown as ServerPorts };
  });
  const leaves: Partial<Record<StateCode, ServerLayout>> = {};
  topology.states.forEach((state, index) => {
    const layout = layouts[hubWanted.length + index];
    if (layout) leaves[state.code] = layout;
  });
  return { hub: layouts.slice(0, hubWanted.length), leaves };
}
