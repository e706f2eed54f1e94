// Messages about other messages: acknowledgements, hit notices and retractions. Each must name the
// message it refers to, and only the party entitled to say so may send it.
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { HUB_SENDER } from '../member-states.ts';
import { v1 } from '../proto.ts';
import { isReasonCode } from '../reason-codes.ts';
import { checkReference, type PayloadContext } from './payload-context.ts';
import { enumSet, optionalText, optionalUuid, requiredText, stateCode, text, uuid } from './proto-fields.ts';

const STATUS = v1.AcknowledgementStatus;

/**
 * - DELIVERED comes from the hub only (it is the hub's receipt);
 * - READ and ACTIONED come from the acknowledging state itself, with in_reply_to naming the message;
 * - REJECTED carries a reason code of the contract and a readable reason;
 * - acknowledging_state is HUB only for the hub's own rejections.
 */
export function acknowledgementSchema(context: PayloadContext) {
  return z.object({
    acknowledgedMessageId: uuid,
    status: enumSet(STATUS, 'AcknowledgementStatus'),
    acknowledgingState: stateCode({ allowHub: true }),
    reasonCode: text(LIMITS.maxShortTextChars),
    reason: optionalText(LIMITS.maxReasonChars),
    atUnixMs: z.number().int().positive('must be set (a positive Unix time in milliseconds)'),
    note: optionalText(LIMITS.maxShortTextChars),
  }).superRefine((ack, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const sender = context.envelope.senderState;
    const byState = ack.status === STATUS.ACKNOWLEDGEMENT_STATUS_READ || ack.status === STATUS.ACKNOWLEDGEMENT_STATUS_ACTIONED;
    checkReference(ack.acknowledgedMessageId, context, ctx, ['acknowledgedMessageId'], { inReplyToRequired: byState });
    if (ack.atUnixMs > context.nowMs + LIMITS.maxClockSkewMs) report(['atUnixMs'], "must not be in the future of the receiver's clock");
    if (ack.status === STATUS.ACKNOWLEDGEMENT_STATUS_REJECTED) {
      if (ack.reasonCode === '') report(['reasonCode'], 'is required when status is ACKNOWLEDGEMENT_STATUS_REJECTED');
      else if (!isReasonCode(ack.reasonCode)) report(['reasonCode'], 'is not a reason code of the contract (see docs/wire-contract.md, section 8)');
      if (ack.reason.trim() === '') report(['reason'], 'is required when status is ACKNOWLEDGEMENT_STATUS_REJECTED');
    } else if (ack.reasonCode !== '') {
      report(['reasonCode'], 'must be empty unless status is ACKNOWLEDGEMENT_STATUS_REJECTED');
    }
    if (ack.status === STATUS.ACKNOWLEDGEMENT_STATUS_DELIVERED && sender !== HUB_SENDER) {
      report(['status'], 'ACKNOWLEDGEMENT_STATUS_DELIVERED is sent by the hub only');
    }
    if (byState && ack.acknowledgingState !== sender) report(['acknowledgingState'], `must be the sender (${sender}) for READ and ACTIONED`);
    if (ack.acknowledgingState === HUB_SENDER && ack.status !== STATUS.ACKNOWLEDGEMENT_STATUS_REJECTED) {
      report(['acknowledgingState'], 'may be HUB only for the hub\'s own rejections');
    }
  });
}

/** Hit notices are the hub's: only it sees digests from every state. */
export function hitNoticeSchema(context: PayloadContext) {
  return z.object({
    hitId: requiredText(LIMITS.maxShortTextChars),
    yourMessageId: uuid,
    counterpartState: stateCode(),
    identifierKind: enumSet(v1.IdentifierKind, 'IdentifierKind'),
    detectedAtUnixMs: z.number().int().positive('must be set (a positive Unix time in milliseconds)'),
    matchedIdentifiers: z.number().int().min(1, 'must be at least 1'),
  }).superRefine((_notice, ctx) => {
    if (context.envelope.senderState !== HUB_SENDER) {
      ctx.addIssue({ code: 'custom', path: [], message: `is sent by the hub only (sender_state must be ${HUB_SENDER})` });
    }
  });
}

const KIND = v1.RetractionKind;

/** Ownership of the retracted message is the router's check (RETRACTION_NOT_OWNER); this is the shape. */
export function retractionSchema(context: PayloadContext) {
  return z.object({
    retractedMessageId: uuid,
    kind: enumSet(KIND, 'RetractionKind'),
    reason: requiredText(LIMITS.maxReasonChars),
    replacementMessageId: optionalUuid,
  }).superRefine((retraction, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    checkReference(retraction.retractedMessageId, context, ctx, ['retractedMessageId'], { inReplyToRequired: false });
    if (retraction.kind === KIND.RETRACTION_KIND_CORRECT) {
      if (retraction.replacementMessageId === '') report(['replacementMessageId'], 'is required for RETRACTION_KIND_CORRECT');
      else if (retraction.replacementMessageId === retraction.retractedMessageId) {
        report(['replacementMessageId'], 'must differ from retracted_message_id');
      }
    } else if (retraction.kind === KIND.RETRACTION_KIND_WITHDRAW && retraction.replacementMessageId !== '') {
      report(['replacementMessageId'], 'must be empty for RETRACTION_KIND_WITHDRAW');
    }
  });
}
