// The router's whole judgement on one submission, as a pure function: bytes and the subject they
// arrived on in, a delivery plan or a rejection out. Checks run cheapest and most fundamental first,
// so the reason a sender gets is the first thing it must fix.
import { DEFAULT_QUERY_RATE, type DecodedPayload, decodeEnvelope, decodePayload, type Envelope, isRejection, type KeyLookup, parseSubmissionSubject, type ReasonCode, RejectionError, type StateCode, submissionSender, type SubmissionSubject, trafficClassOf, tryDecodeEnvelope, validateEnvelope, validatePayload, verifyEnvelope } from '../core/mod.ts';
import { checkFollowUp } from './hit-follow-up.ts';
import { drillParticipants, nextDrillRecord, type DrillRecord } from './drill-registry.ts';
import { contentDigest } from './content-digest.ts';
import type { MessageIndex } from './message-index.ts';
import { readableMessageId } from './refusal-answer.ts';
import { resolveRecipients } from './recipients.ts';
import { replyRecipients } from './replies.ts';
import type { RoutingPolicy } from './routing-policy.ts';

export interface SubmissionInput {
  readonly subject: string;
  readonly data: Uint8Array;
  /** When the router judges it; expiry and clock-skew checks use this. */
  readonly nowMs: number;
}

export interface RouterContext {
  readonly directory: KeyLookup;
  readonly policy: RoutingPolicy;
  /** What the hub delivered before; the only state a decision reads. */
  readonly index: MessageIndex;
}

export interface Delivery {
  readonly kind: 'deliver';
  readonly envelope: Envelope;
  readonly decoded: DecodedPayload;
  readonly submission: SubmissionSubject;
  readonly recipients: readonly StateCode[];
  /** Fingerprint of the decoded content (content-digest.ts), for the forwarding rule. */
  readonly contentDigest: string;
  /** A drill control's effect on its drill's record, written before any copy (drill-registry.ts). */
  readonly drillUpdate?: DrillRecord;
}

export interface Rejection {
  readonly kind: 'reject';
  readonly code: ReasonCode;
  readonly reason: string;
  /** The authenticated sender: the state of the subject, even when the rest of the subject is malformed. */
  readonly sender: StateCode | undefined;
  /** The envelope's message id, if the bytes decoded far enough to have one and it is a valid id. */
  readonly messageId: string | undefined;
  readonly envelope: Envelope | undefined;
  readonly cause?: unknown;
}

export type Decision = Delivery | Rejection;

/**
 * Deterministic for a given input, policy and index content; never throws for bad input. Its one
 * write is a hit query's place in its state's rate window, counted only once every other check passed.
 */
export async function decideSubmission(input: SubmissionInput, context: RouterContext): Promise<Decision> {
  // Even a malformed subject under tip.v1.submit.<STATE>. names its sender: only that state can publish there.
  const sender = submissionSender(input.subject);
  const submission = parseSubmissionSubject(input.subject);
  let envelope: Envelope | undefined;
  try {
    if (!submission) {
      // Still read the bytes if they decode, so the answer can name the message it refuses.
      envelope = tryDecodeEnvelope(input.data);
      throw new RejectionError('INVALID_SUBJECT', `subject ${input.subject.slice(0, 200)} is not tip.v1.submit.<STATE>.<real|exercise>.<payload>`);
    }
    envelope = decodeEnvelope(input.data);
    // The subject is the authenticated identity: NATS only lets a state publish on its own.
    if (envelope.senderState !== submission.sender) {
      throw new RejectionError('SENDER_MISMATCH', `sender_state ${quoteCode(envelope.senderState)} was submitted on ${submission.sender}'s subject`);
    }
    if (trafficClassOf(envelope) !== submission.traffic) {
      throw new RejectionError(
        'TRAFFIC_CLASS_MISMATCH',
        `exercise=${envelope.exercise} was submitted on a ${submission.traffic} subject`,
      );
    }
    validateEnvelope(envelope, input.nowMs);
    const decoded = decodePayload(envelope);
    if (decoded.name !== submission.payloadName) {
      throw new RejectionError(
        'INVALID_ENVELOPE',
        `payload_type is ${decoded.name} but the subject says ${submission.payloadName}`,
      );
    }
    validatePayload(decoded, envelope, input.nowMs);
    verifyEnvelope(envelope, context.directory);
    if (envelope.expiresAtUnixMs <= input.nowMs) {
      throw new RejectionError('EXPIRED', `expired at ${new Date(Number(envelope.expiresAtUnixMs)).toISOString()}`);
    }
    const content = contentDigest(decoded);
    if (await context.index.holdsRestricted(content, envelope.senderState)) {
      throw new RejectionError('FORWARDING_FORBIDDEN', 'the payload is TLP:RED or TLP:AMBER+STRICT content this state received; recipients may not pass it on');
    }
    const drill = envelope.exercise ? await drillOf(envelope, decoded, context, input.nowMs) : undefined;
    const policy = drill ? { ...context.policy, drills: { ...context.policy.drills, [envelope.drillId]: drill.participants as StateCode[] } } : context.policy;
    const recipients = (await replyRecipients(envelope, decoded, context.index)) ?? resolveRecipients(envelope, decoded, policy);
    await checkHitRules(envelope, decoded, context, input.nowMs);
    return { kind: 'deliver', envelope, decoded, submission, recipients, contentDigest: content, ...(drill?.next ? { drillUpdate: drill.next } : {}) };
  } catch (error) {
    if (!isRejection(error)) throw error;
    return {
      kind: 'reject',
      code: error.code,
      reason: error.message,
      sender,
      messageId: readableMessageId(envelope),
      envelope,
      cause: error.cause,
    };
  }
}

/** A drill started at run time: its participants for routing, and the record a control message leads to. */
async function drillOf(envelope: Envelope, decoded: DecodedPayload, context: RouterContext, nowMs: number): Promise<{ participants: readonly string[]; next: DrillRecord | undefined } | undefined> {
  const configured = context.policy.drills[envelope.drillId];
  if (configured) return undefined;
  const record = await context.index.getDrill(envelope.drillId);
  const participants = await drillParticipants({
    envelope, decoded, configured, record, controllers: context.policy.drillControllers, nowMs,
    alreadyAccepted: async () => (await context.index.get(envelope.messageId))?.sender === envelope.senderState,
  });
  return participants ? { participants, next: nextDrillRecord(record, envelope, decoded, nowMs) } : undefined;
}

/** A follow-up must concern a hit the sender was told of; a query must fit its state's rate. */
async function checkHitRules(envelope: Envelope, decoded: DecodedPayload, context: RouterContext, nowMs: number): Promise<void> {
  const traffic = envelope.exercise ? `exercise:${envelope.drillId}` : 'real';
  if (decoded.name === 'assistance-request' && decoded.message.followsUpHitId !== '') {
    const hitId = decoded.message.followsUpHitId;
    checkFollowUp(await context.index.getHit(hitId), { hitId, sender: envelope.senderState, requestedState: decoded.message.requestedState, traffic });
  }
  if (decoded.name === 'hit-query') {
    // Counted last, so a query refused for any other reason does not use up the state's window.
    const rate = context.policy.queryRate ?? DEFAULT_QUERY_RATE;
    if (!(await context.index.countQuery(envelope.senderState, envelope.messageId, nowMs, rate))) {
      throw new RejectionError('RATE_LIMITED', `${envelope.senderState} has used its ${rate.queriesPerWindow} hit/no-hit queries of this ${rate.windowMs / 1000} s window; ask again later`);
    }
  }
}

/** A refused value is shown only when it is shaped like a state code, so no sender text is echoed. */
function quoteCode(value: string): string {
  return /^[A-Za-z]{1,5}$/.test(value) ? `"${value}"` : '(not a state code)';
}
