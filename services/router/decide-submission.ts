// The router's whole judgement on one submission, as a pure function: bytes and the subject they
// arrived on in, a delivery plan or a rejection out. Checks run cheapest and most fundamental first,
// so the reason a sender gets is the first thing it must fix.
import { decodeEnvelope, decodePayload, type DecodedPayload } from '../core/codec.ts';
import { RejectionError, isRejection } from '../core/errors.ts';
import type { StateCode } from '../core/member-states.ts';
import type { Envelope } from '../core/proto.ts';
import type { ReasonCode } from '../core/reason-codes.ts';
import { verifyEnvelope, type KeyDirectory } from '../core/signing/mod.ts';
import { parseSubmissionSubject, trafficClassOf, type SubmissionSubject } from '../core/subjects.ts';
import { validateEnvelope, validatePayload } from '../core/validation/mod.ts';
import type { MessageIndex } from './message-index.ts';
import { resolveRecipients } from './recipients.ts';
import { replyRecipients } from './replies.ts';
import type { RoutingPolicy } from './routing-policy.ts';
import { v1 } from '../core/proto.ts';

export interface SubmissionInput {
  readonly subject: string;
  readonly data: Uint8Array;
  /** When the router judges it; expiry and clock-skew checks use this. */
  readonly nowMs: number;
}

export interface RouterContext {
  readonly directory: KeyDirectory;
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
}

export interface Rejection {
  readonly kind: 'reject';
  readonly code: ReasonCode;
  readonly reason: string;
  /** The authenticated sender (from the subject), if the subject was a valid submission subject. */
  readonly sender: StateCode | undefined;
  /** The envelope's message id, if the bytes decoded far enough to have one. */
  readonly messageId: string | undefined;
  readonly envelope: Envelope | undefined;
  readonly cause?: unknown;
}

export type Decision = Delivery | Rejection;

/** Deterministic for a given input, policy and index content; never throws for bad input. */
export async function decideSubmission(input: SubmissionInput, context: RouterContext): Promise<Decision> {
  const submission = parseSubmissionSubject(input.subject);
  let envelope: Envelope | undefined;
  try {
    if (!submission) {
      throw new RejectionError('INVALID_ENVELOPE', `subject ${input.subject} is not tip.v1.submit.<STATE>.<real|exercise>.<payload>`);
    }
    envelope = decodeEnvelope(input.data);
    // The subject is the authenticated identity: NATS only lets a state publish on its own.
    if (envelope.senderState !== submission.sender) {
      throw new RejectionError(
        'SENDER_MISMATCH',
        `sender_state "${envelope.senderState}" was submitted on ${submission.sender}'s subject`,
      );
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
    const holders = await context.index.strictHolders(envelope.payload);
    if (holders.includes(envelope.senderState)) {
      throw new RejectionError('FORWARDING_FORBIDDEN', 'the payload is TLP:AMBER+STRICT content this state received; recipients may not pass it on');
    }
    const recipients = (await replyRecipients(envelope, decoded, context.index)) ?? resolveRecipients(envelope, decoded, context.policy);
    return { kind: 'deliver', envelope, decoded, submission, recipients };
  } catch (error) {
    if (!isRejection(error)) throw error;
    return {
      kind: 'reject',
      code: error.code,
      reason: error.message,
      sender: submission?.sender,
      messageId: envelope?.messageId || undefined,
      envelope,
      cause: error.cause,
    };
  }
}
