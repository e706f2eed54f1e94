// From a submission document to envelope fields ready for signEnvelope: parse (every problem at
// once), hash identifiers, fill defaults, then hold the result to the same rules the hub applies,
// so a state finds out before sending, not from a dead letter.
import { randomUUID } from 'node:crypto';
import { encodePayload } from '../codec.ts';
import type { MatchingKey } from '../keyed-hash.ts';
import { DEFAULT_REPLY_DEADLINE_MS } from '../limits.ts';
import { payloadKindByName, type PayloadName } from '../payload-registry.ts';
import { v1 } from '../proto.ts';
import { envelopeProblems } from './envelope-rules.ts';
import { HANDLING, PRIORITY, ROUTE_ROLE } from './input-vocabulary.ts';
import { InputValidationError } from './input-validation-error.ts';
import { payloadProblems } from './message-rules.ts';
import { buildPayload } from './submission-payloads.ts';
import { submissionInputSchema, type SubmissionInput } from './submission-schema.ts';
import { parseWithProblems } from './zod-errors.ts';

export { submissionInputSchema, type SubmissionInput };

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
  readonly matchingKey: MatchingKey;
  readonly newId?: () => string;
}

export type UnsignedEnvelopeFields = Omit<v1.Envelope.$Properties, 'keyId' | 'signature'>;

export interface ConvertedSubmission {
  readonly fields: UnsignedEnvelopeFields;
  readonly payloadName: PayloadName;
}

/** Throws InputValidationError listing every problem, including contract rules the input breaks. */
export function toEnvelopeFields(input: SubmissionInput, options: ConversionOptions): ConvertedSubmission {
  const { sender, nowMs } = options;
  const problems: string[] = [];
  const priority = input.priority as keyof typeof DEFAULT_REPLY_DEADLINE_MS;
  const decoded = buildPayload(input, {
    sender, nowMs, problems, matchingKey: options.matchingKey, drillId: input.exercise?.drillId ?? '',
    defaultReplyDeadlineMs: nowMs + DEFAULT_REPLY_DEADLINE_MS[priority],
  });

  const fields: UnsignedEnvelopeFields = {
    messageId: input.messageId ?? (options.newId ?? randomUUID)(),
    senderState: sender,
    senderUnit: input.senderUnit,
    distribution: distributionOf(input.distribution),
    handling: HANDLING[input.handling] ?? 0,
    priority: PRIORITY[input.priority] ?? 0,
    createdAtUnixMs: nowMs,
    expiresAtUnixMs: nowMs + Math.round((input.expiresInHours ?? DEFAULT_LIFETIME_HOURS) * 3_600_000),
    caseReference: input.caseReference ?? '',
    inReplyTo: input.inReplyTo ?? referenceOf(input),
    exercise: input.exercise !== undefined,
    drillId: input.exercise?.drillId ?? '',
    payloadType: payloadKindByName(decoded.name).type,
    payload: encodeDecoded(decoded),
  };

  // Identifier problems and contract rules together, so one attempt shows everything to fix.
  problems.push(...envelopeProblems(fields, nowMs, { unsigned: true }), ...payloadProblems(decoded, fields, nowMs));
  if (problems.length > 0) throw new InputValidationError('submission input', problems);
  return Object.freeze({ fields: Object.freeze(fields), payloadName: decoded.name });
}

function encodeDecoded(decoded: ReturnType<typeof buildPayload>): Uint8Array {
  return encodePayload(decoded.name, decoded.message as never);
}

function distributionOf(distribution: SubmissionInput['distribution']): v1.Distribution.$Properties {
  const M = v1.DistributionMode;
  switch (distribution.mode) {
    case 'named': return { mode: M.DISTRIBUTION_MODE_NAMED, states: distribution.states };
    case 'route-roles': return { mode: M.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: distribution.routeRoles.map((role) => ROUTE_ROLE[role] ?? 0) };
    case 'regional-broadcast': return { mode: M.DISTRIBUTION_MODE_REGIONAL_BROADCAST };
    case 'sharing-group': return { mode: M.DISTRIBUTION_MODE_SHARING_GROUP, sharingGroup: distribution.group };
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

