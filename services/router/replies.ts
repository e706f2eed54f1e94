// Messages that refer back to an earlier one travel to whoever that message concerns, whatever
// their own distribution says: receipts and answers to its sender, a retraction to everyone who
// received the original. The index tells the router who that is.
import { type DecodedPayload, type Envelope, RejectionError, type StateCode } from '../core/mod.ts';
import type { IndexedMessage, MessageIndex } from './message-index.ts';

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

export async function replyRecipients(envelope: Envelope, decoded: DecodedPayload, index: MessageIndex): Promise<StateCode[] | undefined> {
  const referenced = referencedMessageId(decoded);
  if (referenced === undefined) return undefined;
  const original = await index.get(referenced);
  if (!original) throw new RejectionError('UNKNOWN_MESSAGE', `${decoded.name} refers to ${referenced}, which this hub never delivered`);
  if (original.exercise !== envelope.exercise) {
    throw new RejectionError('TRAFFIC_CLASS_MISMATCH', `${decoded.name} and the message it refers to must both be exercise or both real`);
  }
  if (decoded.name === 'retraction') return retractionRecipients(envelope, original);
  if (!original.recipients.includes(envelope.senderState)) {
    throw new RejectionError('NOT_A_RECIPIENT', `${envelope.senderState} did not receive ${referenced}, so it cannot send a ${decoded.name} for it`);
  }
  return [original.sender as StateCode];
}

function retractionRecipients(envelope: Envelope, original: IndexedMessage): StateCode[] {
  if (original.sender !== envelope.senderState) {
    throw new RejectionError('RETRACTION_NOT_OWNER', `${original.messageId} was sent by ${original.sender}; only it may retract it`);
  }
  return [...original.recipients] as StateCode[];
}
