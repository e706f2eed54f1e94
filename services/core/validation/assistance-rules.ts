// Assistance requests and responses: a request must say who is to act, on what, by when; a
// response must name the request it answers.
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { v1 } from '../proto.ts';
import { checkDeadline, checkReference, type PayloadContext } from './payload-context.ts';
import { enumSet, keyedIdentifiers, location, optionalText, optionalUuid, requiredText, stateCode, text, unixMs, uuid } from './proto-fields.ts';

const KIND = v1.AssistanceKind;
const OUTCOME = v1.AssistanceOutcome;

/** Kinds of help given to persons: the request says how many. */
const ABOUT_PERSONS = new Set<number>([
  KIND.ASSISTANCE_KIND_RESCUE, KIND.ASSISTANCE_KIND_REPATRIATION, KIND.ASSISTANCE_KIND_SHELTER, KIND.ASSISTANCE_KIND_VICTIM_IDENTIFICATION,
]);
/** A freeze is executed against accounts, so it must name at least one (hashed). */
const ACCOUNT_KINDS = new Set<number>([
  v1.IdentifierKind.IDENTIFIER_KIND_BANK_ACCOUNT, v1.IdentifierKind.IDENTIFIER_KIND_E_WALLET, v1.IdentifierKind.IDENTIFIER_KIND_CRYPTO_WALLET,
]);

export function assistanceRequestSchema(context: PayloadContext) {
  return z.object({
    kind: enumSet(KIND, 'AssistanceKind'),
    requestedState: stateCode(),
    summary: requiredText(LIMITS.maxSummaryChars, { multiline: true }),
    relatedMessageId: optionalUuid,
    replyDeadlineUnixMs: unixMs,
    personsCount: z.number().int().nonnegative(),
    identifiers: keyedIdentifiers,
    location: location.nullable(),
    followsUpHitId: text(LIMITS.maxShortTextChars),
  }).superRefine((request, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const kindName = KIND[request.kind] ?? 'this kind';
    checkDeadline(request.replyDeadlineUnixMs, context, ctx, ['replyDeadlineUnixMs'], '(the hub tracks the reply against it)');
    if (request.requestedState === context.envelope.senderState) report(['requestedState'], 'must not be the sender itself');
    else if (context.envelope.namedStates.length > 0 && !context.envelope.namedStates.includes(request.requestedState)) {
      report(['requestedState'], "must be one of the envelope's named recipients (distribution.states)");
    }
    // A follow-up reveals the sender's interest in a hit: it goes to the hit's counterpart alone.
    if (request.followsUpHitId !== '' && (context.envelope.namedStates.length !== 1 || context.envelope.namedStates[0] !== request.requestedState)) {
      report(['followsUpHitId'], 'a follow-up of a hit goes to requested_state alone (NAMED distribution listing only it)');
    }
    if (ABOUT_PERSONS.has(request.kind) && request.personsCount < 1) report(['personsCount'], `must be at least 1 for ${kindName}`);
    if (request.kind === KIND.ASSISTANCE_KIND_RESCUE && request.location === null) report(['location'], `is required for ${kindName}`);
    if (request.kind === KIND.ASSISTANCE_KIND_FINANCIAL_FREEZE && !request.identifiers.some((id) => ACCOUNT_KINDS.has(id.kind))) {
      report(['identifiers'], `must include a bank account, e-wallet or crypto wallet for ${kindName}`);
    }
  });
}

/** Outcomes that leave the requester waiting need a reason they can act on. */
const NEEDS_SUMMARY = new Set<number>([
  OUTCOME.ASSISTANCE_OUTCOME_DECLINED, OUTCOME.ASSISTANCE_OUTCOME_NEEDS_INFORMATION, OUTCOME.ASSISTANCE_OUTCOME_DELAYED,
]);

export function assistanceResponseSchema(context: PayloadContext) {
  return z.object({
    requestMessageId: uuid,
    outcome: enumSet(OUTCOME, 'AssistanceOutcome'),
    summary: optionalText(LIMITS.maxSummaryChars, { multiline: true }),
    personsAssisted: z.number().int().nonnegative(),
    expectedCompletionUnixMs: unixMs,
  }).superRefine((response, ctx) => {
    checkReference(response.requestMessageId, context, ctx, ['requestMessageId'], { inReplyToRequired: true });
    if (NEEDS_SUMMARY.has(response.outcome) && response.summary.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: `must say why for ${OUTCOME[response.outcome]}` });
    }
    // A delayed answer promises a new time (SIENA's "delayed, with reason"): the requester's clock moves to it.
    if (response.outcome === OUTCOME.ASSISTANCE_OUTCOME_DELAYED) {
      checkDeadline(response.expectedCompletionUnixMs, context, ctx, ['expectedCompletionUnixMs'], 'for ASSISTANCE_OUTCOME_DELAYED (the new time the answer is due)');
    }
  });
}
