// Names that outlive a process: durable consumers, key-value buckets and the idempotency keys a
// node derives itself. Defined once, because a rename here orphans a consumer or a bucket on every
// running hub and node; changing one is a migration, not a refactor.
import { requireStateCode } from './subjects.ts';

export const CONSUMERS = Object.freeze({
  /** The hub's router, shared by every router instance (they share the work). */
  router: 'router',
  /** The hub's dispatcher for one recipient state. */
  dispatcher: (code: string): string => `dispatch-${requireStateCode(code)}`,
  /** A node's own reader of its inbox. */
  node: 'node',
  /** A liaison officer's durable feed on the node's inbox (the officer id is checked by the caller). */
  officerFeed: (officerId: string): string => `feed-${officerId}`,
  /** The drill's observer of each participant's inbox. */
  drillObserver: 'drill-observer',
});

export const BUCKETS = Object.freeze({
  /** Hub: who first used each message id, recipients, content holders, identifier sightings. */
  messageIndex: 'TIP_MESSAGE_INDEX',
  /** Node (on its own leaf): what it sent, received, the idempotency records, escalations, refusals. */
  nodeSent: 'TIPNODE_SENT',
  nodeReceived: 'TIPNODE_RECEIVED',
  nodeIdempotency: 'TIPNODE_IDEMPOTENCY',
  nodeEscalations: 'TIPNODE_ESCALATIONS',
  nodeRefused: 'TIPNODE_REFUSED',
});

/** Idempotency keys a node makes for messages it sends on its own behalf (never a national system's). */
export const NODE_IDEMPOTENCY_KEYS = Object.freeze({
  acknowledgement: (messageId: string, status: string): string => `tipnet-ack:${messageId}:${status}`,
  reminder: (requestMessageId: string): string => `tipnet-reminder:${requestMessageId}`,
});
