// From what the node sends to a signed envelope, without touching the network. A national
// system's submission document is validated once, here at the edge: parsed (every problem at
// once), the node's reply deadline filled, identifiers hashed, contract rules checked; the typed
// draft that comes out is composed by core's one composer. The HTTP API and the CLI get an
// InputValidationError naming each field before anything is published; the clear identifiers go
// no further than this call. Messages the node writes itself (acknowledgements, refusals,
// reminders) are built as typed drafts and composed the same way.
import {
  checkDistributionBeforeSending, type ComposedEnvelope, composeEnvelope, type Envelope, type EnvelopeDraft, HubRuleRefusal, isRejection,
  type MatchingKey, parseSubmissionInput, type SigningKey, toEnvelopeDraft, validateMessage,
} from '../core/mod.ts';
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
  /** The envelope as it goes on the wire. */
  readonly bytes: Uint8Array;
  readonly summary: MessageSummary;
}

/**
 * Throws InputValidationError (field and rule per problem, never a value) on bad input, and
 * HubRuleRefusal (the hub's reason code and words) for a message the hub's routing rules would
 * refuse. Nothing is published by this call: `POST /api/messages/validate` runs it alone.
 */
export function prepareSubmission(json: unknown, context: SubmissionContext): PreparedSubmission {
  const input = withDefaultReplyDeadline(parseSubmissionInput(json), context.nowMs, context.deadlines);
  const draft = toEnvelopeDraft(input, {
    sender: context.state, nowMs: context.nowMs, matchingKey: context.matchingKey, ...(context.newId ? { newId: context.newId } : {}),
  });
  const composed = composeEnvelope(draft, context.signingKey);
  try {
    checkDistributionBeforeSending(composed.envelope, composed.payload);
  } catch (error) {
    throw isRejection(error) ? new HubRuleRefusal(error) : error;
  }
  return preparedFrom(composed);
}

/**
 * A message the node writes on its own account. Its values come from code and from what the node
 * received, not from a person, so they are not parsed as input; but part of them (ids, case
 * references, drill ids of a refused delivery) came over the wire, so the composed message is held
 * to the contract rules the hub applies: RejectionError INVALID_ENVELOPE / INVALID_PAYLOAD if it
 * breaks one, and nothing is sent.
 */
export function prepareOwnMessage(draft: EnvelopeDraft, signingKey: SigningKey): PreparedSubmission {
  const composed = composeEnvelope(draft, signingKey);
  validateMessage(composed.envelope, composed.payload, draft.createdAtUnixMs);
  return preparedFrom(composed);
}

function preparedFrom(composed: ComposedEnvelope): PreparedSubmission {
  return { envelope: composed.envelope, bytes: composed.bytes, summary: summariseMessage(composed.envelope, composed.payload) };
}
