// What the router needs to know about the hub to choose recipients: pure data, loaded from the
// topology, so the decision functions stay testable without a broker.
import { ALL_STATE_CODES, stateInfo, type StateCode } from '../core/mod.ts';

export interface RoutingPolicy {
  /** States with a leaf node on this hub; nothing is delivered elsewhere. */
  readonly states: readonly StateCode[];
  /** Named sharing groups (e.g. financial intelligence units) and their member states. */
  readonly sharingGroups: Readonly<Record<string, readonly StateCode[]>>;
  /** Participants of each drill the hub knows; exercise traffic reaches only these. */
  readonly drills: Readonly<Record<string, readonly StateCode[]>>;
}

export function routingPolicy(partial: Partial<RoutingPolicy> = {}): RoutingPolicy {
  return {
    states: partial.states ?? ALL_STATE_CODES,
    sharingGroups: partial.sharingGroups ?? {},
    drills: partial.drills ?? {},
  };
}

export function isPartner(code: StateCode): boolean {
  return stateInfo(code).membership === 'partner';
}
