// Input from a person or another system that breaks a rule. Unlike a RejectionError it never
// travels on the wire: the CLI prints it, the HTTP API returns it as a 400 with the problem list.

export class InputValidationError extends Error {
  override readonly name = 'InputValidationError';
  readonly code = 'INVALID_INPUT';
  /** One line per problem, each naming the field and the rule; never the rejected value. */
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`invalid ${source}:\n  - ${problems.join('\n  - ')}`, options);
    this.problems = Object.freeze([...problems]);
  }
}
