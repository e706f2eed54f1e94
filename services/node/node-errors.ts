// Refusals of a node's own API (not of the wire): the HTTP layer maps each code to a status.
import { CodedError } from '../core/mod.ts';
export const NODE_ERROR_CODES = Object.freeze({
  UNKNOWN_MESSAGE: 'This node neither sent nor received a message with that id.',
  NOT_ACKNOWLEDGEABLE: 'Only a message another state sent to this state can be acknowledged.',
  INVALID_OFFICER: 'An officer id is 1 to 64 letters, digits, dots, dashes or underscores.',
  NODE_STOPPED: 'The node service has stopped.',
  UNAVAILABLE: 'The hub did not confirm the submission in time. Retry with the same Idempotency-Key: the node resends the same signed message, so it is delivered once.',
  MESSAGE_ID_IN_USE: 'This node already sent or received a message with that messageId; leave messageId out or choose a new one. Nothing was sent.',
  IDEMPOTENCY_KEY_CONFLICT: 'This Idempotency-Key was first used for a different request. Nothing was sent; send new or corrected content under a new key.',
});

export type NodeErrorCode = keyof typeof NODE_ERROR_CODES;

/** Codes a national system may simply retry later (with the same Idempotency-Key); every other code is final. */
const RETRYABLE: ReadonlySet<NodeErrorCode> = new Set<NodeErrorCode>(['UNAVAILABLE']);

export class NodeRequestError extends CodedError<NodeErrorCode> {
  override readonly name = 'NodeRequestError';

  /** `cause` is for logs only: the HTTP answer carries the code and message, never the cause. */
  constructor(code: NodeErrorCode, message: string = NODE_ERROR_CODES[code], options?: { cause?: unknown }) {
    super(code, message, { ...options, retryable: RETRYABLE.has(code) });
  }
}
