// Where each server of a topology lives: its name, ports (fixed in the topology, else free ones)
// and data dir. Kept apart from rendering, which stays pure.
import { join, resolve } from 'node:path';
import { findFreePorts } from '../local-nats/mod.ts';
import type { FixedPorts, ServerLayout, ServerPorts } from '../nats-config/mod.ts';
import type { StateCode } from '../core/mod.ts';
import type { Topology } from './topology-schema.ts';

export interface TopologyLayouts {
  /** One per hub node, in order. */
  readonly hub: readonly ServerLayout[];
  readonly leaves: Readonly<Partial<Record<StateCode, ServerLayout>>>;
}

interface WantedServer {
  readonly name: string;
  readonly kinds: readonly (keyof ServerPorts)[];
  readonly fixed: FixedPorts;
}

export function hubNodeName(index: number): string {
  return `hub-${index + 1}`;
}

export function leafServerName(state: string): string {
  return `leaf-${state}`;
}

/**
 * Layouts for generated configs: every server gets `<dataRoot>/<name>` for its store and log, and
 * each port the topology leaves open is a free port of this machine at generation time.
 */
export async function planTopologyLayouts(topology: Topology, dataRoot: string): Promise<TopologyLayouts> {
  const clustered = topology.hub.nodes > 1;
  const hubWanted = Array.from({ length: topology.hub.nodes }, (_, index): WantedServer => ({
    name: hubNodeName(index),
    kinds: clustered ? ['client', 'cluster', 'leafnode', 'monitoring'] : ['client', 'leafnode', 'monitoring'],
    fixed: topology.hub.ports?.[index] ?? {},
  }));
  const leafWanted = topology.states.map((state): WantedServer => ({
    name: leafServerName(state.code),
    kinds: ['client', 'monitoring'],
    fixed: state.ports ?? {},
  }));
  const wanted = [...hubWanted, ...leafWanted];
  const missingCount = wanted.reduce((count, server) => count + server.kinds.filter((kind) => server.fixed[kind] === undefined).length, 0);
  const free = await findFreePorts(missingCount);
  const layouts = wanted.map((server): ServerLayout => {
    const ports: Record<string, number> = {};
    for (const kind of server.kinds) ports[kind] = server.fixed[kind] ?? (free.shift() as number);
    return { name: server.name, dataDir: resolve(join(dataRoot, server.name)), keepData: true, ports: ports as unknown as ServerPorts };
  });
  const leaves: Partial<Record<StateCode, ServerLayout>> = {};
  topology.states.forEach((state, index) => {
    const layout = layouts[hubWanted.length + index];
    if (layout) leaves[state.code] = layout;
  });
  return { hub: layouts.slice(0, hubWanted.length), leaves };
}
