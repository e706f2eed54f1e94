// From a submission document to envelope fields ready for signEnvelope: parse (every problem at
// once), hash identifiers, fill defaults, then hold the result to the same rules the hub applies,
// so a state finds out before sending, not from a dead letter.
import { randomUUID } from 'node:crypto';
import { envelopeFieldsOf, REAL_TRAFFIC, type EnvelopeDraft, type Recipients } from '../compose-envelope.ts';
import { keysInForce, type MatchingKeys } from '../matching-keys.ts';
import { DEFAULT_REPLY_DEADLINE_MS } from '../limits.ts';
import type { PayloadName } from '../payload-registry.ts';
import { v1 } from '../proto.ts';
import { envelopeProblems } from './envelope-rules.ts';
import { HANDLING, PRIORITY, ROUTE_ROLE } from './input-vocabulary.ts';
import { InputValidationError } from './input-validation-error.ts';
import { payloadProblems } from './message-rules.ts';
import { buildPayload } from './submission-payloads.ts';
import { submissionInputSchema, type SubmissionInput } from './submission-schema.ts';
import { parseWithProblems } from './zod-errors.ts';

export { submissionInputSchema, type SubmissionInput };
export { hitQueryRequestSchema, type HitQueryRequest } from './submission-schema.ts';

/** How long a message stays deliverable when the input does not say. */
export const DEFAULT_LIFETIME_HOURS = 30 * 24;

export function parseSubmissionInput(json: unknown): SubmissionInput {
  const result = parseWithProblems(submissionInputSchema, json);
  if (!result.ok) throw new InputValidationError('submission input', result.problems);
  return deepFreeze(result.data);
}

export interface ConversionOptions {
  /** The sending state (or HUB); the node knows it, the input does not say it. */
  readonly sender: string;
  readonly nowMs: number;
  /** One key, or the file's key set: every key in force at nowMs hashes each identifier. */
  readonly matchingKey: MatchingKeys;
  readonly newId?: () => string;
}

export type UnsignedEnvelopeFields = Omit<v1.Envelope.$Properties, 'keyId' | 'signature'>;

export interface ConvertedSubmission {
  readonly fields: UnsignedEnvelopeFields;
  readonly payloadName: PayloadName;
}

/**
 * The typed draft a submission stands for, ready for composeEnvelope. Throws InputValidationError
 * listing every problem, including contract rules the input breaks; a draft that comes back is
 * valid under the hub's rules, so nothing after this call checks it again.
 */
export function toEnvelopeDraft(input: SubmissionInput, options: ConversionOptions): EnvelopeDraft {
  const { sender, nowMs } = options;
  const problems: string[] = [];
  const priority = input.priority as keyof typeof DEFAULT_REPLY_DEADLINE_MS;
  const decoded = buildPayload(input, {
    sender, nowMs, problems, matchingKeys: keysInForce(options.matchingKey, nowMs), drillId: input.exercise?.drillId ?? '',
    defaultReplyDeadlineMs: nowMs + DEFAULT_REPLY_DEADLINE_MS[priority],
  });

  const draft: EnvelopeDraft = {
    messageId: input.messageId ?? (options.newId ?? randomUUID)(),
    sender,
    senderUnit: input.senderUnit,
    recipients: recipientsOf(input.distribution),
    handling: HANDLING[input.handling] ?? 0,
    priority: PRIORITY[input.priority] ?? 0,
    traffic: input.exercise ? { class: 'exercise', drillId: input.exercise.drillId } : REAL_TRAFFIC,
    caseReference: input.caseReference ?? '',
    inReplyTo: input.inReplyTo ?? referenceOf(input),
    createdAtUnixMs: nowMs,
    lifetimeMs: Math.round((input.expiresInHours ?? DEFAULT_LIFETIME_HOURS) * 3_600_000),
    payload: decoded,
  };

  // Identifier problems and contract rules together, so one attempt shows everything to fix.
  const fields = envelopeFieldsOf(draft);
  problems.push(...envelopeProblems(fields, nowMs, { unsigned: true }), ...payloadProblems(decoded, fields, nowMs));
  if (problems.length > 0) throw new InputValidationError('submission input', problems);
  return Object.freeze(draft);
}

/** The unsigned envelope fields of a submission (for callers that sign or mutate fields themselves). */
export function toEnvelopeFields(input: SubmissionInput, options: ConversionOptions): ConvertedSubmission {
  const draft = toEnvelopeDraft(input, options);
  return Object.freeze({ fields: Object.freeze(envelopeFieldsOf(draft)), payloadName: draft.payload.name });
}

function recipientsOf(distribution: SubmissionInput['distribution']): Recipients {
  switch (distribution.mode) {
    case 'named': return { mode: 'named', states: distribution.states };
    case 'route-roles': return { mode: 'route-roles', routeRoles: distribution.routeRoles.map((role) => ROUTE_ROLE[role] ?? 0) };
    case 'regional-broadcast': return { mode: 'regional-broadcast' };
    case 'sharing-group': return { mode: 'sharing-group', group: distribution.group };
  }
}

/** A reply names what it answers in its payload; the envelope repeats it so routing can follow threads. */
function referenceOf(input: SubmissionInput): string {
  switch (input.type) {
    case 'assistance-response': return input.payload.requestMessageId;
    case 'acknowledgement': return input.payload.acknowledgedMessageId;
    case 'retraction': return input.payload.retractedMessageId;
    default: return '';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

