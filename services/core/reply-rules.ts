// Who may send a reply and where it goes, as the hub judges it (wire contract, section 10): an
// acknowledgement or assistance response goes to the sender of the message it names and only from
// a state that received it; a retraction goes to everyone who received the original and only from
// its sender; a reply keeps the original's traffic class. The router asks its index for the
// original; a node asks its own records (what it sent and received) and, when it knows the
// original, refuses before sending in these same words.
import type { DecodedPayload } from './codec.ts';
import { RejectionError } from './errors.ts';
import type { v1 } from './proto.ts';

/** What the rules need to know of the message a reply names. */
export interface OriginalMessage {
  readonly messageId: string;
  readonly sender: string;
  /** The states it was delivered to (never its sender). */
  readonly recipients: readonly string[];
  readonly exercise: boolean;
}

/** The id of the message a payload refers back to, if its type is a reply. */
export function referencedMessageId(decoded: DecodedPayload): string | undefined {
  switch (decoded.name) {
    case 'acknowledgement':
      return decoded.message.acknowledgedMessageId;
    case 'assistance-response':
      return decoded.message.requestMessageId;
    case 'retraction':
      return decoded.message.retractedMessageId;
    default:
      return undefined;
  }
}

/** The states a reply goes to; throws TRAFFIC_CLASS_MISMATCH, RETRACTION_NOT_OWNER or NOT_A_RECIPIENT. */
export function replyRecipientsOf(envelope: Pick<v1.IEnvelope, 'senderState' | 'exercise'>, decoded: DecodedPayload, original: OriginalMessage): string[] {
  const sender = envelope.senderState ?? '';
  if (original.exercise !== (envelope.exercise === true)) {
    throw new RejectionError('TRAFFIC_CLASS_MISMATCH', `${decoded.name} and the message it refers to must both be exercise or both real`);
  }
  if (decoded.name === 'retraction') {
    if (original.sender !== sender) {
      throw new RejectionError('RETRACTION_NOT_OWNER', `${original.messageId} was sent by ${original.sender}; only it may retract it`);
    }
    return [...original.recipients];
  }
  if (!original.recipients.includes(sender)) {
    throw new RejectionError('NOT_A_RECIPIENT', `${sender} did not receive ${original.messageId}, so it cannot send a ${decoded.name} for it`);
  }
  return [original.sender];
}
