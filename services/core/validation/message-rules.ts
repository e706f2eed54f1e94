// Semantic validation of decoded messages: what protobuf decoding cannot tell (ranges, required
// fields, rules between fields). The router and the nodes call this after decoding and before any
// policy check; each call reports every problem at once, in one RejectionError naming each field.
import { z } from 'zod';
import type { DecodedPayload } from '../codec.ts';
import { RejectionError } from '../errors.ts';
import { payloadKindByName, payloadKindByType, type PayloadName } from '../payload-registry.ts';
import type { Envelope, v1 } from '../proto.ts';
import { assistanceRequestSchema, assistanceResponseSchema } from './assistance-rules.ts';
import { caseAlertSchema } from './case-alert-rules.ts';
import { drillControlSchema } from './drill-control-rules.ts';
import { envelopeObject, envelopeProblems, type EnvelopeRuleOptions } from './envelope-rules.ts';
import { intelligenceReportSchema } from './intelligence-report-rules.ts';
import { hitQueryAnswerSchema, hitQuerySchema } from './hit-query-rules.ts';
import { matchingKeyProblems } from './matching-key-rules.ts';
import { envelopeFacts, type PayloadContext } from './payload-context.ts';
import { TO_OBJECT } from './proto-fields.ts';
import { acknowledgementSchema, hitNoticeSchema, retractionSchema } from './status-rules.ts';
import { parseWithProblems } from './zod-errors.ts';

type PayloadSchema = (context: PayloadContext) => z.ZodType;

const PAYLOAD_SCHEMAS: Readonly<Record<PayloadName, PayloadSchema>> = Object.freeze({
  'case-alert': caseAlertSchema,
  'intelligence-report': intelligenceReportSchema,
  'assistance-request': assistanceRequestSchema,
  'assistance-response': assistanceResponseSchema,
  acknowledgement: acknowledgementSchema,
  'hit-notice': hitNoticeSchema,
  retraction: retractionSchema,
  'drill-control': drillControlSchema,
  'hit-query': hitQuerySchema,
  'hit-query-answer': hitQueryAnswerSchema,
});

/*
 * Building a zod schema costs far more than running it, and the router validates every message,
 * so each payload schema is built once, over a context whose fields read the current call's
 * values. Refinements run synchronously inside parse, so one holder per module is safe.
 */
const currentContext: { value: PayloadContext | undefined } = { value: undefined };
const LIVE_CONTEXT: PayloadContext = {
  get envelope() {
    return (currentContext.value as PayloadContext).envelope;
  },
  get nowMs() {
    return (currentContext.value as PayloadContext).nowMs;
  },
};
const BUILT_SCHEMAS = new Map<PayloadName, z.ZodType>();

function payloadSchema(name: PayloadName): z.ZodType {
  let schema = BUILT_SCHEMAS.get(name);
  if (!schema) {
    schema = PAYLOAD_SCHEMAS[name](LIVE_CONTEXT);
    BUILT_SCHEMAS.set(name, schema);
  }
  return schema;
}

/** A reason travels in a header and an Acknowledgement: long enough to fix the input, bounded. */
const MAX_PROBLEMS_IN_REASON = 20;

export function joinProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_IN_REASON).join('; ');
  const hidden = problems.length - MAX_PROBLEMS_IN_REASON;
  return hidden > 0 ? `${shown}; and ${hidden} more problems` : shown;
}

/** Throws INVALID_ENVELOPE listing every broken rule. Expiry and signature are checked elsewhere. */
export function validateEnvelope(envelope: Envelope, nowMs: number): void {
  const problems = envelopeProblems(envelope, nowMs);
  if (problems.length > 0) throw new RejectionError('INVALID_ENVELOPE', joinProblems(problems));
}

/** Throws INVALID_PAYLOAD listing every broken rule of the payload, including rules tying it to its envelope. */
export function validatePayload(decoded: DecodedPayload, envelope: Envelope, nowMs: number): void {
  const problems = payloadProblems(decoded, envelope, nowMs);
  if (problems.length > 0) throw new RejectionError('INVALID_PAYLOAD', joinProblems(problems));
}

/** Envelope first: payload rules lean on envelope fields, so they are only meaningful once it is sound. */
export function validateMessage(envelope: Envelope, decoded: DecodedPayload, nowMs: number): void {
  validateEnvelope(envelope, nowMs);
  validatePayload(decoded, envelope, nowMs);
}

/** Payload problems as "<payload>.<field>: <rule>" lines; empty when valid. */
export function payloadProblems(
  decoded: DecodedPayload, envelope: Envelope | v1.Envelope.$Properties, nowMs: number,
): string[] {
  const root = decoded.name.replaceAll('-', '_');
  const declared = payloadKindByType(Number(envelope.payloadType ?? 0));
  if (declared && declared.name !== decoded.name) {
    return [`${root}: is a ${decoded.name} but the envelope's payload_type names ${declared.name}`];
  }
  const context: PayloadContext = { envelope: envelopeFacts(envelopeObject(envelope)), nowMs };
  const object = payloadKindByName(decoded.name).messageClass.toObject(decoded.message, TO_OBJECT);
  currentContext.value = context;
  try {
    const result = parseWithProblems(payloadSchema(decoded.name), object, root, { snakeCase: true });
    return [...(result.ok ? [] : result.problems), ...matchingKeyProblems(decoded, root)];
  } finally {
    currentContext.value = undefined;
  }
}

export { envelopeProblems, type EnvelopeRuleOptions };
