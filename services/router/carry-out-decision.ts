// What a router decision leads to, written to JetStream: the recipients' copies, hit notices and
// receipts for a delivery; the dead letter and the sender's REJECTED receipt for a rejection; and
// the retry or dead letter of a submission the hub itself failed on.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { encodeEnvelope } from '../core/codec.ts';
import { HUB_SENDER } from '../core/member-states.ts';
import type { PayloadName } from '../core/payload-registry.ts';
import { v1, type Envelope } from '../core/proto.ts';
import { CONTRACT_VERSION, HEADERS, subjects, trafficClassOf } from '../core/subjects.ts';
import type { Decision, Delivery, Rejection } from './decide-submission.ts';
import { findHits, keyedIdentifiersOf, sightingKey } from './hit-matching.ts';
import { hubHitNotice, hubReceipt, receiptMessageId } from './receipts.ts';
import type { RouterOptions } from './router-service.ts';

/** After this many failed attempts on one submission (a hub fault), it is dead-lettered. */
const MAX_ATTEMPTS = 5;

export async function carryOut(js: JetStreamClient, decision: Decision, message: JsMsg, options: RouterOptions, nowMs: number): Promise<void> {
  if (decision.kind === 'deliver') await deliver(js, decision, message.data, options, nowMs);
  else await reject(js, decision, message, options, nowMs);
}

async function deliver(js: JetStreamClient, decision: Delivery, bytes: Uint8Array, options: RouterOptions, nowMs: number): Promise<void> {
  const { envelope, recipients } = decision;
  const traffic = trafficClassOf(envelope);
  // Indexed before any copy exists, so a reply can never arrive for a message the hub forgot.
  await options.context.index.put({
    messageId: envelope.messageId,
    sender: envelope.senderState,
    recipients,
    payloadName: decision.decoded.name,
    handling: envelope.handling,
    exercise: envelope.exercise,
    drillId: envelope.drillId,
  });
  if (envelope.handling === v1.HandlingMark.HANDLING_MARK_AMBER_STRICT) {
    await options.context.index.putStrictHolders(envelope.payload, recipients);
  }
  // The sender's exact bytes travel on (unknown newer fields included); each recipient verifies them.
  await Promise.all(
    recipients.map(async (recipient) => {
      const h = headers();
      h.set(HEADERS.contract, CONTRACT_VERSION);
      h.set(HEADERS.recipient, recipient);
      await js.publish(subjects.outbox(recipient, traffic, decision.decoded.name), bytes, {
        msgID: `${envelope.messageId}.${recipient}`,
        headers: h,
      });
    }),
  );
  await notifyHits(js, decision, options, nowMs);
  // Receipts only after every copy is written: "delivered" means durably on the hub. An
  // acknowledgement gets none, or receipts would answer receipts.
  const receiptsFor = decision.decoded.name === 'acknowledgement' ? [] : recipients;
  await Promise.all(
    receiptsFor.map((recipient) =>
      publishReceipt(js, options, {
        status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED,
        to: envelope.senderState,
        acknowledgedMessageId: envelope.messageId,
        acknowledgingState: recipient,
        exercise: envelope.exercise,
        drillId: envelope.drillId,
        caseReference: envelope.caseReference,
        nowMs,
      }),
    ),
  );
  options.logger.info(
    { messageId: envelope.messageId, sender: envelope.senderState, payload: decision.decoded.name, recipients },
    'delivered',
  );
}

/**
 * Records the keyed identifiers of a delivered message and tells both sides of every match with
 * another state's earlier message. Redone after a crash, the notices keep their ids (de-duplicated)
 * and the sightings are not added twice.
 */
async function notifyHits(js: JetStreamClient, decision: Delivery, options: RouterOptions, nowMs: number): Promise<void> {
  const { envelope } = decision;
  const identifiers = keyedIdentifiersOf(decision.decoded);
  if (identifiers.length === 0) return;
  const traffic = envelope.exercise ? `exercise:${envelope.drillId}` : 'real';
  const index = options.context.index;
  // Recording and reading are one atomic step per identifier, so concurrent routers cannot both miss the match.
  const earlier = await Promise.all(identifiers.map(async (identifier) => {
    const identifierKind = identifier.kind ?? 0;
    const sighting = { state: envelope.senderState, messageId: envelope.messageId, traffic, identifierKind };
    return { identifierKind, earlier: await index.addSighting(sightingKey(identifier), sighting) };
  }));
  const hits = findHits({ state: envelope.senderState, messageId: envelope.messageId, traffic }, earlier);
  for (const hit of hits) {
    const hitId = receiptMessageId('hit', ...[envelope.messageId, hit.counterpart.messageId].sort());
    const common = { hitId, identifierKind: hit.identifierKind, matchedIdentifiers: hit.matchedIdentifiers, exercise: envelope.exercise, drillId: envelope.drillId, nowMs };
    const notices = [
      hubHitNotice({ ...common, to: envelope.senderState, yourMessageId: envelope.messageId, counterpartState: hit.counterpart.state }, options.hubKey),
      hubHitNotice({ ...common, to: hit.counterpart.state, yourMessageId: hit.counterpart.messageId, counterpartState: envelope.senderState }, options.hubKey),
    ];
    await Promise.all(notices.map((notice) => publishHubMessage(js, notice, 'hit-notice')));
    options.logger.info({ hitId, states: [envelope.senderState, hit.counterpart.state], matched: hit.matchedIdentifiers }, 'hit');
  }
}

async function reject(js: JetStreamClient, decision: Rejection, message: JsMsg, options: RouterOptions, nowMs: number): Promise<void> {
  const publisherId = message.headers?.get(HEADERS.msgId) ?? '';
  const messageId = decision.messageId ?? publisherId;
  await deadLetter(js, message, decision.sender ?? 'UNKNOWN', decision.code, decision.reason, messageId);
  // Only an authenticated sender (known from its subject) is told; an unknown one cannot be reached.
  if (decision.sender) {
    await publishReceipt(js, options, {
      status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_REJECTED,
      to: decision.sender,
      acknowledgedMessageId: messageId,
      acknowledgingState: HUB_SENDER,
      reasonCode: decision.code,
      reason: decision.reason,
      exercise: decision.envelope?.exercise ?? message.subject.includes('.exercise.'),
      drillId: decision.envelope?.drillId ?? '',
      caseReference: decision.envelope?.caseReference ?? '',
      nowMs,
    });
  }
  options.logger.warn({ messageId, sender: decision.sender, code: decision.code, reason: decision.reason }, 'rejected');
}

async function deadLetter(
  js: JetStreamClient,
  message: JsMsg,
  sender: string,
  code: Rejection['code'],
  reason: string,
  messageId: string,
): Promise<void> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.reason, code);
  h.set(HEADERS.reasonText, reason.replace(/[\r\n]+/g, ' '));
  h.set(HEADERS.originalSubject, message.subject);
  // Stream sequence makes the id unique even when the sender's own id was unreadable.
  await js.publish(subjects.deadLetter(sender, code), message.data, {
    msgID: `deadletter.${message.info.streamSequence}.${messageId}`,
    headers: h,
  });
}

async function publishReceipt(js: JetStreamClient, options: RouterOptions, input: Parameters<typeof hubReceipt>[0]): Promise<void> {
  await publishHubMessage(js, hubReceipt(input, options.hubKey), 'acknowledgement');
}

/** A message the hub itself originates, to its one named recipient's outbox. */
async function publishHubMessage(js: JetStreamClient, envelope: Envelope, payloadName: PayloadName): Promise<void> {
  const to = envelope.distribution?.states[0] ?? '';
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.recipient, to);
  await js.publish(subjects.outbox(to, trafficClassOf(envelope), payloadName), encodeEnvelope(envelope), {
    msgID: `${envelope.messageId}.${to}`,
    headers: h,
  });
}

/** A hub-side fault (e.g. the stream briefly without a leader): retry later, give up after MAX_ATTEMPTS. */
export async function handleFailure(js: JetStreamClient, message: JsMsg, error: unknown, options: RouterOptions, nowMs: number): Promise<void> {
  const attempt = message.info.deliveryCount;
  options.logger.error({ err: error, attempt, streamSequence: message.info.streamSequence }, 'submission failed');
  if (attempt < MAX_ATTEMPTS) {
    message.nak(Math.min(30_000, 500 * 2 ** attempt));
    return;
  }
  try {
    const sender = message.subject.split('.')[3] ?? 'UNKNOWN';
    await deadLetter(js, message, sender, 'PROCESSING_FAILED', `gave up after ${attempt} attempts at ${new Date(nowMs).toISOString()}`, message.headers?.get(HEADERS.msgId) ?? '');
    message.ack();
  } catch {
    message.nak(30_000);
  }
}
