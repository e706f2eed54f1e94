// Who receives an accepted envelope, and the handling rules that can refuse it. Pure: the same
// envelope and policy always give the same answer, which the router's tests rely on.
import { checkHandlingPolicy, type DecodedPayload, includesState, isStateCode, noRecipients, RejectionError, routeOf, routeRoleStates, type StateCode, v1 } from '../core/mod.ts';
import { isPartner, type RoutingPolicy } from './routing-policy.ts';

export { routeOf };

const Mode = v1.DistributionMode;

export function resolveRecipients(envelope: v1.Envelope, decoded: DecodedPayload, policy: RoutingPolicy): StateCode[] {
  const sender = envelope.senderState;
  const distribution = envelope.distribution;
  const mode = distribution?.mode ?? Mode.DISTRIBUTION_MODE_UNSPECIFIED;

  // The rules a sender can check itself come from core, so a node refuses in the same words.
  checkHandlingPolicy(envelope);

  let chosen: string[];
  switch (mode) {
    case Mode.DISTRIBUTION_MODE_NAMED: {
      const named = distribution?.states ?? [];
      const absent = named.filter((state) => !includesState(policy.states, state));
      if (absent.length > 0) {
        throw new RejectionError('UNKNOWN_RECIPIENT', `distribution.states names ${absent.join(', ')}, not on this hub`);
      }
      chosen = named;
      break;
    }
    case Mode.DISTRIBUTION_MODE_ROUTE_ROLES:
      chosen = routeRoleStates(envelope, decoded);
      break;
    case Mode.DISTRIBUTION_MODE_REGIONAL_BROADCAST:
      // Partners take part in no broadcast (see member-states.ts).
      chosen = policy.states.filter((state) => !isPartner(state));
      break;
    case Mode.DISTRIBUTION_MODE_SHARING_GROUP: {
      const name = distribution?.sharingGroup ?? '';
      const group = policy.sharingGroups[name];
      if (!group) throw new RejectionError('UNKNOWN_SHARING_GROUP', `distribution.sharing_group "${name}" is not defined on this hub`);
      chosen = [...group];
      break;
    }
    default:
      throw new RejectionError('INVALID_ENVELOPE', 'distribution.mode: must be set');
  }

  const recipients = unique(chosen).filter(
    (state): state is StateCode => state !== sender && isStateCode(state) && policy.states.includes(state),
  );

  if (envelope.exercise) {
    const participants = policy.drills[envelope.drillId];
    if (!participants) {
      throw new RejectionError('NOT_A_DRILL_PARTICIPANT', `drill_id "${envelope.drillId}" is not a drill running on this hub`);
    }
    if (!includesState(participants, sender)) {
      throw new RejectionError('NOT_A_DRILL_PARTICIPANT', `sender ${sender} does not take part in drill "${envelope.drillId}"`);
    }
    const outsiders = recipients.filter((state) => !participants.includes(state));
    // Named outsiders are an error the sender must fix; broadcast or route roles just narrow to the drill.
    if (mode === Mode.DISTRIBUTION_MODE_NAMED && outsiders.length > 0) {
      throw new RejectionError('NOT_A_DRILL_PARTICIPANT', `${outsiders.join(', ')} do not take part in drill "${envelope.drillId}"`);
    }
    const inDrill = recipients.filter((state) => participants.includes(state));
    if (inDrill.length === 0) throw noRecipients(mode);
    return inDrill;
  }
  if (recipients.length === 0) throw noRecipients(mode);
  return recipients;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
