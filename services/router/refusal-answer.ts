// Where and how the hub answers a submission it refused. The answer goes to the state whose
// subject it arrived on (only that state's account can publish there), in the traffic class it was
// sent in, and carries only what the refused bytes hold in valid form: a REJECTED receipt must pass
// the sender's own checks, or the sender would never see it. Pure.
import { CASE_REFERENCE, type Envelope, hasControlCharacters, LIMITS, LOWER_UUID, NIL_MESSAGE_ID, type StateCode, submissionTraffic, type TrafficClass } from '../core/mod.ts';

/** Stands in for a drill id the refused bytes did not carry in valid form. */
export const UNREADABLE_DRILL_ID = 'unreadable-drill-id';

export interface RefusalAnswer {
  readonly to: StateCode;
  readonly traffic: TrafficClass;
  readonly drillId: string;
  /** The refused message's id; else the publisher's Nats-Msg-Id; else the nil UUID. */
  readonly acknowledgedMessageId: string;
  readonly caseReference: string;
}

/** The message id of a refused envelope, if it is one a receipt may carry. */
export function readableMessageId(envelope: Pick<Envelope, 'messageId'> | undefined): string | undefined {
  return envelope && LOWER_UUID.test(envelope.messageId) ? envelope.messageId : undefined;
}

/** The id a refusal names (receipt and dead letter alike): the message id; else the publisher's Nats-Msg-Id; else the nil UUID. */
export function refusedMessageId(envelope: Pick<Envelope, 'messageId'> | undefined, publisherMessageId: string | undefined): string {
  const publisherId = publisherMessageId ?? '';
  return readableMessageId(envelope) ?? (LOWER_UUID.test(publisherId) ? publisherId : NIL_MESSAGE_ID);
}

export function refusalAnswer(input: {
  readonly sender: StateCode;
  readonly subject: string;
  readonly envelope: Envelope | undefined;
  readonly publisherMessageId: string | undefined;
}): RefusalAnswer {
  const { envelope } = input;
  // The subject's traffic token decides; a malformed token falls back to the envelope's own flag.
  const traffic = submissionTraffic(input.subject) ?? (envelope?.exercise ? 'exercise' : 'real');
  const drillId = envelope?.drillId ?? '';
  const validDrillId = drillId.trim() !== '' && drillId.length <= LIMITS.maxShortTextChars && !hasControlCharacters(drillId);
  return {
    to: input.sender,
    traffic,
    drillId: traffic === 'exercise' ? (validDrillId ? drillId : UNREADABLE_DRILL_ID) : '',
    acknowledgedMessageId: refusedMessageId(envelope, input.publisherMessageId),
    caseReference: envelope && CASE_REFERENCE.test(envelope.caseReference) ? envelope.caseReference : '',
  };
}
