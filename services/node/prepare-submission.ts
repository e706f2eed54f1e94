// From a submission document to a signed envelope, without touching the network: parse (every
// problem at once), fill the node's reply deadline, hash identifiers, check the contract rules,
// sign. The HTTP API and the CLI get an InputValidationError naming each field before anything
// is published; the clear identifiers go no further than this call.
import { decodePayload } from '../core/codec.ts';
import type { MatchingKey } from '../core/keyed-hash.ts';
import type { Envelope } from '../core/proto.ts';
import { signEnvelope, type SigningKey } from '../core/signing/mod.ts';
import { parseSubmissionInput, toEnvelopeFields } from '../core/validation/mod.ts';
import { withDefaultReplyDeadline, type ReplyDeadlines } from './deadlines.ts';
import { summariseMessage, type MessageSummary } from './message-summary.ts';

export interface SubmissionContext {
  readonly state: string;
  readonly signingKey: SigningKey;
  readonly matchingKey: MatchingKey;
  readonly deadlines: ReplyDeadlines;
  readonly nowMs: number;
  readonly newId?: () => string;
}

export interface PreparedSubmission {
  readonly envelope: Envelope;
  readonly summary: MessageSummary;
}

/** Throws InputValidationError (field and rule per problem, never a value) on bad input. */
export function prepareSubmission(json: unknown, context: SubmissionContext): PreparedSubmission {
  const input = withDefaultReplyDeadline(parseSubmissionInput(json), context.nowMs, context.deadlines);
  const { fields } = toEnvelopeFields(input, {
    sender: context.state, nowMs: context.nowMs, matchingKey: context.matchingKey, ...(context.newId ? { newId: context.newId } : {}),
  });
  const envelope = signEnvelope(fields, context.signingKey);
  return { envelope, summary: summariseMessage(envelope, decodePayload(envelope)) };
}
