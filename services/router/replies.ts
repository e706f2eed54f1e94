// Messages that refer back to an earlier one travel to whoever that message concerns, whatever
// their own distribution says: receipts and answers to its sender, a retraction to everyone who
// received the original. The index tells the router who that is; the rules themselves are core's
// (reply-rules.ts), shared with the nodes that check them before sending.
import { type DecodedPayload, type Envelope, referencedMessageId, RejectionError, replyRecipientsOf, type StateCode } from '../core/mod.ts';
import type { MessageIndex } from './message-index.ts';

export { referencedMessageId };

export async function replyRecipients(envelope: Envelope, decoded: DecodedPayload, index: MessageIndex): Promise<StateCode[] | undefined> {
  const referenced = referencedMessageId(decoded);
  if (referenced === undefined) return undefined;
  const original = await index.get(referenced);
  if (!original) throw new RejectionError('UNKNOWN_MESSAGE', `${decoded.name} refers to ${referenced}, which this hub never delivered`);
  return replyRecipientsOf(envelope, decoded, original) as StateCode[];
}
