// Who may follow up a hit, and with whom: the one rule the hub enforces and a node checks before
// publishing, so both refuse with the same reason code and the same words. Pure.
import { RejectionError } from './errors.ts';

/** What the checker knows of a hit from the sender's side: told of it or not, and its other parties. */
export interface HitAsKnown {
  /** The hub told the sender of this hit (a hit notice or a query answer). */
  readonly toldToSender: boolean;
  /** The states on the other side of the hit. */
  readonly otherParties: readonly string[];
  readonly traffic: string;
}

export interface HitFollowUp {
  readonly hitId: string;
  readonly requestedState: string;
  readonly traffic: string;
}

/**
 * Throws UNKNOWN_HIT when the hit is unknown to the sender (no such hit, not told of it, other
 * traffic), in words that say nothing of its parties; NOT_HIT_COUNTERPART when requested_state is
 * not the hit's other party.
 */
export function checkHitFollowUp(hit: HitAsKnown | undefined, followUp: HitFollowUp): void {
  if (!hit || !hit.toldToSender || hit.traffic !== followUp.traffic) {
    throw new RejectionError('UNKNOWN_HIT', 'follows_up_hit_id names no hit this state was told of; use the hit_id of a hit notice or query answer it received');
  }
  if (!hit.otherParties.includes(followUp.requestedState)) {
    throw new RejectionError('NOT_HIT_COUNTERPART', 'requested_state is not the other party of the hit named by follows_up_hit_id');
  }
}
