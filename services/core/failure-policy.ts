// One failure policy for every JetStream consumer in tipnet. A failure is either retryable (a
// broker or store that will come back: nak with a growing delay, logged with its cause) or
// permanent (the same message would fail again: dead-letter it with a reason, or drop it where
// the consumer has no dead letters, and say so in the log). Nothing is retried forever in silence:
// after `maxAttempts` deliveries a retryable failure is given up as permanent too.
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { isCodedError } from './errors.ts';

export interface RetryPolicy {
  /** Delay before the second delivery; it doubles with each attempt. */
  readonly firstDelayMs: number;
  /** The delay never grows past this. */
  readonly maxDelayMs: number;
  /** Deliveries after which the consumer gives up on the message. */
  readonly maxAttempts: number;
}

/**
 * The hub's routing and dispatching: a message that failed five times (a quorum loss that lasts,
 * a bug) is dead-lettered and its sender told, rather than blocking its sender's lane.
 */
export const HUB_RETRY_POLICY: RetryPolicy = Object.freeze({ firstDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 5 });

/**
 * A state's own inbox: its messages have nowhere else to go, so a node keeps trying for about a
 * day (hub or local store outages) before it records the message as unprocessable.
 */
export const NODE_RETRY_POLICY: RetryPolicy = Object.freeze({ firstDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 1_500 });

export type FailureVerdict =
  | { readonly action: 'retry'; readonly delayMs: number; readonly attempt: number }
  | { readonly action: 'give-up'; readonly attempt: number; readonly why: 'permanent' | 'attempts-exhausted' };

/** The delay before the next delivery after `attempt` failed deliveries (1-based). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
}

/**
 * Whether an error can go away by itself. Coded errors say so themselves; JetStream API errors
 * are judged by their server code; connection-level failures (timeouts, no responders, a closed
 * connection) are retryable. An unknown error is treated as retryable, bounded by maxAttempts.
 */
export function isRetryableFailure(error: unknown): boolean {
  if (isCodedError(error)) return error.retryable;
  if (error instanceof JetStreamApiError) return !PERMANENT_JETSTREAM_CODES.has(error.code);
  return true;
}

/** Server error codes that the same request would meet again. */
const PERMANENT_JETSTREAM_CODES: ReadonlySet<number> = new Set<number>([
  JetStreamApiCodes.StreamNotFound,
  JetStreamApiCodes.ConsumerNotFound,
  JetStreamApiCodes.JetStreamNotEnabledForAccount,
]);

export function judgeFailure(error: unknown, attempt: number, policy: RetryPolicy): FailureVerdict {
  if (!isRetryableFailure(error)) return { action: 'give-up', attempt, why: 'permanent' };
  if (attempt >= policy.maxAttempts) return { action: 'give-up', attempt, why: 'attempts-exhausted' };
  return { action: 'retry', delayMs: retryDelayMs(policy, attempt), attempt };
}

/** True when `error` is a JetStream API error with this server code (never judged by its text). */
export function hasJetStreamCode(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

export { JetStreamApiCodes };
