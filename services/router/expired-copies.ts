// A copy whose message expired while its recipient's leaf was away is never handed over (the
// sender set the expiry; the content may be stale or dangerous by then). The sender learns it:
// a hub-signed REJECTED receipt with EXPIRED, naming the recipient that did not get it.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope, HUB_SENDER, type Logger, type StateCode, v1 } from '../core/mod.ts';
import { publishReceipt, type HubIdentity } from './hub-outbox.ts';

export interface ExpiredCopyContext {
  readonly js: JetStreamClient;
  readonly hub: HubIdentity;
  readonly logger: Logger;
}

export async function answerExpiredCopy(context: ExpiredCopyContext, message: JsMsg, recipient: StateCode, nowMs: number): Promise<void> {
  // The router accepted these bytes, so they decode; the hub's own messages and acknowledgements get no answer.
  const envelope = decodeEnvelope(message.data);
  const expiredAt = new Date(Number(envelope.expiresAtUnixMs)).toISOString();
  context.logger.info({ messageId: envelope.messageId, sender: envelope.senderState, recipient }, 'expired before the recipient could store it');
  if (envelope.senderState === HUB_SENDER || envelope.payloadType === v1.PayloadType.PAYLOAD_TYPE_ACKNOWLEDGEMENT) return;
  const status = v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_REJECTED;
  await publishReceipt(context.js, context.hub, {
    messageId: context.hub.ids.derive(envelope.messageId, recipient, 'EXPIRED', envelope.senderState),
    status,
    to: envelope.senderState,
    acknowledgedMessageId: envelope.messageId,
    acknowledgingState: recipient,
    reasonCode: 'EXPIRED',
    reason: `expired at ${expiredAt}, before ${recipient}'s node could store it; it was not delivered to ${recipient}`,
    exercise: envelope.exercise,
    drillId: envelope.drillId,
    caseReference: envelope.caseReference,
    nowMs,
  });
}
