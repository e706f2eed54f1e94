// What a router decision leads to, written to JetStream: the recipients' copies, hit notices and
// receipts for a delivery; the answer and notices of a hit/no-hit query; the dead letter and the
// sender's REJECTED receipt for a rejection; and the retry or dead letter of a submission the hub
// itself failed on. Every refused submission is answered exactly once: the receipt id is derived
// from the submission's place in the stream.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { CONTRACT_VERSION, HEADERS, HUB_RETRY_POLICY, HUB_SENDER, judgeFailure, type Logger, type ReasonCode, type StateCode, subjects, submissionSender, trafficClassOf, tryDecodeEnvelope, v1 } from '../core/mod.ts';
import { envelopeDigest } from './content-digest.ts';
import type { Decision, Delivery, Rejection } from './decide-submission.ts';
import { answerHitQuery } from './hit-query.ts';
import { forgetSightings, notifyHits, sightingsOf } from './hit-notices.ts';
import type { StateInboxes } from './direct-hand-overs.ts';
import { publishCopy, publishReceipt, type HubIdentity } from './hub-outbox.ts';
import { followsEarlierMessages } from './ordering-keys.ts';
import type { MessageIndex } from './message-index.ts';
import { refusalAnswer, refusedMessageId } from './refusal-answer.ts';

export interface CarryOutContext {
  readonly js: JetStreamClient;
  readonly index: MessageIndex;
  readonly hub: HubIdentity;
  readonly logger: Logger;
  /**
   * Where copies and DELIVERED receipts are handed straight to their state's inbox
   * (direct-hand-overs.ts); without it they go to its outbox.
   */
  readonly inboxes?: StateInboxes;
  /** Counts the copies handed straight into an inbox. */
  readonly counted?: { handedOverDirectly: number };
}

/** Carries the decision out; returns what it became (a delivery can still lose its message id to an earlier claim). */
export async function carryOut(context: CarryOutContext, decision: Decision, message: JsMsg, nowMs: number): Promise<Decision['kind']> {
  if (decision.kind === 'deliver') {
    const refused = await deliver(context, decision, message.data, nowMs);
    if (!refused) return 'deliver';
    await reject(context, refused, message, nowMs);
    return 'reject';
  }
  await reject(context, decision, message, nowMs);
  return 'reject';
}

/** Returns a rejection instead when the message id is bound to another message. */
async function deliver(context: CarryOutContext, decision: Delivery, bytes: Uint8Array, nowMs: number): Promise<Rejection | undefined> {
  const { js, index } = context;
  const { envelope, recipients } = decision;
  const traffic = trafficClassOf(envelope);
  const isQuery = decision.decoded.name === 'hit-query';
  // Claimed before any copy exists: a reply can never arrive for a message the hub forgot, and an
  // id another state already used can never be taken over.
  const claim = await index.claim({
    messageId: envelope.messageId,
    sender: envelope.senderState,
    // A query is delivered to nobody: its scope received nothing a reply could refer to.
    recipients: isQuery ? [] : recipients,
    payloadName: decision.decoded.name,
    handling: envelope.handling,
    exercise: envelope.exercise,
    drillId: envelope.drillId,
    envelopeDigest: envelopeDigest(bytes),
    sightingKeys: sightingsOf(decision).map(({ key }) => key),
  });
  if (claim.kind === 'conflict') {
    const reason = claim.code === 'MESSAGE_ID_TAKEN'
      ? `message_id ${envelope.messageId} belongs to a message another state sent; choose a new id`
      : `message_id ${envelope.messageId} was already used by ${envelope.senderState} for different content; new content needs a new id`;
    return { kind: 'reject', code: claim.code, reason, sender: decision.submission.sender, messageId: envelope.messageId, envelope };
  }
  // A drill's registration (or its end) is durable before any participant holds the control message.
  if (decision.drillUpdate) await index.putDrill(decision.drillUpdate);
  // No copies, sightings or DELIVERED receipts for a query: its answer takes their place.
  if (isQuery) {
    await answerHitQuery(context, decision, nowMs);
    return undefined;
  }
  const handling = envelope.handling;
  if (handling === v1.HandlingMark.HANDLING_MARK_AMBER_STRICT || handling === v1.HandlingMark.HANDLING_MARK_RED) {
    await index.addRestrictedHolders(decision.contentDigest, recipients);
  }
  // The sender's exact bytes travel on (unknown newer fields included); each recipient verifies them.
  // Straight into the inbox only when nothing earlier must reach the recipient first.
  const inboxes = followsEarlierMessages(envelope, decision.decoded) ? undefined : context.inboxes;
  await Promise.all(
    recipients.map(async (recipient) => {
      const copy = { to: recipient, traffic, payloadName: decision.decoded.name, messageId: envelope.messageId, expiresAtUnixMs: Number(envelope.expiresAtUnixMs), bytes };
      if ((await publishCopy(js, copy, inboxes)) === 'inbox' && context.counted) context.counted.handedOverDirectly += 1;
    }),
  );
  await notifyHits(context, decision, nowMs);
  if (decision.decoded.name === 'retraction') await forgetSightings(index, decision.decoded.message.retractedMessageId);
  // Receipts only after every copy is written: "delivered" means durably on the hub or in the
  // recipient's inbox. An acknowledgement gets none, or receipts would answer receipts. They go
  // straight into the sender's inbox when its leaf takes them (direct-hand-overs.ts), else to its outbox.
  const receiptsFor = decision.decoded.name === 'acknowledgement' ? [] : recipients;
  const status = v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED;
  await Promise.all(
    receiptsFor.map((recipient) =>
      publishReceipt(js, context.hub, {
        messageId: context.hub.ids.derive(envelope.messageId, recipient, v1.AcknowledgementStatus[status], envelope.senderState),
        status,
        to: envelope.senderState,
        acknowledgedMessageId: envelope.messageId,
        acknowledgingState: recipient,
        exercise: envelope.exercise,
        drillId: envelope.drillId,
        caseReference: envelope.caseReference,
        nowMs,
      }, context.inboxes),
    ),
  );
  context.logger.info(
    { messageId: envelope.messageId, sender: envelope.senderState, payload: decision.decoded.name, recipients },
    'delivered',
  );
  return undefined;
}

async function reject(context: CarryOutContext, decision: Rejection, message: JsMsg, nowMs: number): Promise<void> {
  const messageId = refusedMessageId(decision.envelope, message.headers?.get(HEADERS.msgId));
  await deadLetter(context.js, message, decision.sender ?? 'UNKNOWN', decision.code, decision.reason, messageId);
  // The sender is known from the subject; only a subject outside tip.v1.submit.<STATE>. (which no
  // state can publish on) leaves nobody to tell.
  if (decision.sender) await answerRefusal(context, message, decision.sender, decision.code, decision.reason, decision.envelope, nowMs);
  context.logger.warn({ messageId, sender: decision.sender, code: decision.code, reason: decision.reason }, 'rejected');
}

/** The one REJECTED receipt a refused submission gets: its id comes from the submission's place in the stream. */
async function answerRefusal(
  context: CarryOutContext, message: JsMsg, sender: StateCode, code: ReasonCode, reason: string,
  envelope: Rejection['envelope'], nowMs: number,
): Promise<void> {
  const answer = refusalAnswer({ sender, subject: message.subject, envelope, publisherMessageId: message.headers?.get(HEADERS.msgId) });
  await publishReceipt(context.js, context.hub, {
    messageId: context.hub.ids.derive('rejected', String(message.info.streamSequence), String(message.info.timestampNanos)),
    status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_REJECTED,
    to: answer.to,
    acknowledgedMessageId: answer.acknowledgedMessageId,
    acknowledgingState: HUB_SENDER,
    reasonCode: code,
    reason: singleLine(reason),
    exercise: answer.traffic === 'exercise',
    drillId: answer.drillId,
    caseReference: answer.caseReference,
    nowMs,
  });
}

/** Reasons are built by the hub, but may quote a subject or a decoder's message: keep them one clean line. */
function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

async function deadLetter(js: JetStreamClient, message: JsMsg, sender: string, code: ReasonCode, reason: string, messageId: string): Promise<void> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.reason, code);
  h.set(HEADERS.reasonText, singleLine(reason));
  h.set(HEADERS.originalSubject, message.subject);
  // Stream sequence makes the id unique even when the sender's own id was unreadable.
  await js.publish(subjects.deadLetter(sender, code), message.data, {
    msgID: `deadletter.${message.info.streamSequence}.${messageId}`,
    headers: h,
  });
}

/**
 * A hub-side fault (e.g. the stream briefly without a leader) is retried with HUB_RETRY_POLICY's
 * backoff; a permanent one, or one that outlasts the policy's attempts, is dead-lettered as
 * PROCESSING_FAILED and the sender told, who may send it again.
 */
export async function handleFailure(context: CarryOutContext, message: JsMsg, error: unknown, nowMs: number): Promise<void> {
  const attempt = message.info.deliveryCount;
  const streamSequence = message.info.streamSequence;
  const verdict = judgeFailure(error, attempt, HUB_RETRY_POLICY);
  if (verdict.action === 'retry') {
    context.logger.error({ err: error, attempt, streamSequence, retryInMs: verdict.delayMs }, 'submission failed; will retry');
    message.nak(verdict.delayMs);
    return;
  }
  context.logger.error({ err: error, attempt, streamSequence, why: verdict.why }, 'submission failed; dead-lettering it as PROCESSING_FAILED');
  try {
    await deadLetterFailure(context, message, attempt, nowMs);
    message.ack();
  } catch (deadLetterError) {
    // The dead letter itself could not be written (the hub is still unwell): try the whole thing later.
    context.logger.error({ err: deadLetterError, attempt, streamSequence }, 'could not dead-letter a failed submission; will retry');
    message.nak(HUB_RETRY_POLICY.maxDelayMs);
  }
}

async function deadLetterFailure(context: CarryOutContext, message: JsMsg, attempt: number, nowMs: number): Promise<void> {
  const sender = submissionSender(message.subject);
  const reason = `the hub gave up after ${attempt} attempts at ${new Date(nowMs).toISOString()}; the submission may be sent again`;
  const envelope = tryDecodeEnvelope(message.data);
  await deadLetter(context.js, message, sender ?? 'UNKNOWN', 'PROCESSING_FAILED', reason, refusedMessageId(envelope, message.headers?.get(HEADERS.msgId)));
  if (sender) await answerRefusal(context, message, sender, 'PROCESSING_FAILED', reason, envelope, nowMs);
}
