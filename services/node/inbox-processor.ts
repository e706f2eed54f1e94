// The node's durable reader of its inbox (consumer "node" on TIP_INBOX): verify each delivery
// against the key directory, record it once, apply receipts and answers to what we sent, and tell
// listeners. A delivery that fails verification is recorded and answered with a REJECTED
// acknowledgement; one bad message never stops the loop. A store or network failure is retried.
// Each write commits before this returns, so the loop acknowledges a delivery only once it is durable.
import type { JsMsg } from '@nats-io/jetstream';
import { HUB_SENDER, isRejection, isStateCode, type KeyLookup, type Logger, refusedDeliveryKey, trafficClassOf, tryDecodeEnvelope, v1 } from '../core/mod.ts';
import type { AnsweredMessage } from './node-replies.ts';
import { openDelivery } from './open-delivery.ts';
import { summariseMessage, type MessageSummary } from './message-summary.ts';
import type { NodeEvents } from './node-events.ts';
import type { NodeStore } from './node-store.ts';
import { answerOf, applyAcknowledgement, applyAnswer } from './receipt-status.ts';

export interface InboxContext {
  readonly state: string;
  readonly store: NodeStore;
  readonly directory: KeyLookup;
  readonly events: NodeEvents;
  readonly logger: Logger;
  readonly now: () => number;
  /** Sends our REJECTED acknowledgement for a delivery we refused; returns its message id. */
  readonly answerRefusal: (refused: AnsweredMessage, reasonCode: string, reason: string) => Promise<string>;
}

export async function processDelivery(message: Pick<JsMsg, 'data' | 'seq'>, context: InboxContext): Promise<void> {
  let opened;
  try {
    opened = openDelivery(message.data, context.directory);
  } catch (error) {
    if (!isRejection(error)) throw error;
    await refuse(message, error.code, error.message, context);
    return;
  }
  const summary = summariseMessage(opened.envelope, opened.decoded);
  const record = { messageId: summary.messageId, summary, receivedAtUnixMs: context.now(), streamSequence: message.seq, acknowledged: {} };
  const first = await context.store.received.create(summary.messageId, record, opened.envelope);
  // Receipts and answers are applied even to a second copy: applying twice changes nothing, and a
  // crash between recording and applying must not lose them.
  const about = await applyToSent(summary, context);
  if (!first) {
    context.logger.debug({ messageId: summary.messageId, streamSequence: message.seq }, 'duplicate delivery ignored');
    return;
  }
  const event = summary.payloadName === 'acknowledgement' ? 'receipt' : 'delivery';
  context.events.emit(event, { event, summary, ...(about ? { about } : {}), atUnixMs: record.receivedAtUnixMs, streamSequence: message.seq });
  const ack = summary.acknowledgement;
  if (ack?.status === 'rejected') {
    context.events.emit('rejected', {
      direction: 'outgoing', messageId: ack.acknowledgedMessageId, by: ack.acknowledgingState, reasonCode: ack.reasonCode, reason: ack.reason,
    });
  }
  context.logger.info({ messageId: summary.messageId, sender: summary.sender, payload: summary.payloadName, streamSequence: message.seq }, 'received');
}

async function applyToSent(summary: MessageSummary, context: InboxContext): Promise<MessageSummary | undefined> {
  const targetId = summary.acknowledgement?.acknowledgedMessageId ?? summary.response?.requestMessageId;
  if (!targetId) return undefined;
  const sent = context.store.sent.get(targetId);
  if (!sent) return undefined;
  const answer = answerOf(summary);
  const updated = summary.acknowledgement ? applyAcknowledgement(sent, summary.acknowledgement) : answer ? applyAnswer(sent, answer) : sent;
  if (updated !== sent) await context.store.sent.put(targetId, updated);
  return sent.summary;
}

async function refuse(message: Pick<JsMsg, 'data' | 'seq'>, reasonCode: string, reason: string, context: InboxContext): Promise<void> {
  const key = refusedDeliveryKey(message.seq);
  if (context.store.refused.get(key)) return;
  // What the refused bytes let us read, if they are an envelope at all.
  const envelope = tryDecodeEnvelope(message.data);
  const payloadType = envelope?.payloadType ?? 0;
  const readable: AnsweredMessage | undefined = envelope && {
    messageId: envelope.messageId, sender: envelope.senderState, traffic: trafficClassOf(envelope),
    drillId: envelope.drillId, caseReference: envelope.caseReference,
  };
  let answeredWith: string | undefined;
  // A state is told; the hub's own receipts and other acknowledgements are not answered, so two
  // nodes that distrust each other cannot start an endless exchange of refusals.
  const isAcknowledgement = payloadType === v1.PayloadType.PAYLOAD_TYPE_ACKNOWLEDGEMENT;
  if (readable && readable.sender !== HUB_SENDER && isStateCode(readable.sender) && !isAcknowledgement && readable.messageId) {
    try {
      answeredWith = await context.answerRefusal(readable, reasonCode, reason);
    } catch (error) {
      context.logger.warn({ err: error, messageId: readable.messageId }, 'could not send the REJECTED acknowledgement');
    }
  }
  await context.store.refused.put(key, {
    streamSequence: message.seq, messageId: readable?.messageId ?? '', sender: readable?.sender ?? '', reasonCode, reason,
    refusedAtUnixMs: context.now(), ...(answeredWith ? { answeredWith } : {}),
  });
  context.events.emit('rejected', { direction: 'incoming', messageId: readable?.messageId ?? '', by: context.state, reasonCode, reason });
  context.logger.warn({ messageId: readable?.messageId, sender: readable?.sender, code: reasonCode, streamSequence: message.seq }, 'delivery refused');
}
