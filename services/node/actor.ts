// Who acts when a state acknowledges a message: the unit (named on the wire as the
// acknowledgement's sender_unit) and a reference to the officer (in its note, "officer <ref>").
// A reference, not a name: the contract carries no personal data of officers either, and the
// state's own records say who holds a reference.
import { z } from 'zod';
import { InputValidationError, LIMITS, parseWithProblems, requiredText } from '../core/mod.ts';

export interface Actor {
  /** The acting unit, e.g. "KHM-NCB-PHNOM-PENH". */
  readonly unit: string;
  /** The officer's reference within the state, e.g. "sokha" or "off-0042": 1 to 64 letters, digits, dots, dashes or underscores. */
  readonly officerRef: string;
}

export const OFFICER_REF = /^[A-Za-z0-9_.-]{1,64}$/;

const actorSchema = z.object({
  unit: requiredText(LIMITS.maxShortTextChars),
  officerRef: z.string().regex(OFFICER_REF, 'must be 1 to 64 letters, digits, dots, dashes or underscores'),
});

/** The actor, checked; InputValidationError naming each field (`actor.unit`, `actor.officerRef`) otherwise. */
export function parseActor(actor: unknown): Actor {
  const parsed = parseWithProblems(actorSchema, actor, 'actor');
  if (!parsed.ok) throw new InputValidationError('acknowledgement', parsed.problems);
  return Object.freeze({ unit: parsed.data.unit, officerRef: parsed.data.officerRef });
}

/** The acknowledgement's note that names the officer. */
export function officerNote(actor: Actor): string {
  return `officer ${actor.officerRef}`;
}
