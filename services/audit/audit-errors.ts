// Failures of the audit trail, as coded errors: callers (the HTTP layer, the CLI) branch on the
// code. The message names what was wrong and never holds an entry's content beyond its position.
import { CodedError } from '../core/mod.ts';

export const AUDIT_ERROR_CODES = Object.freeze({
  AUDIT_ENTRY_INVALID: 'The audit entry was refused: a field is missing, too long, or holds what looks like a personal identifier.',
  AUDIT_QUERY_INVALID: 'The audit query was refused: a filter or the limit is not valid.',
  AUDIT_NO_SIGNING_KEY: "This writer has no signing key, so it cannot write checkpoints; the node's own writer does.",
  AUDIT_KEY_NOT_STATE: "The signing key belongs to another owner than the trail's state.",
  AUDIT_CONFLICT: 'Other writers kept appending; the entry was not written. Try again.',
  AUDIT_STORE_FAILED: 'The audit stream on the leaf could not be read or written.',
  AUDIT_TRAIL_NOT_FOUND: 'This leaf holds no audit trail yet (no stream TIPNODE_AUDIT).',
  AUDIT_TRAIL_BROKEN: 'The newest stored entry is not a valid entry, so nothing can be chained to it: run `tipnet audit verify`.',
  AUDIT_TRAIL_CLOSED: 'The audit trail writer was closed.',
});

export type AuditErrorCode = keyof typeof AUDIT_ERROR_CODES;

const RETRYABLE: ReadonlySet<AuditErrorCode> = new Set<AuditErrorCode>(['AUDIT_CONFLICT', 'AUDIT_STORE_FAILED']);

export class AuditError extends CodedError<AuditErrorCode> {
  override readonly name = 'AuditError';
  /** What exactly was refused (field paths and rules), for AUDIT_ENTRY_INVALID and AUDIT_QUERY_INVALID. */
  readonly problems: readonly string[];

  constructor(code: AuditErrorCode, options: { message?: string; problems?: readonly string[]; cause?: unknown } = {}) {
    const problems = options.problems ?? [];
    const message = options.message ?? (problems.length > 0 ? `${AUDIT_ERROR_CODES[code]} ${problems.join('; ')}` : AUDIT_ERROR_CODES[code]);
    super(code, message, { cause: options.cause, retryable: RETRYABLE.has(code) });
    this.problems = problems;
  }
}
