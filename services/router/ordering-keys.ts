// What a submission must wait for, as keys for the router's scheduler: its own message id (a
// resend after the first), every message it refers to (a retraction after its message, a reply
// or receipt after what it answers), and, for exercise traffic, its sender's place in its drill (a
// drill's start before the sender's first exercise message in it). Submissions that share no key
// are routed side by side, whoever sent them. Pure.
import { decodePayload, type DecodedPayload, type Envelope, referencedMessageId, tryDecodeEnvelope } from '../core/mod.ts';

export function orderingKeys(data: Uint8Array, streamSequence: number): string[] {
  const envelope = tryDecodeEnvelope(data);
  // Bytes that do not decode only lead to a rejection, which depends on nothing routed before.
  if (!envelope || envelope.messageId === '') return [`sequence.${streamSequence}`];
  const keys = [`message.${envelope.messageId}`];
  if (envelope.inReplyTo !== '') keys.push(`message.${envelope.inReplyTo}`);
  const referenced = referencedOf(envelope);
  if (referenced) keys.push(`message.${referenced}`);
  if (envelope.exercise) keys.push(`drill.${envelope.drillId}.${envelope.senderState}`);
  return [...new Set(keys)];
}

/**
 * Whether a message must reach a recipient after earlier ones: it refers to a message (a reply,
 * receipt, answer or retraction) or is exercise traffic (after its drill's start). The router
 * hands only the others straight into an inbox; these keep the outbox's order behind what they
 * follow (direct-hand-overs.ts). Pure.
 */
export function followsEarlierMessages(envelope: Envelope, decoded: DecodedPayload): boolean {
  return envelope.exercise || envelope.inReplyTo !== '' || (referencedMessageId(decoded) ?? '') !== '';
}

function referencedOf(envelope: Envelope): string | undefined {
  try {
    return referencedMessageId(decodePayload(envelope)) || undefined;
  } catch {
    // An unknown or undecodable payload is rejected by the decision; it refers to nothing.
    return undefined;
  }
}
