// Wiring of the router: a durable pull consumer on the submissions stream, the pure decision, and
// the writes it implies. A submission is acknowledged only after every write it caused has a
// JetStream PubAck, so a crash at any point means redelivery, and Nats-Msg-Id de-duplication
// turns the redone writes into no-ops.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerConfig, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { encodeEnvelope } from '../core/codec.ts';
import { HUB_SENDER } from '../core/member-states.ts';
import { v1, type Envelope } from '../core/proto.ts';
import type { PayloadName } from '../core/payload-registry.ts';
import type { Logger } from '../core/logging/mod.ts';
import type { SigningKey } from '../core/signing/mod.ts';
import { CONTRACT_VERSION, HEADERS, STREAMS, subjects, trafficClassOf } from '../core/subjects.ts';
import { decideSubmission, type Decision, type Delivery, type Rejection, type RouterContext } from './decide-submission.ts';
import { findHits, keyedIdentifiersOf, sightingKey } from './hit-matching.ts';
import { hubHitNotice, hubReceipt, receiptMessageId } from './receipts.ts';

export const ROUTER_CONSUMER = 'router';
/**
 * A pull request waiting on a consumer whose leader moves (a hub node stopping) is lost with it,
 * and the client only notices when the request expires. Short pulls bound that stall to ~2 s.
 */
export const PULL_EXPIRES_MS = 2_000;
/** Submissions handled at once by one router instance (across senders). */
const MAX_IN_FLIGHT = 32;
/** A reply to a message the index does not know yet is looked at again this often before refusal. */
const UNKNOWN_MESSAGE_ATTEMPTS = 4;
const UNKNOWN_MESSAGE_RETRY_MS = 500;
/** After this many failed attempts on one submission (a hub fault), it is dead-lettered. */
const MAX_ATTEMPTS = 5;

export interface RouterOptions {
  readonly nc: NatsConnection;
  readonly context: RouterContext;
  readonly hubKey: SigningKey;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface RouterStats {
  submissions: number;
  /** Replies put back because the message they refer to was not indexed yet. */
  postponed: number;
  delivered: number;
  rejected: number;
  failures: number;
}

export interface RunningRouter {
  readonly stats: Readonly<RouterStats>;
  /** Stops pulling, lets the message in hand finish, and returns. */
  stop(): Promise<void>;
}

/** Creates the router's durable consumer if missing; every router instance shares it. */
export async function ensureRouterConsumer(nc: NatsConnection): Promise<void> {
  await ensureDurableConsumer(nc, STREAMS.submissions, {
    durable_name: ROUTER_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ACK_WAIT_NANOS,
    max_ack_pending: 1_000,
  });
}

/**
 * How long a message pulled by an instance that died stays invisible to the others. Routing one
 * submission takes milliseconds, so 10 s is ample, and a SIGKILLed router's work resumes soon.
 */
export const ACK_WAIT_NANOS = 10_000_000_000;

/** Creates a durable consumer, or brings an existing one (from an older release) to this config. */
export async function ensureDurableConsumer(nc: NatsConnection, stream: string, config: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    const existing = await jsm.consumers.info(stream, config.durable_name).catch(() => undefined);
    if (!existing) throw error;
    await jsm.consumers.update(stream, config.durable_name, config);
  }
}

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const now = options.now ?? Date.now;
  const js = jetstream(options.nc);
  await ensureRouterConsumer(options.nc);
  const consumer = await js.consumers.get(STREAMS.submissions, ROUTER_CONSUMER);
  const messages = await consumer.consume({ max_messages: 100, expires: PULL_EXPIRES_MS });
  const stats: RouterStats = { submissions: 0, postponed: 0, delivered: 0, rejected: 0, failures: 0 };

  const handle = async (message: JsMsg) => {
    stats.submissions += 1;
    try {
      const decision = await decideSubmission({ subject: message.subject, data: message.data, nowMs: now() }, options.context);
      if (decision.kind === 'reject' && decision.code === 'UNKNOWN_MESSAGE' && message.info.deliveryCount < UNKNOWN_MESSAGE_ATTEMPTS) {
        // Another router instance may still be routing the original: look again shortly.
        stats.postponed += 1;
        message.nak(UNKNOWN_MESSAGE_RETRY_MS * message.info.deliveryCount);
        return;
      }
      await carryOut(js, decision, message, options, now());
      if (decision.kind === 'deliver') stats.delivered += 1;
      else stats.rejected += 1;
      message.ack();
    } catch (error) {
      stats.failures += 1;
      await handleFailure(js, message, error, options, now());
    }
  };

  // Submissions of one sender are handled in order (a retraction after its alert); different
  // senders' submissions overlap, up to MAX_IN_FLIGHT, because each waits mostly on round trips.
  const lanes = new Map<string, Promise<void>>();
  let inFlight = 0;
  let slotFreed: (() => void) | undefined;
  const loop = (async () => {
    for await (const message of messages) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (slotFreed = resolve));
      inFlight += 1;
      const lane = message.subject.split('.')[3] ?? '';
      const current: Promise<void> = (lanes.get(lane) ?? Promise.resolve()).then(() => handle(message)).finally(() => {
        inFlight -= 1;
        if (lanes.get(lane) === current) lanes.delete(lane);
        slotFreed?.();
        slotFreed = undefined;
      });
      lanes.set(lane, current);
    }
    await Promise.all(lanes.values());
  })();

  return {
    stats,
    async stop() {
      await messages.close();
      await loop;
    },
  };
}

async function carryOut(js: JetStreamClient, decision: Decision, message: JsMsg, options: RouterOptions, nowMs: number): Promise<void> {
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
  const keyed = identifiers.map((identifier) => ({ key: sightingKey(identifier), identifierKind: identifier.kind ?? 0 }));
  const earlier = await Promise.all(keyed.map(async ({ key, identifierKind }) => ({ identifierKind, earlier: await index.sightings(key) })));
  const hits = findHits({ state: envelope.senderState, messageId: envelope.messageId, traffic }, earlier);
  for (const { key, identifierKind } of keyed) {
    await index.addSighting(key, { state: envelope.senderState, messageId: envelope.messageId, traffic, identifierKind });
  }
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
async function handleFailure(js: JetStreamClient, message: JsMsg, error: unknown, options: RouterOptions, nowMs: number): Promise<void> {
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
