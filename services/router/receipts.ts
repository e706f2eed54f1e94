// Messages the hub itself originates (DELIVERED and REJECTED receipts, hit notices), signed with the hub's key
// so a state can tell a real receipt from a forged one, composed by core's one envelope composer.
// Pure apart from the signature.
import { composeEnvelope, HUB_SENDER, LIMITS, trafficOf, v1, type ComposedEnvelope, type DecodedPayload, type ReasonCode, type SigningKey } from '../core/mod.ts';

/** Receipts outlive the message they acknowledge by a week, so a late reader still gets them. */
const RECEIPT_LIFETIME_MS = 7 * 24 * 3_600_000;

/** The unit the hub's own messages name as their sender unit. */
const HUB_SENDER_UNIT = 'tipnet-hub-router';

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
  readonly payload: DecodedPayload;
}

/** A message the hub originates, NAMED to one state and signed with the hub's key. */
function composeHubMessage(message: HubMessage, hubKey: SigningKey): ComposedEnvelope {
  return composeEnvelope({
    messageId: message.messageId,
    sender: HUB_SENDER,
    senderUnit: HUB_SENDER_UNIT,
    recipients: { mode: 'named', states: [message.to] },
    handling: message.handling,
    priority: message.priority,
    traffic: trafficOf(message),
    caseReference: message.caseReference,
    inReplyTo: message.inReplyTo,
    createdAtUnixMs: message.nowMs,
    lifetimeMs: message.lifetimeMs,
    payload: message.payload,
  }, hubKey);
}

export function hubReceipt(input: ReceiptInput, hubKey: SigningKey): ComposedEnvelope {
  const acknowledgement = v1.Acknowledgement.create({
    acknowledgedMessageId: input.acknowledgedMessageId,
    status: input.status,
    acknowledgingState: input.acknowledgingState,
    reasonCode: input.reasonCode ?? '',
    reason: (input.reason ?? '').slice(0, LIMITS.maxReasonChars),
    atUnixMs: input.nowMs,
  });
  return composeHubMessage({
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
    payload: { name: 'acknowledgement', message: acknowledgement },
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
  /** Set when the hit answered the counterpart's hit/no-hit query. */
  readonly fromQuery?: boolean;
}

/** A hub-signed HitNotice: that the counterpart holds a match, never what it holds. */
export function hubHitNotice(input: HitNoticeInput, hubKey: SigningKey): ComposedEnvelope {
  const notice = v1.HitNotice.create({
    hitId: input.hitId,
    yourMessageId: input.yourMessageId,
    counterpartState: input.counterpartState,
    identifierKind: input.identifierKind,
    detectedAtUnixMs: input.nowMs,
    matchedIdentifiers: input.matchedIdentifiers,
    fromQuery: input.fromQuery ?? false,
  });
  return composeHubMessage({
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
    payload: { name: 'hit-notice', message: notice },
  }, hubKey);
}

export interface QueryAnswerInput {
  /** Derived by HubMessageIds from the query id, so a redone answer is de-duplicated. */
  readonly messageId: string;
  readonly to: string;
  readonly queryMessageId: string;
  readonly results: readonly v1.HitQueryResult.$Properties[];
  readonly exercise: boolean;
  readonly drillId: string;
  readonly nowMs: number;
}

/** The hub's answer to a hit/no-hit query, NAMED to the state that asked. */
export function hubHitQueryAnswer(input: QueryAnswerInput, hubKey: SigningKey): ComposedEnvelope {
  const answer = v1.HitQueryAnswer.create({
    queryMessageId: input.queryMessageId,
    results: input.results.map((result) => v1.HitQueryResult.create(result)),
    answeredAtUnixMs: input.nowMs,
  });
  return composeHubMessage({
    messageId: input.messageId,
    to: input.to,
    // Which states hold an identifier is as sensitive as a hit notice.
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_URGENT,
    lifetimeMs: RECEIPT_LIFETIME_MS,
    caseReference: '',
    inReplyTo: input.queryMessageId,
    exercise: input.exercise,
    drillId: input.drillId,
    nowMs: input.nowMs,
    payload: { name: 'hit-query-answer', message: answer },
  }, hubKey);
}
