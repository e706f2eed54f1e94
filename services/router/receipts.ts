// Messages the hub itself originates (DELIVERED and REJECTED receipts, hit notices), signed with the hub's key
// so a state can tell a real receipt from a forged one. Pure apart from the signature.
import { encodePayload } from '../core/codec.ts';
import { HUB_SENDER } from '../core/member-states.ts';
import { LIMITS } from '../core/limits.ts';
import { v1, type Envelope } from '../core/proto.ts';
import type { ReasonCode } from '../core/reason-codes.ts';
import { signEnvelope, type SigningKey } from '../core/signing/mod.ts';

/** Receipts outlive the message they acknowledge by a week, so a late reader still gets them. */
const RECEIPT_LIFETIME_MS = 7 * 24 * 3_600_000;

export interface ReceiptInput {
  /** Derived by HubMessageIds, so a redone receipt keeps its id. */
  readonly messageId: string;
  readonly status: v1.AcknowledgementStatus;
  /** The state the receipt goes to: the original sender. */
  readonly to: string;
  /** The message acknowledged; may be empty when a rejected submission had no readable id. */
  readonly acknowledgedMessageId: string;
  /** For DELIVERED, the recipient whose copy was written; for REJECTED, the hub. */
  readonly acknowledgingState: string;
  readonly reasonCode?: ReasonCode;
  readonly reason?: string;
  readonly exercise: boolean;
  readonly drillId: string;
  readonly caseReference: string;
  readonly nowMs: number;
}

/** What differs between the hub's own messages; the rest of their envelope is the same. */
interface HubMessage {
  readonly messageId: string;
  readonly to: string;
  readonly handling: v1.HandlingMark;
  readonly priority: v1.Priority;
  readonly lifetimeMs: number;
  readonly caseReference: string;
  readonly inReplyTo: string;
  readonly exercise: boolean;
  readonly drillId: string;
  readonly nowMs: number;
  readonly payloadType: v1.PayloadType;
  readonly payload: Uint8Array;
}

/** A message the hub originates, NAMED to one state and signed with the hub's key. */
function signHubMessage(message: HubMessage, hubKey: SigningKey): Envelope {
  return signEnvelope(
    {
      messageId: message.messageId,
      senderState: HUB_SENDER,
      senderUnit: 'tipnet-hub-router',
      distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states: [message.to] },
      handling: message.handling,
      priority: message.priority,
      createdAtUnixMs: message.nowMs,
      expiresAtUnixMs: message.nowMs + message.lifetimeMs,
      caseReference: message.caseReference,
      inReplyTo: message.inReplyTo,
      exercise: message.exercise,
      drillId: message.drillId,
      payloadType: message.payloadType,
      payload: message.payload,
    },
    hubKey,
  );
}

export function hubReceipt(input: ReceiptInput, hubKey: SigningKey): Envelope {
  const acknowledgement = v1.Acknowledgement.create({
    acknowledgedMessageId: input.acknowledgedMessageId,
    status: input.status,
    acknowledgingState: input.acknowledgingState,
    reasonCode: input.reasonCode ?? '',
    reason: (input.reason ?? '').slice(0, LIMITS.maxReasonChars),
    atUnixMs: input.nowMs,
  });
  return signHubMessage({
    messageId: input.messageId,
    to: input.to,
    handling: v1.HandlingMark.HANDLING_MARK_GREEN,
    priority: v1.Priority.PRIORITY_ROUTINE,
    lifetimeMs: RECEIPT_LIFETIME_MS,
    caseReference: input.caseReference,
    inReplyTo: input.acknowledgedMessageId,
    exercise: input.exercise,
    drillId: input.drillId,
    nowMs: input.nowMs,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_ACKNOWLEDGEMENT,
    payload: encodePayload('acknowledgement', acknowledgement),
  }, hubKey);
}

export interface HitNoticeInput {
  /** Derived by HubMessageIds from the hit id and the state told. */
  readonly messageId: string;
  /** The state told, and its message that carried the identifier. */
  readonly to: string;
  readonly yourMessageId: string;
  readonly counterpartState: string;
  /** Both messages, in a fixed order, so both sides get the same hit id. */
  readonly hitId: string;
  readonly identifierKind: number;
  readonly matchedIdentifiers: number;
  readonly exercise: boolean;
  readonly drillId: string;
  readonly nowMs: number;
}

/** A hub-signed HitNotice: that the counterpart holds a match, never what it holds. */
export function hubHitNotice(input: HitNoticeInput, hubKey: SigningKey): Envelope {
  const notice = v1.HitNotice.create({
    hitId: input.hitId,
    yourMessageId: input.yourMessageId,
    counterpartState: input.counterpartState,
    identifierKind: input.identifierKind,
    detectedAtUnixMs: input.nowMs,
    matchedIdentifiers: input.matchedIdentifiers,
  });
  return signHubMessage({
    messageId: input.messageId,
    to: input.to,
    // Knowing that another state holds the same identifier is itself sensitive.
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_URGENT,
    lifetimeMs: RECEIPT_LIFETIME_MS * 4,
    caseReference: '',
    inReplyTo: input.yourMessageId,
    exercise: input.exercise,
    drillId: input.drillId,
    nowMs: input.nowMs,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_HIT_NOTICE,
    payload: encodePayload('hit-notice', notice),
  }, hubKey);
}
