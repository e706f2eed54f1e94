// What other services read from a validated topology, in the shapes they take: the router's
// states and sharing groups, the hub's stream retention, and a topology narrowed to some states.
import { ConfigurationError, type HubStreamOptions, type StateCode } from '../core/mod.ts';
import { parseTopology, type Topology } from './topology-schema.ts';

const dayMs = 24 * 3_600_000;

export function stateCodesOf(topology: Topology): StateCode[] {
  return topology.states.map((state) => state.code);
}

/** States on the hub and sharing groups by name, as the router's RoutingPolicy takes them. */
export function routingTablesOf(topology: Topology): {
  readonly states: readonly StateCode[];
  readonly sharingGroups: Readonly<Record<string, readonly StateCode[]>>;
} {
  return Object.freeze({
    states: Object.freeze(stateCodesOf(topology)),
    sharingGroups: Object.freeze(
      Object.fromEntries(topology.sharingGroups.map((group) => [group.name, Object.freeze([...group.members])])),
    ),
  });
}

/** R3 on a clustered hub, R1 on a single server; ages from the topology's retention. */
export function hubStreamOptionsOf(topology: Topology): HubStreamOptions {
  return {
    replicas: topology.hub.nodes >= 3 ? 3 : 1,
    deliveryMaxAgeMs: topology.retention.deliveryMaxAgeDays * dayMs,
    deadLetterMaxAgeMs: topology.retention.deadLetterMaxAgeDays * dayMs,
  };
}

/**
 * The same deployment with only `states` (e.g. two leaves for a test or a small drill): sharing
 * groups keep their members among those states, and groups left empty are dropped.
 */
export function narrowTopology(topology: Topology, states: readonly string[]): Readonly<Topology> {
  const known = new Set(stateCodesOf(topology) as string[]);
  const unknown = states.filter((state) => !known.has(state));
  if (unknown.length > 0) {
    throw new ConfigurationError('topology subset', unknown.map((state) => `${state} is not a state in this topology`));
  }
  const kept = new Set(states);
  return parseTopology(
    {
      ...topology,
      states: topology.states.filter((state) => kept.has(state.code)),
      sharingGroups: topology.sharingGroups
        .map((group) => ({ ...group, members: group.members.filter((member) => kept.has(member)) }))
        .filter((group) => group.members.length > 0),
    },
    'topology subset',
  );
}
