// Every NATS subject, stream name and header tipnet uses, defined once. Builders validate their
// input so a typo cannot publish to a subject nobody reads.
import { HUB_SENDER, isStateCode, type StateCode } from './member-states.ts';
import { PAYLOAD_NAMES, type PayloadName } from './payload-registry.ts';
import type { ReasonCode } from './reason-codes.ts';

export const SUBJECT_ROOT = 'tip.v1';
export type TrafficClass = 'real' | 'exercise';
export const TRAFFIC_CLASSES: readonly TrafficClass[] = ['real', 'exercise'];

export const STREAMS = Object.freeze({
  /** Envelopes as states submitted them, before any check. */
  submissions: 'TIP_SUBMISSIONS',
  /** Envelopes the hub accepted, one copy per recipient, until each is in the recipient's inbox. */
  deliveries: 'TIP_DELIVERIES',
  /** On each state's own leaf server (its JetStream domain): everything delivered to that state. */
  inbox: 'TIP_INBOX',
  /** Envelopes the hub refused, with the reason in headers. */
  deadLetters: 'TIP_DEAD_LETTERS',
});

export const HEADERS = Object.freeze({
  /** JetStream de-duplication key. */
  msgId: 'Nats-Msg-Id',
  /** Wire version of the payload, always "asean.tip.v1". */
  contract: 'Tipnet-Contract',
  /** Dead letters: the reason code. */
  reason: 'Tipnet-Reason',
  /** Dead letters: the readable reason. */
  reasonText: 'Tipnet-Reason-Text',
  /** Dead letters: the subject the refused envelope was submitted on. */
  originalSubject: 'Tipnet-Original-Subject',
  /** Deliveries: the state the copy is for. */
  recipient: 'Tipnet-Recipient',
  /** Outbox copies: the message's expires_at_unix_ms, so the dispatcher drops what expired while a leaf was away. */
  expiresAt: 'Tipnet-Expires-At',
});

export const CONTRACT_VERSION = 'asean.tip.v1';

/**
 * JetStream domains: the hub's, and each state's leaf (its own inbox lives there). A node's
 * client reaches the hub's streams through the domain prefix, so both sides must spell it alike.
 */
export const JETSTREAM_DOMAINS = Object.freeze({
  hub: 'hub',
  ofState: (code: string): string => requireStateCode(code).toLowerCase(),
});

/** The code, checked: builders refuse a string that is not a state known to tipnet. */
export function requireStateCode(code: string): StateCode {
  if (!isStateCode(code)) throw new RangeError(`"${code}" is not a state code known to tipnet`);
  return code;
}

function payload(name: string): PayloadName {
  if (!(PAYLOAD_NAMES as readonly string[]).includes(name)) throw new RangeError(`"${name}" is not a payload name`);
  return name as PayloadName;
}

export const subjects = Object.freeze({
  /** Where a state publishes what it sends: tip.v1.submit.<STATE>.<traffic>.<payload>. */
  submit: (sender: string, traffic: TrafficClass, payloadName: string) =>
    `${SUBJECT_ROOT}.submit.${requireStateCode(sender)}.${traffic}.${payload(payloadName)}`,
  /** Everything a state may publish. */
  submitAll: (sender: string) => `${SUBJECT_ROOT}.submit.${requireStateCode(sender)}.>`,
  /** Every submission from every state (the hub's stream and router). */
  submitAny: () => `${SUBJECT_ROOT}.submit.>`,
  /**
   * The hub's durable copy of a delivery, waiting for the recipient: tip.v1.outbox.<STATE>.<traffic>.<payload>.
   * Internal to the hub's account; no state sees these subjects.
   */
  outbox: (recipient: string, traffic: TrafficClass, payloadName: string) =>
    `${SUBJECT_ROOT}.outbox.${requireStateCode(recipient)}.${traffic}.${payload(payloadName)}`,
  outboxAll: (recipient: string) => `${SUBJECT_ROOT}.outbox.${requireStateCode(recipient)}.>`,
  outboxAny: () => `${SUBJECT_ROOT}.outbox.>`,
  /** Where the hub delivers to a state's inbox on its leaf: tip.v1.deliver.<STATE>.<traffic>.<payload>. */
  deliver: (recipient: string, traffic: TrafficClass, payloadName: string) =>
    `${SUBJECT_ROOT}.deliver.${requireStateCode(recipient)}.${traffic}.${payload(payloadName)}`,
  /** Everything delivered to one state, or one traffic class of it. */
  deliverAll: (recipient: string, traffic?: TrafficClass) =>
    `${SUBJECT_ROOT}.deliver.${requireStateCode(recipient)}.${traffic ? `${traffic}.>` : '>'}`,
  /** Refused envelopes: tip.v1.deadletter.<STATE or UNKNOWN>.<REASON>. */
  deadLetter: (sender: string, reason: ReasonCode) =>
    `${SUBJECT_ROOT}.deadletter.${isStateCode(sender) || sender === HUB_SENDER ? sender : 'UNKNOWN'}.${reason}`,
  deadLetterAny: () => `${SUBJECT_ROOT}.deadletter.>`,
  /**
   * The hub operator's signed key directory (JSON, docs/wire-contract.md section 7), published by
   * the hub services each time they apply a newer version. HUB exports it to every state as a stream.
   */
  keyDirectoryPublished: () => `${SUBJECT_ROOT}.keys.published`,
  /** Request, empty body: the reply is the signed key directory the hub services hold now. HUB exports it to every state as a service. */
  keyDirectoryCurrent: () => `${SUBJECT_ROOT}.keys.current`,
  /** Subjects a state's own software may use among itself on its leaf, never crossing to the hub. */
  localAny: () => 'tipnet.local.>',
  /** A node's audit trail on its own leaf (stream TIPNODE_AUDIT), inside localAny: never crosses to the hub. */
  auditTrail: () => 'tipnet.local.audit',
});

/**
 * The NATS client's own subjects a state's software needs on its leaf (services/nats-config
 * allows them): the JetStream API, acks and flow control, key-value buckets, request/reply
 * inboxes and service discovery.
 */
export const CLIENT_SUBJECTS = Object.freeze({
  jetStreamApi: '$JS.API.>',
  jetStreamAcks: '$JS.ACK.>',
  jetStreamFlowControl: '$JS.FC.>',
  keyValue: '$KV.>',
  replyInboxes: '_INBOX.>',
  serviceDiscovery: '$SRV.>',
});

export interface SubmissionSubject {
  readonly sender: StateCode;
  readonly traffic: TrafficClass;
  readonly payloadName: PayloadName;
}

/** Reads the authenticated sender from a submission subject; undefined if it is not one. */
export function parseSubmissionSubject(subject: string): SubmissionSubject | undefined {
  const parts = subject.split('.');
  if (parts.length !== 6 || `${parts[0]}.${parts[1]}` !== SUBJECT_ROOT || parts[2] !== 'submit') return undefined;
  const [, , , sender = '', traffic = '', payloadName = ''] = parts;
  if (!isStateCode(sender) || !TRAFFIC_CLASSES.includes(traffic as TrafficClass)) return undefined;
  if (!(PAYLOAD_NAMES as readonly string[]).includes(payloadName)) return undefined;
  return { sender, traffic: traffic as TrafficClass, payloadName: payloadName as PayloadName };
}

/**
 * The state a submission subject belongs to, even when the rest of it is malformed: only that
 * state's account can publish under tip.v1.submit.<STATE>.>, so the sender is still authenticated
 * and can be told why its submission was refused.
 */
export function submissionSender(subject: string): StateCode | undefined {
  const parts = subject.split('.');
  if (`${parts[0]}.${parts[1]}` !== SUBJECT_ROOT || parts[2] !== 'submit') return undefined;
  const sender = parts[3] ?? '';
  return isStateCode(sender) ? sender : undefined;
}

/** The traffic token of a submission subject, if it is one of the two classes. */
export function submissionTraffic(subject: string): TrafficClass | undefined {
  const token = subject.split('.')[4];
  return TRAFFIC_CLASSES.find((traffic) => traffic === token);
}

/** The delivery subject an outbox subject turns into when the hub hands it to the recipient. */
export function deliverySubjectForOutbox(outboxSubject: string): string {
  const prefix = `${SUBJECT_ROOT}.outbox.`;
  if (!outboxSubject.startsWith(prefix)) throw new RangeError(`${outboxSubject} is not an outbox subject`);
  return `${SUBJECT_ROOT}.deliver.${outboxSubject.slice(prefix.length)}`;
}

export function trafficClassOf(envelope: { exercise: boolean }): TrafficClass {
  return envelope.exercise ? 'exercise' : 'real';
}
