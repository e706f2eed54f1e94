// Refusals of a node's own API (not of the wire): the HTTP layer maps each code to a status.
export const NODE_ERROR_CODES = Object.freeze({
  UNKNOWN_MESSAGE: 'This node neither sent nor received a message with that id.',
  NOT_ACKNOWLEDGEABLE: 'Only a message another state sent to this state can be acknowledged.',
  INVALID_OFFICER: 'An officer id is 1 to 64 letters, digits, dashes or underscores.',
  NODE_STOPPED: 'The node service has stopped.',
});

export type NodeErrorCode = keyof typeof NODE_ERROR_CODES;

export class NodeRequestError extends Error {
  override readonly name = 'NodeRequestError';
  readonly code: NodeErrorCode;

  constructor(code: NodeErrorCode, message: string = NODE_ERROR_CODES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
