import { REASON_CODES, type ReasonCode } from './reason-codes.ts';

/**
 * The one shape of every coded failure in tipnet (wire refusals, node API errors, harness and
 * bench failures): a searchable `code` to branch on, a `message` safe to show, a `cause` kept for
 * logs only, and whether trying again later can succeed. Callers branch on `code`, never on text.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly retryable: boolean;

  constructor(code: Code, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

export function isCodedError(error: unknown): error is CodedError {
  return error instanceof CodedError;
}

/**
 * A refusal with a wire code. `message` is safe to send back to the sender (it names the field and
 * rule, never victim data); `cause` keeps the underlying error for logs only. Always permanent:
 * the same bytes would be refused again.
 */
export class RejectionError extends CodedError<ReasonCode> {
  override readonly name = 'RejectionError';

  constructor(code: ReasonCode, message: string = REASON_CODES[code], options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export function isRejection(error: unknown): error is RejectionError {
  return error instanceof RejectionError;
}

/** Invalid configuration or start-up input: the process cannot run until an operator fixes it. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`invalid ${source}:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}
