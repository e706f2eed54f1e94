// The hub's handling and distribution rules that depend on nothing but the message itself, so a
// sender can know them before publishing: TLP:RED goes to named recipients only, a partner state
// names its recipients, and a route-role distribution must resolve to some state other than the
// sender. The router applies them (router/recipients.ts) and a node checks them before it signs
// (node/prepare-submission.ts): one function, so the node refuses in the hub's own words.
import type { DecodedPayload } from './codec.ts';
import { RejectionError } from './errors.ts';
import { isStateCode, stateInfo } from './member-states.ts';
import { v1 } from './proto.ts';

const Mode = v1.DistributionMode;

/** The envelope fields the rules read. */
export type DistributionFacts = Pick<v1.IEnvelope, 'senderState' | 'handling' | 'distribution'>;

/** The route a payload carries, if its type has one (route-role distribution resolves against it). */
export function routeOf(decoded: DecodedPayload): v1.IRoute | null | undefined {
  if (decoded.name === 'case-alert' || decoded.name === 'intelligence-report') return decoded.message.route;
  return undefined;
}

/** The states on the route holding one of the distribution's roles (the sender and unknown codes included). */
export function routeRoleStates(envelope: DistributionFacts, decoded: DecodedPayload): string[] {
  const roles = new Set(envelope.distribution?.routeRoles ?? []);
  return (routeOf(decoded)?.legs ?? []).filter((leg) => roles.has(leg.role ?? 0)).map((leg) => leg.state ?? '');
}

export function isPartnerState(code: string): boolean {
  return isStateCode(code) && stateInfo(code).membership === 'partner';
}

/** Throws RED_NEEDS_NAMED_RECIPIENTS or PARTNER_NOT_PERMITTED, the hub's first two handling rules. */
export function checkHandlingPolicy(envelope: DistributionFacts): void {
  const mode = envelope.distribution?.mode ?? Mode.DISTRIBUTION_MODE_UNSPECIFIED;
  if (envelope.handling === v1.HandlingMark.HANDLING_MARK_RED && mode !== Mode.DISTRIBUTION_MODE_NAMED) {
    throw new RejectionError('RED_NEEDS_NAMED_RECIPIENTS', `TLP:RED must use distribution.mode NAMED, not ${Mode[mode]}`);
  }
  const sender = envelope.senderState ?? '';
  if (isPartnerState(sender) && mode !== Mode.DISTRIBUTION_MODE_NAMED) {
    throw new RejectionError('PARTNER_NOT_PERMITTED', `partner state ${sender} may only use distribution.mode NAMED, not ${Mode[mode]}`);
  }
}

export function noRecipients(mode: v1.DistributionMode): RejectionError {
  return new RejectionError('NO_RECIPIENTS', `distribution ${Mode[mode]} resolves to no state on this hub other than the sender`);
}

/**
 * What a sender can check of the hub's rules before publishing (the hub also knows which states
 * are on it, its sharing groups and drills, so it may still refuse more): the handling policy,
 * and a route-role distribution that names no known state but the sender. Throws RejectionError.
 */
export function checkDistributionBeforeSending(envelope: DistributionFacts, decoded: DecodedPayload): void {
  checkHandlingPolicy(envelope);
  if (envelope.distribution?.mode !== Mode.DISTRIBUTION_MODE_ROUTE_ROLES) return;
  // Replies go where the hub's index says (section 10), whatever their distribution.
  if (decoded.name === 'acknowledgement' || decoded.name === 'assistance-response' || decoded.name === 'retraction') return;
  const others = routeRoleStates(envelope, decoded).filter((state) => state !== envelope.senderState && isStateCode(state));
  if (others.length === 0) throw noRecipients(Mode.DISTRIBUTION_MODE_ROUTE_ROLES);
}
