// Public entry of validation: semantic rules for decoded messages (router, nodes), submission input
// (CLI, node HTTP API) and start-up configuration. Import from here, not from the files behind it.
export { validateEnvelope, validatePayload, validateMessage, envelopeProblems, payloadProblems, joinProblems } from './message-rules.ts';
export { CASE_ALERT_REQUIREMENTS } from './case-alert-rules.ts';
export { CASE_REFERENCE, hasControlCharacters, LOWER_UUID, requiredText, SHARING_GROUP_SLUG } from './proto-fields.ts';
export {
  parseSubmissionInput, toEnvelopeDraft, toEnvelopeFields, submissionInputSchema, hitQueryRequestSchema, DEFAULT_LIFETIME_HOURS,
  type HitQueryRequest,
  type SubmissionInput, type ConversionOptions, type ConvertedSubmission, type UnsignedEnvelopeFields,
} from './submission-input.ts';
export { stateCodeSchema, senderCodeSchema, stateCodeInputSchema } from './state-code.ts';
export { InputValidationError } from './input-validation-error.ts';
export { HubRuleRefusal } from './hub-rule-refusal.ts';
export { parseEnv, readJsonFile } from './config-input.ts';
export { describeIssues, formatIssues, formatPath, plainErrorMap, parseWithProblems, type DescribeOptions } from './zod-errors.ts';
