// What a submission must wait for, as keys for the router's scheduler: its own message id (a
// resend after the first), every message it refers to (a retraction after its message, a reply
// or receipt after what it answers), and, for exercise traffic, its sender's place in its drill (a
// drill's start before the sender's first exercise message in it). Submissions that share no key
// are routed side by side, whoever sent them. Pure.
import { decodePayload, type Envelope, referencedMessageId, tryDecodeEnvelope } from '../core/mod.ts';

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

function referencedOf(envelope: Envelope): string | undefined {
  try {
    return referencedMessageId(decodePayload(envelope)) || undefined;
  } catch {
    // An unknown or undecodable payload is rejected by the decision; it refers to nothing.
    return undefined;
  }
}
