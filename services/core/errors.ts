import { REASON_CODES, type ReasonCode } from './reason-codes.ts';

/**
 * A refusal with a wire code. `message` is safe to send back to the sender (it names the field and
 * rule, never victim data); `cause` keeps the underlying error for logs only.
 */
export class RejectionError extends Error {
  override readonly name = 'RejectionError';
  readonly code: ReasonCode;

  constructor(code: ReasonCode, message: string = REASON_CODES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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
