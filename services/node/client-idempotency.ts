// A national system's idempotency key, as the node keeps it: in the namespace of clients and of the
// caller (core's clientIdempotencyKey), with a digest of the request it was first used for, so the
// same key with a different body is refused rather than answered with the first message. The
// node's own keys (acknowledgements, refusals, reminders) never pass through here.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ANONYMOUS_CALLER, clientIdempotencyKey, InputValidationError, LIMITS, NODE_IDEMPOTENCY_KEY_PREFIX, parseWithProblems, requiredText,
} from '../core/mod.ts';
import type { IdempotencyClaim } from './submitter.ts';

export interface SubmitOptions {
  /** The client's key: a resend of the same request under it returns the first message id and publishes nothing new. */
  readonly idempotencyKey?: string;
  /** Who submits (an API token, a signed-in officer): each caller has its own keys. */
  readonly callerId?: string;
}

/** The same bound as the HTTP header's. */
const MAX_IDEMPOTENCY_KEY_CHARS = 200;

const submitOptionsSchema = z.object({
  idempotencyKey: z.string().min(1).max(MAX_IDEMPOTENCY_KEY_CHARS).optional(),
  callerId: requiredText(LIMITS.maxShortTextChars)
    .refine((callerId) => callerId !== ANONYMOUS_CALLER, `must not be "${ANONYMOUS_CALLER}" (it stands for no caller)`)
    .optional(),
});

/**
 * SHA-256 (hex) of the request as canonical JSON: object keys sorted at every level, so the same
 * content written in another key order or spacing is the same request.
 */
export function requestDigest(json: unknown): string {
  const canonical = JSON.stringify(json, (_key, value: unknown) => (isPlainObject(value) ? sortedByKey(value) : value)) ?? '';
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sortedByKey(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * What a client's submission claims: its key in the clients' namespace and the request's digest;
 * undefined without a key. Throws InputValidationError naming the option that breaks a rule.
 */
export function clientIdempotencyClaim(json: unknown, options: SubmitOptions = {}): IdempotencyClaim | undefined {
  const parsed = parseWithProblems(submitOptionsSchema, options);
  if (!parsed.ok) throw new InputValidationError('submit options', parsed.problems);
  const { idempotencyKey, callerId } = parsed.data;
  if (idempotencyKey === undefined) return undefined;
  return {
    key: clientIdempotencyKey(idempotencyKey, callerId),
    requestDigest: requestDigest(json),
    // Before namespaces, client keys were stored as given, among the node's own: those are never
    // looked for there, so a client cannot pick up the node's acknowledgement or reminder.
    ...(idempotencyKey.startsWith(NODE_IDEMPOTENCY_KEY_PREFIX) ? {} : { legacyKey: idempotencyKey }),
  };
}
