// The one mapping from errors to HTTP answers. Input problems name the field and rule; anything
// unexpected is logged with its cause and answered without it.
import { HubRuleRefusal, InputValidationError, type Logger } from '../core/mod.ts';
import { NodeRequestError, type NodeErrorCode } from './node-errors.ts';

export interface HttpAnswer {
  readonly status: number;
  readonly body: {
    readonly error: string;
    readonly message: string;
    readonly problems?: readonly string[];
    readonly retryable?: boolean;
    /** HubRuleRefusal: the hub's reason code and words. */
    readonly reasonCode?: string;
    readonly reason?: string;
  };
}

const NODE_ERROR_STATUS: Readonly<Record<NodeErrorCode, number>> = {
  UNKNOWN_MESSAGE: 404,
  NOT_ACKNOWLEDGEABLE: 409,
  INVALID_OFFICER: 400,
  NODE_STOPPED: 503,
  UNAVAILABLE: 503,
  MESSAGE_ID_IN_USE: 409,
  IDEMPOTENCY_KEY_CONFLICT: 422,
};

export class HttpInputError extends Error {
  override readonly name = 'HttpInputError';
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function errorAnswer(error: unknown, logger: Logger): HttpAnswer {
  if (error instanceof InputValidationError) {
    return { status: 400, body: { error: error.code, message: 'the input breaks the rules listed in problems; nothing was sent', problems: error.problems } };
  }
  if (error instanceof HubRuleRefusal) {
    return {
      status: 422,
      body: { error: error.code, message: `the hub would refuse this message (${error.code}); nothing was sent`, problems: error.problems, reasonCode: error.code, reason: error.reason },
    };
  }
  if (error instanceof NodeRequestError) {
    // The cause (which server, which timeout) is for the operator's log, not for the caller.
    if (error.cause !== undefined) logger.warn({ err: error.cause, code: error.code }, 'request not completed');
    return { status: NODE_ERROR_STATUS[error.code], body: { error: error.code, message: error.message, ...(error.retryable ? { retryable: true } : {}) } };
  }
  if (error instanceof HttpInputError) return { status: error.status, body: { error: error.code, message: error.message } };
  logger.error({ err: error }, 'request failed');
  // Anything unexpected (the leaf's store, a closed connection): nothing was confirmed, so the
  // client may retry with the same idempotency key.
  return { status: 503, body: { error: 'UNAVAILABLE', message: 'the node could not complete the request; retry with the same Idempotency-Key', retryable: true } };
}
