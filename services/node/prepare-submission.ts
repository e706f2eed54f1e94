// From what the node sends to a signed envelope, without touching the network. A national
// system's submission document is validated once, here at the edge: parsed (every problem at
// once), the node's reply deadline filled, identifiers hashed, contract rules checked; the typed
// draft that comes out is composed by core's one composer. The HTTP API and the CLI get an
// InputValidationError naming each field before anything is published; the clear identifiers go
// no further than this call. Messages the node writes itself (acknowledgements, refusals,
// reminders) are built as typed drafts and composed the same way.
import {
  checkDistributionBeforeSending, checkHitFollowUp, type ComposedEnvelope, composeEnvelope, decodeEnvelope, type Envelope, type EnvelopeDraft, HubRuleRefusal,
  isRejection, type KeyLookup, type MatchingKeys, type OriginalMessage, parseSubmissionInput, type ReasonCode, referencedMessageId,
  replyRecipientsOf, type SigningKey, toEnvelopeDraft, trafficClassOf, validateMessage, verifyEnvelope,
} from '../core/mod.ts';
import { withDefaultReplyDeadline, type ReplyDeadlines } from './deadlines.ts';
import { summariseMessage, type MessageSummary } from './message-summary.ts';

export interface SubmissionContext {
  readonly state: string;
  readonly signingKey: SigningKey;
  /** One key or the key file's set: every key in force at nowMs hashes each identifier. */
  readonly matchingKey: MatchingKeys;
  readonly deadlines: ReplyDeadlines;
  readonly nowMs: number;
  readonly newId?: () => string;
  /** The key directory: the signature is checked as the hub will check it (UNKNOWN_KEY, SIGNATURE_INVALID). */
  readonly directory?: KeyLookup;
  /** What this node knows of a message a reply names (known-original.ts), for the hub's reply rules. */
  readonly original?: (messageId: string) => OriginalMessage | undefined;
  /** A hit this node was told of, for the hub's follow-up rule (UNKNOWN_HIT, NOT_HIT_COUNTERPART). */
  readonly hitToldOf?: (hitId: string) => { readonly counterpartState: string; readonly traffic: string } | undefined;
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
    checkHubRules(composed, context);
  } catch (error) {
    if (!isRejection(error)) throw error;
    throw new HubRuleRefusal(error, fieldOf(error.code, composed.payload.name));
  }
  return preparedFrom(composed);
}

/**
 * The hub's rules a node can judge before publishing, each with the function the router uses, so
 * the words are the hub's: size, signature against the directory, distribution and handling, and
 * the reply rules for a reply whose original this node has on record.
 */
function checkHubRules(composed: ComposedEnvelope, context: SubmissionContext): void {
  decodeEnvelope(composed.bytes);
  if (context.directory) verifyEnvelope(composed.envelope, context.directory);
  checkDistributionBeforeSending(composed.envelope, composed.payload);
  const referenced = referencedMessageId(composed.payload);
  const original = referenced === undefined ? undefined : context.original?.(referenced);
  if (original) replyRecipientsOf(composed.envelope, composed.payload, original);
  if (context.hitToldOf) checkFollowUpBeforeSending(composed, context.hitToldOf);
}

/** An assistance request following up a hit: only one this node was told of, only to its other party. */
function checkFollowUpBeforeSending(composed: ComposedEnvelope, hitToldOf: NonNullable<SubmissionContext['hitToldOf']>): void {
  if (composed.payload.name !== 'assistance-request' || composed.payload.message.followsUpHitId === '') return;
  const { followsUpHitId: hitId, requestedState } = composed.payload.message;
  const hit = hitToldOf(hitId);
  const known = hit && { toldToSender: true, otherParties: [hit.counterpartState], traffic: hit.traffic };
  checkHitFollowUp(known, { hitId, requestedState, traffic: trafficClassOf(composed.envelope) });
}

/** The submission field a hub rule is about, in the input's own names. */
const REFERENCE_FIELD: Readonly<Record<string, string>> = {
  acknowledgement: 'payload.acknowledgedMessageId', 'assistance-response': 'payload.requestMessageId', retraction: 'payload.retractedMessageId',
};

function fieldOf(code: ReasonCode, payloadName: string): string | undefined {
  if (code === 'NOT_A_RECIPIENT' || code === 'RETRACTION_NOT_OWNER') return REFERENCE_FIELD[payloadName];
  if (code === 'TRAFFIC_CLASS_MISMATCH') return 'exercise';
  if (code === 'UNKNOWN_HIT') return 'payload.followsUpHitId';
  if (code === 'NOT_HIT_COUNTERPART') return 'payload.requestedState';
  if (code === 'UNKNOWN_KEY' || code === 'KEY_NOT_OWNED_BY_SENDER' || code === 'SIGNATURE_INVALID') return "(the node's signing key)";
  return undefined;
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
