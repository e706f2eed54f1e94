// Why the hub or a node refuses a message. These codes travel on the wire (the Tipnet-Reason
// header of a dead letter and Acknowledgement.reason_code), so a code is never renamed or reused.
// Every rejection is permanent: resending the same bytes gets the same answer.

export const REASON_CODES = Object.freeze({
  OVERSIZE: 'The envelope is larger than the hub accepts.',
  ENVELOPE_UNDECODABLE: 'The bytes are not a protobuf asean.tip.v1.Envelope.',
  PAYLOAD_UNDECODABLE: 'The payload bytes do not decode as the message its payload_type names.',
  UNKNOWN_PAYLOAD_TYPE: 'The payload_type is not one this version of the contract knows.',
  INVALID_ENVELOPE: 'An envelope field breaks a rule of the contract (the reason names the field).',
  INVALID_PAYLOAD: 'A payload field breaks a rule of the contract (the reason names the field).',
  SENDER_MISMATCH: 'The envelope names a sender other than the state whose subject it was published on.',
  TRAFFIC_CLASS_MISMATCH: 'The exercise flag does not match the real or exercise subject it was published on.',
  UNKNOWN_KEY: 'The key_id is not in the key directory, or the key has been revoked or is not yet valid.',
  KEY_NOT_OWNED_BY_SENDER: 'The key_id belongs to a state other than the sender.',
  SIGNATURE_INVALID: 'The Ed25519 signature does not verify over the signing input.',
  EXPIRED: 'The message expired before it could be delivered.',
  RED_NEEDS_NAMED_RECIPIENTS: 'TLP:RED may only go to named recipients, never by broadcast, route role or group.',
  NO_RECIPIENTS: 'The distribution resolves to no recipient other than the sender.',
  UNKNOWN_RECIPIENT: 'A named recipient is not a state of this hub.',
  UNKNOWN_SHARING_GROUP: 'The sharing group is not defined in the topology.',
  FORWARDING_FORBIDDEN: 'The message forwards TLP:AMBER+STRICT content, which recipients may not forward.',
  NOT_A_DRILL_PARTICIPANT: 'Exercise traffic names a state that does not take part in the drill.',
  NOT_A_DRILL_CONTROLLER: 'Only a state the hub operator allows may start a drill, and only the state that started a drill may steer or end it.',
  DRILL_ENDED: 'The drill has ended (its controller sent END, or its time window passed); the hub takes none of its traffic any more.',
  DRILL_ID_IN_USE: 'A drill with this id was already started by another message; a new drill needs a new id.',
  PARTNER_NOT_PERMITTED: 'A partner state may only reply to, or send to, named recipients.',
  RETRACTION_NOT_OWNER: 'Only the state that sent a message may retract it.',
  UNKNOWN_MESSAGE: 'The message it acknowledges, answers or retracts is not known to the hub.',
  NOT_A_RECIPIENT: 'Only a state that received a message may acknowledge or answer it.',
  MESSAGE_ID_TAKEN: 'The message_id belongs to a message another state sent; ids are bound to their first sender.',
  MESSAGE_ID_REUSED: 'The sender already sent different content under this message_id; new content needs a new id.',
  INVALID_SUBJECT: 'The submission subject is not tip.v1.submit.<STATE>.<real|exercise>.<payload>.',
  UNKNOWN_HIT: 'The hit the request follows up is not one the hub reported to the sender.',
  NOT_HIT_COUNTERPART: "The request follows up a hit, but its requested_state is not that hit's counterpart.",
  RATE_LIMITED: 'The state sent more hit/no-hit queries than the hub answers in the current window; ask again later.',
  PROCESSING_FAILED: 'The hub failed to process the message after repeated attempts; its operator has the details.',
});

export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASON_CODES, value);
}
