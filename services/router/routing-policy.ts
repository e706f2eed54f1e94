// What the router needs to know about the hub to choose recipients: pure data, loaded from the
// topology, so the decision functions stay testable without a broker.
import { ALL_STATE_CODES, DEFAULT_QUERY_RATE, stateInfo, type StateCode } from '../core/mod.ts';

/** How many hit/no-hit queries a state is answered per window. */
export interface QueryRate {
  readonly queriesPerWindow: number;
  readonly windowMs: number;
}

export interface RoutingPolicy {
  /** States with a leaf node on this hub; nothing is delivered elsewhere. */
  readonly states: readonly StateCode[];
  /** Named sharing groups (e.g. financial intelligence units) and their member states. */
  readonly sharingGroups: Readonly<Record<string, readonly StateCode[]>>;
  /** Participants of each drill the hub knows; exercise traffic reaches only these. */
  readonly drills: Readonly<Record<string, readonly StateCode[]>>;
  /** States allowed to start drills at run time with a DrillControl START (none unless the operator names them). */
  readonly drillControllers: readonly StateCode[];
  /** How many hit/no-hit queries a state is answered per window (DEFAULT_QUERY_RATE when absent). */
  readonly queryRate?: QueryRate;
}

export function routingPolicy(partial: Partial<RoutingPolicy> = {}): RoutingPolicy {
  return {
    states: partial.states ?? ALL_STATE_CODES,
    sharingGroups: partial.sharingGroups ?? {},
    drills: partial.drills ?? {},
    drillControllers: partial.drillControllers ?? [],
    queryRate: partial.queryRate ?? DEFAULT_QUERY_RATE,
  };
}

export function isPartner(code: StateCode): boolean {
  return stateInfo(code).membership === 'partner';
}
