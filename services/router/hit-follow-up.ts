// An assistance request that follows up a hit (follows_up_hit_id) may go only from a state the hub
// told of that hit, to the hit's other party. Pure: the hit record in, a rejection or nothing out.
import { RejectionError } from '../core/mod.ts';
import type { HitRecord } from './message-index.ts';

export interface FollowUp {
  readonly hitId: string;
  readonly sender: string;
  readonly requestedState: string;
  readonly traffic: string;
}

/**
 * Throws UNKNOWN_HIT when the hit is unknown to the sender (no such hit, the sender was not told of
 * it, or it belongs to other traffic), in words that say nothing of who its parties are; and
 * NOT_HIT_COUNTERPART when requested_state is not the hit's other party.
 */
export function checkFollowUp(record: HitRecord | undefined, followUp: FollowUp): void {
  const own = record?.parties.find((party) => party.state === followUp.sender && party.told);
  if (!record || !own || record.traffic !== followUp.traffic) {
    throw new RejectionError('UNKNOWN_HIT', 'follows_up_hit_id names no hit this state was told of; use the hit_id of a hit notice or query answer it received');
  }
  const others = record.parties.filter((party) => party.state !== followUp.sender).map((party) => party.state);
  if (!others.includes(followUp.requestedState)) {
    throw new RejectionError('NOT_HIT_COUNTERPART', 'requested_state is not the other party of the hit named by follows_up_hit_id');
  }
}
