// A submission the hub would refuse by one of its routing rules (not a malformed field): the node
// says so before sending, with the hub's reason code and the hub's words, naming the input field
// to change. The HTTP API answers it 422 (services/node/http-errors.ts); the CLI prints it.
import type { RejectionError } from '../errors.ts';
import type { ReasonCode } from '../reason-codes.ts';

/** The submission field each pre-send rule is about, in the input's own names. */
const FIELD_OF: Partial<Record<ReasonCode, string>> = {
  RED_NEEDS_NAMED_RECIPIENTS: 'distribution.mode',
  PARTNER_NOT_PERMITTED: 'distribution.mode',
  NO_RECIPIENTS: 'distribution.routeRoles',
};

export class HubRuleRefusal extends Error {
  override readonly name = 'HubRuleRefusal';
  /** The reason code the hub would answer with (section 8 of the wire contract). */
  readonly code: ReasonCode;
  /** The hub's own words for it. */
  readonly reason: string;
  /** The input field to change. */
  readonly field: string;
  /** One line, as input problems read: "<field>: <CODE>: <the hub's words>". */
  readonly problems: readonly string[];

  /** `field` when the caller knows it better than the code does (a reply's reference field). */
  constructor(rejection: RejectionError, field?: string) {
    super(`the hub would refuse this message: ${rejection.code}: ${rejection.message}`, { cause: rejection });
    this.code = rejection.code;
    this.reason = rejection.message;
    this.field = field ?? FIELD_OF[rejection.code] ?? '(message)';
    this.problems = Object.freeze([`${this.field}: ${this.code}: ${this.reason}`]);
  }
}
