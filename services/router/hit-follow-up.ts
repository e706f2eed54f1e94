// An assistance request that follows up a hit (follows_up_hit_id) may go only from a state the hub
// told of that hit, to the hit's other party (core's rule). Pure: the hit record in, a rejection or nothing out.
import { checkHitFollowUp } from '../core/mod.ts';
import type { HitRecord } from './message-index.ts';

export interface FollowUp {
  readonly hitId: string;
  readonly sender: string;
  readonly requestedState: string;
  readonly traffic: string;
}

/** The hub's side of core's rule: the hit record says who was told and who the other parties are. */
export function checkFollowUp(record: HitRecord | undefined, followUp: FollowUp): void {
  const known = record && {
    toldToSender: record.parties.some((party) => party.state === followUp.sender && party.told),
    otherParties: record.parties.filter((party) => party.state !== followUp.sender).map((party) => party.state),
    traffic: record.traffic,
  };
  checkHitFollowUp(known, followUp);
}
